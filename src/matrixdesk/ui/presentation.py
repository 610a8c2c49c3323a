"""Presentation mode (F11): the page alone, full screen, in large text, for a projector in a
team meeting. Leaving it (F11 or Esc) puts back the window as it was."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStatusBar, QToolBar, QWidget


class Presentation(QObject):
    changed = Signal(bool)
    """Presentation mode was entered (True) or left (False): the window sizes its text for it."""

    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.action = action
        self.active = False
        self._state_before = Qt.WindowState.WindowNoState
        self._hidden: list[QWidget] = []
        action.toggled.connect(self._set)

    def leave(self) -> None:
        self.action.setChecked(False)

    def _chrome(self) -> list[QWidget]:
        """What a projector need not show: the menus, toolbars and status bar."""
        window = self.window
        # findChildren, not statusBar(): that would make a status bar where there is none.
        return [
            window.menuBar(),
            *window.findChildren(QToolBar),
            *window.findChildren(QStatusBar),
        ]

    @Slot(bool)
    def _set(self, on: bool) -> None:
        if on == self.active:
            return
        window = self.window
        if on:
            self._state_before = window.windowState()
            self._hidden = [widget for widget in self._chrome() if widget.isVisible()]
            for widget in self._hidden:
                widget.hide()
            window.setWindowState(self._state_before | Qt.WindowState.WindowFullScreen)
        else:
            for widget in self._hidden:
                widget.show()
            self._hidden = []
            window.setWindowState(self._state_before)
        self.active = on
        self.changed.emit(on)
