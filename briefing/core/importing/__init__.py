"""Importing stage of the core."""
