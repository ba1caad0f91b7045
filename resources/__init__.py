"""Bundled resources (templates, brands, fonts, icons, demo article); data only."""
