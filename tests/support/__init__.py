"""Helpers for the tests, benchmarks and scripts that drive real editors and render workers,
and the makers of the test documents (PDF, Word, OpenDocument, e-mail).

Nothing in ``briefing/`` imports this package: fakes reach the product through parameters.
"""
