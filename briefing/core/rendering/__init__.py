"""Rendering stage of the core."""
