"""The editor's faces of the analyst's memory: the Library window, the What-changed view and
the Ledger window, over :mod:`briefing.core.memory` (work runs off the UI thread)."""
