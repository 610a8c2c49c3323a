"""Back, Forward and Home drawn in the window's text colour, and drawn again when the palette
changes (a switch to a dark theme): a fixed grey falls below 3:1 on some dark palettes, and in
a narrow window the icons stand alone, without their names."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QWidget

from matrixdesk.ui.icons import toolbar_icon


class ToolbarIcons(QObject):
    def __init__(self, window: QWidget, icons: dict[QAction, str]) -> None:
        """`icons`: each action and the name of its icon ("back", "forward", "home")."""
        super().__init__(window)
        self.window = window
        self.icons = icons
        window.installEventFilter(self)
        self._colour()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()
        return False

    def _colour(self) -> None:
        colour = self.window.palette().color(QPalette.ColorRole.WindowText).name()
        for action, name in self.icons.items():
            action.setIcon(toolbar_icon(name, colour))
