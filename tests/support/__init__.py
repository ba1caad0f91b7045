"""Helpers for the tests, benchmarks and scripts that drive real editors and render workers.

Nothing in ``briefing/`` imports this package: fakes reach the product through parameters.
"""
