"""The find-in-page bar: a field, the match count, previous/next, and close (Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(str)
    """The text to find (possibly empty), each time it changes."""
    step_requested = Signal(int)
    """+1 for the next match, -1 for the previous one."""
    closed = Signal()
    """The bar was closed: matches should no longer be highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in page")
        self.field.setAccessibleName("Find in page")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(110)
        self.previous = QToolButton(text="Previous")
        self.previous.setToolTip("Previous match (Shift+F3)")
        self.next = QToolButton(text="Next")
        self.next.setToolTip("Next match (F3 or Enter)")
        close = QToolButton(text="Close")
        close.setToolTip("Close the find bar (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 4, 18, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(close)
        self.field.textChanged.connect(self.find_requested)
        self.field.returnPressed.connect(lambda: self.step_requested.emit(1))
        self.previous.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next.clicked.connect(lambda: self.step_requested.emit(1))
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.find_requested.emit(self.field.text())

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int) -> None:
        if not self.field.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{current} of {total}")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            self.step_requested.emit(-1)
            return
        if event.matches(QKeySequence.StandardKey.FindNext):
            self.step_requested.emit(1)
            return
        super().keyPressEvent(event)
