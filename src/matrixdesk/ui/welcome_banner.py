"""The first start's word on what the pack holds: a band above the home grid, not a dialog in
the way, said once and closed with a button or Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


def welcome_text(coverage: str) -> str:
    return (
        f"Welcome to MatrixDesk. {coverage} Open a cell shown by title only to see the web "
        "address of its page. Help > User guide (F1) explains the rest."
    )


class WelcomeBanner(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the coverage names the pack's matrices
        self.text.setWordWrap(True)
        self.close_button = QPushButton("Got it")
        self.close_button.setAccessibleName("Close the welcome message")
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.said = False
        self.hide()

    def say(self, coverage: str) -> None:
        self.said = True
        self.text.setText(welcome_text(coverage))
        self.setAccessibleName("Welcome")
        self.setAccessibleDescription(self.text.text())
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
