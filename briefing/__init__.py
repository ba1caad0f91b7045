"""Briefing: turn the articles you read into short, branded briefing notes."""

__version__ = "0.1.0"
