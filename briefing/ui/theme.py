"""Light and dark: Fusion follows the system colour scheme; where the platform reports a dark
scheme but hands Qt no dark palette (some Linux desktops), a dark Fusion palette is applied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def dark_palette() -> QPalette:
    """A dark palette in Fusion's spirit: dark grey surfaces, light text, blue highlights."""
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    for role, color in (
        (Role.Window, window),
        (Role.WindowText, text),
        (Role.Base, base),
        (Role.AlternateBase, QColor("#26282b")),
        (Role.ToolTipBase, QColor("#3c3f41")),
        (Role.ToolTipText, text),
        (Role.PlaceholderText, QColor("#8c9098")),
        (Role.Text, text),
        (Role.Button, QColor("#3c3f41")),
        (Role.ButtonText, text),
        (Role.BrightText, QColor("#ff6b6b")),
        (Role.Light, QColor("#4a4d50")),
        (Role.Midlight, QColor("#3f4245")),
        (Role.Mid, QColor("#323437")),
        (Role.Dark, QColor("#191a1c")),
        (Role.Shadow, QColor("#000000")),
        (Role.Highlight, QColor("#2f65ca")),
        (Role.HighlightedText, QColor("#ffffff")),
        (Role.Link, QColor("#6ea8fe")),
        (Role.LinkVisited, QColor("#b69cff")),
    ):
        p.setColor(role, color)
    disabled = QColor("#7a7e85")
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        p.setColor(Group.Disabled, role, disabled)
    return p


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def follow_color_scheme(app: QGuiApplication) -> None:
    """Apply the dark palette now and whenever the system switches to a dark scheme."""

    def apply(scheme: Qt.ColorScheme) -> None:
        wants_dark = scheme == Qt.ColorScheme.Dark
        if wants_dark and not is_dark(app.palette()):
            app.setPalette(dark_palette())
        elif not wants_dark and getattr(app, "_briefing_dark", False):
            app.setPalette(QPalette())  # back to the style's own (light) palette
        app._briefing_dark = wants_dark and is_dark(app.palette())  # type: ignore[attr-defined]

    apply(app.styleHints().colorScheme())
    app.styleHints().colorSchemeChanged.connect(apply)
