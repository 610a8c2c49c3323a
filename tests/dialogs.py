"""Answering message boxes the way a user does (test support, no tests)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_dialog(button_text: str) -> list[str]:
    """Press `button_text` in the next message box that opens; returns what the box said (its
    text and informative text), filled in once it has been answered."""
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not open yet: look again shortly
            QTimer.singleShot(10, answer)
            return
        said.extend([box.text(), box.informativeText()])
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    QTimer.singleShot(0, answer)
    return said


def press_enter_in_next_dialog() -> None:
    """Press Enter in the next message box that opens, as a reader accepting its default does."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press)
