"""Storage stage of the core."""
