"""The Qt-free core of Briefing: import, draft, render, export, store."""
