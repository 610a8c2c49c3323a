"""What the Bookmarks and History dialogs share: a list of places the reader kept, each to open
again (Enter, a double-click or Open), and a place this pack no longer has listed as such, with
its words, never dropped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

GONE = "no longer in this pack"


class Place(Protocol):
    @property
    def address(self) -> str: ...


Kept = TypeVar("Kept", bound=Place)
"""A bookmark or a visit: anything with an `address`."""


class PlacesDialog(QDialog, Generic[Kept]):
    open_requested = Signal(str)
    """The address of a place the reader chose to open."""

    def __init__(
        self, title: str, empty: str, exists: Callable[[str], bool], parent: QWidget
    ) -> None:
        """`empty`: what the dialog says when it lists nothing; `exists(address)`: whether this
        pack has the place."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.exists = exists
        self.kept: list[Kept] = []
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)  # long titles wrap, never cut off
        self.open_button = QPushButton("&Open")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.open_button.clicked.connect(self._open)
        self.list.itemActivated.connect(self._open)
        self.list.currentRowChanged.connect(self._enable)
        self.resize(520, 440)

    def show_kept(self, kept: Sequence[Kept], words: Callable[[Kept, bool], str]) -> None:
        """List `kept`, each in `words(item, in_this_pack)`, the reader's place in the list kept."""
        row = self.list.currentRow()
        self.kept = list(kept)
        self.list.clear()
        for item in self.kept:
            address = item.address
            here = self.exists(address)
            shown = QListWidgetItem(words(item, here))
            shown.setToolTip(address)
            if not here:
                shown.setForeground(self.palette().placeholderText())
            self.list.addItem(shown)
        self.empty.setVisible(not self.kept)
        self.list.setVisible(bool(self.kept))
        if self.kept:
            self.list.setCurrentRow(min(max(row, 0), len(self.kept) - 1))
        self._enable()

    def chosen(self) -> Kept | None:
        row = self.list.currentRow()
        return self.kept[row] if 0 <= row < len(self.kept) else None

    def enable_for(self, chosen: Kept | None) -> None:
        """Enable the dialog's own buttons for `chosen` (None: nothing chosen)."""

    @Slot()
    def _enable(self) -> None:
        chosen = self.chosen()
        here = chosen is not None and self.exists(chosen.address)
        self.open_button.setEnabled(here)
        self.enable_for(chosen)

    @Slot()
    def _open(self) -> None:
        chosen = self.chosen()
        if chosen is not None and self.exists(chosen.address):
            self.open_requested.emit(chosen.address)
            self.close()
