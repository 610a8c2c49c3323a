"""History (Ctrl+H): the places read lately, newest first, to open again; and "Clear history",
which asks first. Kept in the user database; Back and Forward keep their own, shorter list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton, QWidget

from matrixdesk.ui.places_dialog import GONE, PlacesDialog

if TYPE_CHECKING:
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import HistoryItem


def when(stamp: str) -> str:
    """A visit's time as the reader's clock shows it ("2 Dec 2026, 14:05")."""
    moment = datetime.fromisoformat(stamp).astimezone()
    return f"{moment.day} {moment:%b %Y, %H:%M}"


class HistoryDialog(PlacesDialog["HistoryItem"]):
    cleared = Signal()
    """The history was cleared (and that is saved)."""

    def __init__(self, layer: UserLayer, exists: Callable[[str], bool], parent: QWidget) -> None:
        """`exists(address)`: whether this pack has the place."""
        super().__init__("History", "Nothing read yet, or the history was cleared.", exists, parent)
        self.layer = layer
        self.list.setAccessibleName("Places read lately")
        self.clear_button = QPushButton("&Clear history…")
        self.buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self._ask_to_clear)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        data = self.layer.data
        self.show_kept(data.history() if data is not None else (), _words)
        if self.kept:
            self.list.setCurrentRow(0)  # the latest

    def enable_for(self, chosen: HistoryItem | None) -> None:
        self.clear_button.setEnabled(bool(self.kept))

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


def _words(visit: HistoryItem, here: bool) -> str:
    title = visit.title if here else f"{visit.title} ({GONE})"
    return f"{title}\n{when(visit.visited_at)}"
