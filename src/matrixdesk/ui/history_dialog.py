"""History (Ctrl+H): the places read lately, newest first, to open again; and "Clear history",
which asks first. Kept in the user database; Back and Forward keep their own, shorter list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import HistoryItem


def when(stamp: str) -> str:
    """A visit's time as the reader's clock shows it ("2 Dec 2026, 14:05")."""
    moment = datetime.fromisoformat(stamp).astimezone()
    return f"{moment.day} {moment:%b %Y, %H:%M}"


class HistoryDialog(QDialog):
    open_requested = Signal(str)
    """The address of a place the reader chose to open again."""
    cleared = Signal()
    """The history was cleared (and that is saved)."""

    def __init__(self, layer: UserLayer, exists: Callable[[str], bool], parent: QWidget) -> None:
        """`exists(address)`: whether this pack has the place."""
        super().__init__(parent)
        self.setWindowTitle("History")
        self.layer = layer
        self.exists = exists
        self.visits: list[HistoryItem] = []
        self.empty = QLabel("Nothing read yet, or the history was cleared.")
        self.list = QListWidget()
        self.list.setAccessibleName("Places read lately")
        self.list.setWordWrap(True)  # long titles wrap, never cut off
        self.open_button = QPushButton("&Open")
        self.clear_button = QPushButton("&Clear history…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self._open)
        self.list.itemActivated.connect(self._open)
        self.clear_button.clicked.connect(self._ask_to_clear)
        self.list.currentRowChanged.connect(self._enable)
        self.resize(520, 460)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        data = self.layer.data
        self.visits = list(data.history()) if data is not None else []
        self.list.clear()
        for visit in self.visits:
            item = QListWidgetItem(f"{visit.title}\n{when(visit.visited_at)}")
            item.setToolTip(visit.address)
            if not self.exists(visit.address):
                item.setText(f"{visit.title} (no longer in this pack)\n{when(visit.visited_at)}")
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        self.empty.setVisible(not self.visits)
        self.list.setVisible(bool(self.visits))
        if self.visits:
            self.list.setCurrentRow(0)
        self._enable()

    def _chosen(self) -> HistoryItem | None:
        row = self.list.currentRow()
        return self.visits[row] if 0 <= row < len(self.visits) else None

    @Slot()
    def _enable(self) -> None:
        chosen = self._chosen()
        self.open_button.setEnabled(chosen is not None and self.exists(chosen.address))
        self.clear_button.setEnabled(bool(self.visits))

    @Slot()
    def _open(self) -> None:
        chosen = self._chosen()
        if chosen is not None and self.exists(chosen.address):
            self.open_requested.emit(chosen.address)
            self.close()

    @Slot()
    def _ask_to_clear(self) -> None:
        ask = QMessageBox(
            QMessageBox.Icon.Question,
            "Clear history",
            "Forget every place read? Bookmarks, notes and course progress are kept.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        clear = ask.addButton("Clear history", QMessageBox.ButtonRole.DestructiveRole)
        ask.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ask.finished.connect(lambda _: self._clear() if ask.clickedButton() is clear else None)
        ask.open()

    def _clear(self) -> None:
        self.layer.write(lambda d: d.clear_history(), lambda _: self._cleared())

    def _cleared(self) -> None:
        self.refresh()
        self.cleared.emit()
