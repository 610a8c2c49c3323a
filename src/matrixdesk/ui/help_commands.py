"""The Help menu's commands: the user guide, the keyboard shortcuts and the About box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDialog, QMainWindow

from matrixdesk.core.views import PackSummary
from matrixdesk.ui.window_actions import WindowActions

if TYPE_CHECKING:
    from matrixdesk.ui.user_guide import UserGuide


class HelpCommands(QObject):
    def __init__(
        self, window: QMainWindow, actions: WindowActions, summary: PackSummary, coverage: str
    ) -> None:
        super().__init__(window)
        self.window = window
        self.summary = summary
        self.coverage = coverage
        self.guide: UserGuide | None = None
        self.dialog: QDialog | None = None
        """The shortcut list or About box last opened (window-modal, never blocking the loop)."""
        actions.user_guide.triggered.connect(self.show_guide)
        actions.shortcut_list.triggered.connect(self.show_shortcuts)
        actions.about.triggered.connect(self.show_about)

    @Slot()
    def show_guide(self) -> None:
        # Built on first use (off the start-up path), then kept: F1 again brings it forward.
        from matrixdesk.ui.user_guide import UserGuide

        if self.guide is None:
            self.guide = UserGuide(self.window)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    @Slot()
    def show_shortcuts(self) -> None:
        from matrixdesk.ui.shortcut_list import ShortcutList

        self._open(ShortcutList(self.window.menuBar(), self.window))

    @Slot()
    def show_about(self) -> None:
        from matrixdesk.ui.about_box import AboutBox

        self._open(AboutBox(self.summary, self.coverage, self.window))

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _forget(self) -> None:
        self.dialog = None
