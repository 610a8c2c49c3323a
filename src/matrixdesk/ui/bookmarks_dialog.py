"""Manage bookmarks: every bookmark, to open, rename or remove. A bookmark whose place this pack
no longer has is listed as such, with its name, never dropped: a later edition may bring the
place back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QPushButton, QWidget

from matrixdesk.ui.places_dialog import GONE, PlacesDialog

if TYPE_CHECKING:
    from matrixdesk.ui.bookmarks import BookmarkCommands
    from matrixdesk.userdata.records import Bookmark


class BookmarksDialog(PlacesDialog["Bookmark"]):
    def __init__(
        self, commands: BookmarkCommands, exists: Callable[[str], bool], parent: QWidget
    ) -> None:
        """`exists(address)`: whether this pack has the place."""
        empty = "No bookmarks yet. Press Ctrl+D on a page to bookmark it."
        super().__init__("Bookmarks", empty, exists, parent)
        self.commands = commands
        self.list.setAccessibleName("Bookmarks")
        self.rename_button = QPushButton("&Rename…")
        self.remove_button = QPushButton("Re&move")
        for button in (self.rename_button, self.remove_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.rename_button.clicked.connect(self._rename)
        self.remove_button.clicked.connect(self._remove)
        self.open_requested.connect(commands.open_requested)
        commands.changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """List the bookmarks as saved now."""
        data = self.commands.layer.data
        self.show_kept(
            data.bookmarks() if data is not None else (),
            lambda bookmark, here: bookmark.name if here else f"{bookmark.name} ({GONE})",
        )

    def enable_for(self, chosen: Bookmark | None) -> None:
        self.rename_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)

    @Slot()
    def _rename(self) -> None:
        chosen = self.chosen()
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
        chosen = self.chosen()
        if chosen is not None:
            self.commands.remove(chosen)
