"""The find-in-page bar: a field, the match count, previous/next, and close (Esc); its controls
wrap onto more lines in a narrow window or at a large zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget

from matrixdesk.ui.accessible_names import name_clear_button
from matrixdesk.ui.announce import announce
from matrixdesk.ui.flow_layout import FlowLayout, labelled
from matrixdesk.ui.readable_palette import keep_readable


def text_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    return button


class FindBar(QWidget):
    find_requested = Signal(str)
    """The text to find (possibly empty), each time it changes."""
    step_requested = Signal(int)
    """+1 for the next match, -1 for the previous one."""
    closed = Signal()
    """The bar was closed: matches should no longer be highlighted."""
    show_all_requested = Signal()
    """Show all studies: some matches are in studies the type filter hides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in page")
        self.field.setAccessibleName("Find in page")
        self.field.setClearButtonEnabled(True)
        keep_readable(self.field)
        name_clear_button(self.field, "Clear the text to find")
        self.count = QLabel()
        self.count.setMinimumWidth(110)
        self.count.setWordWrap(True)  # "No matches shown (3 in studies the filter hides)"
        self.show_all = text_button("Show all studies")
        self.show_all.setToolTip("Clear the type filter, to see the matches it hides")
        self.show_all.hide()
        self.previous = text_button("Previous")
        self.previous.setToolTip("Previous match (Shift+F3)")
        self.next = text_button("Next")
        self.next.setToolTip("Next match (F3 or Enter)")
        close = text_button("Close")
        close.setToolTip("Close the find bar (Esc)")
        layout = FlowLayout(self)
        layout.setContentsMargins(18, 4, 18, 4)
        layout.addWidget(labelled("Find:", self.field))
        layout.addWidget(self.count)
        layout.addWidget(self.show_all)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(close)
        self.field.textChanged.connect(self.find_requested)
        self.field.returnPressed.connect(lambda: self.step_requested.emit(1))
        self.previous.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next.clicked.connect(lambda: self.step_requested.emit(1))
        close.clicked.connect(self.close_bar)
        self.show_all.clicked.connect(self.show_all_requested)
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

    def show_count(self, current: int, total: int, hidden: int = 0) -> None:
        """Say which match is current of how many; and how many more the type filter hides."""
        if not self.field.text():
            text = ""
        elif total:
            text = f"{current} of {total}"
            text += f" ({hidden} more in studies the filter hides)" if hidden else ""
        elif hidden:
            text = f"No matches shown ({hidden} in studies the filter hides)"
        else:
            text = "No matches"
        self.count.setText(text)
        self.show_all.setVisible(bool(self.field.text() and hidden))
        if text:
            announce(self.field, text)

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
