"""The toolbar's search field: typing searches; Down moves into the results; Esc clears."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from matrixdesk.ui.accessible_names import name_clear_button
from matrixdesk.ui.readable_palette import keep_readable

# Qt's own width hint for a line edit: room for this many "x", and its frame, margins and buttons.
_QT_HINT_CHARS = 17


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
        keep_readable(self)  # the placeholder, which says the shortcut
        name_clear_button(self, "Clear the search")
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        """Never narrower than its placeholder, which says what the box is for and its key, at
        any zoom; the toolbar gives the box its own row rather than less."""
        metrics = self.fontMetrics()
        around = super().sizeHint().width() - metrics.horizontalAdvance("x") * _QT_HINT_CHARS
        self.setMinimumWidth(metrics.horizontalAdvance(self.placeholderText()) + around)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_placeholder()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)
