"""The toolbar's search field: typing searches; Down moves into the results; Esc clears."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from matrixdesk.ui.accessible_names import name_clear_button
from matrixdesk.ui.readable_palette import keep_readable


class SearchBox(QLineEdit):
    down_pressed = Signal()
    """Down was pressed: move into the results."""
    escape_pressed = Signal()
    """Esc was pressed: clear the search and go back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search this pack (Ctrl+K)")
        self.setAccessibleName("Search")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        keep_readable(self)  # the placeholder, which says the shortcut
        name_clear_button(self, "Clear the search")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)
