"""Manage bookmarks: every bookmark, to open, rename or remove. A bookmark whose place this pack
no longer has is listed as such, with its name, never dropped: a later edition may bring the
place back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from matrixdesk.ui.bookmarks import BookmarkCommands
    from matrixdesk.userdata.records import Bookmark

GONE = "no longer in this pack"


class BookmarksDialog(QDialog):
    def __init__(
        self, commands: BookmarkCommands, exists: Callable[[str], bool], parent: QWidget
    ) -> None:
        """`exists(address)`: whether this pack has the place."""
        super().__init__(parent)
        self.setWindowTitle("Bookmarks")
        self.commands = commands
        self.exists = exists
        self.bookmarks: list[Bookmark] = []
        self.empty = QLabel("No bookmarks yet. Press Ctrl+D on a page to bookmark it.")
        self.empty.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Bookmarks")
        self.list.setWordWrap(True)
        self.open_button = QPushButton("&Open")
        self.rename_button = QPushButton("&Rename…")
        self.remove_button = QPushButton("Re&move")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.open_button, self.rename_button, self.remove_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self._open)
        self.list.itemActivated.connect(self._open)
        self.rename_button.clicked.connect(self._rename)
        self.remove_button.clicked.connect(self._remove)
        self.list.currentRowChanged.connect(self._enable)
        commands.changed.connect(self.refresh)
        self.resize(520, 420)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """List the bookmarks as saved now, keeping the reader's place in the list."""
        data = self.commands.layer.data
        row = self.list.currentRow()
        self.bookmarks = list(data.bookmarks()) if data is not None else []
        self.list.clear()
        for bookmark in self.bookmarks:
            here = self.exists(bookmark.address)
            text = bookmark.name if here else f"{bookmark.name} ({GONE})"
            item = QListWidgetItem(text)
            item.setToolTip(bookmark.address)
            if not here:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        self.empty.setVisible(not self.bookmarks)
        if self.bookmarks:
            self.list.setCurrentRow(min(max(row, 0), len(self.bookmarks) - 1))
        self._enable()

    def _chosen(self) -> Bookmark | None:
        row = self.list.currentRow()
        return self.bookmarks[row] if 0 <= row < len(self.bookmarks) else None

    @Slot()
    def _enable(self) -> None:
        chosen = self._chosen()
        self.open_button.setEnabled(chosen is not None and self.exists(chosen.address))
        self.rename_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)

    @Slot()
    def _open(self) -> None:
        chosen = self._chosen()
        if chosen is not None and self.exists(chosen.address):
            self.commands.open_requested.emit(chosen.address)
            self.close()

    @Slot()
    def _rename(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        ask = QInputDialog(self)
        ask.setWindowTitle("Rename bookmark")
        ask.setLabelText(f"A name for “{chosen.title}” (empty: its title):")
        ask.setTextValue(chosen.name)
        ask.textValueSelected.connect(lambda name: self.commands.rename(chosen, name))
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ask.open()

    @Slot()
    def _remove(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.commands.remove(chosen)
