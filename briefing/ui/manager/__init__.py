"""The template and brand manager: list, edit, preview, share templates and house styles."""

from briefing.ui.manager.transfer import save_briefing_as_template
from briefing.ui.manager.window import ManagerWindow

__all__ = ["ManagerWindow", "save_briefing_as_template"]
