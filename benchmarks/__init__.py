"""Measured speed and memory figures; run with ``python -m benchmarks``."""
