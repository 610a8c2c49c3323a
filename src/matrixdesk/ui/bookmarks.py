"""Bookmarks: Ctrl+D (and the star beside the breadcrumb) bookmarks the place being read, or
takes its bookmark away; the Bookmarks menu lists them to open, and "Manage bookmarks…" renames
and removes them. Kept in the user database (`UserLayer`), by the place's address."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from matrixdesk.ui.plain_text import action_text

if TYPE_CHECKING:
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import Bookmark

MENU_LIMIT = 30  # bookmarks listed in the menu itself; the rest are in "Manage bookmarks…"


class BookmarkCommands(QObject):
    changed = Signal()
    """A bookmark was added, renamed or removed (and is saved)."""
    open_requested = Signal(str)
    """The address of a bookmark the reader chose."""
    said = Signal(str)
    """A short message for the status bar and screen readers ("Bookmarked.")."""

    def __init__(
        self, window: QMainWindow, layer: UserLayer, title_of: Callable[[str], str]
    ) -> None:
        """`title_of(address)`: the title of a place, as the window shows it."""
        super().__init__(window)
        self.window = window
        self.layer = layer
        self.title_of = title_of
        self.address: str | None = None
        """The bookmarkable place being read (None: home, a listing or search results)."""
        self.toggle = QAction("Bookmark this page", window)
        self.toggle.setCheckable(True)
        self.toggle.setShortcut(QKeySequence("Ctrl+D"))
        self.toggle.setEnabled(False)
        self.toggle.triggered.connect(self._toggled)
        self.manage = QAction("Manage bookmarks…", window)
        self.manage.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.manage.setEnabled(False)
        self.menu = QMenu("&Bookmarks", window)
        self.menu.aboutToShow.connect(self._fill_menu)
        self._fill_menu()
        layer.ready.connect(self._on_ready)

    # --- the place being read ------------------------------------------------------------------

    def show_place(self, address: str | None) -> None:
        """The window now shows `address` (None: nothing that can be bookmarked)."""
        self.address = address
        self._show_state()

    def _show_state(self) -> None:
        data, address = self.layer.data, self.address
        self.toggle.setEnabled(data is not None and address is not None)
        marked = data is not None and address is not None and data.bookmark_at(address) is not None
        self.toggle.setChecked(marked)
        self.toggle.setText("Remove bookmark" if marked else "Bookmark this page")
        # What the button beside the breadcrumb says: short, to leave the breadcrumb its room.
        self.toggle.setIconText("Bookmarked" if marked else "Bookmark")

    @Slot()
    def _on_ready(self) -> None:
        self.manage.setEnabled(True)
        self._show_state()

    @Slot(bool)
    def _toggled(self, add: bool) -> None:
        address, data = self.address, self.layer.data
        if address is None or data is None:
            return
        if add:
            title = self.title_of(address)
            self.layer.write(lambda d: d.add_bookmark(address, title), self._saved("Bookmarked."))
        else:
            found = data.bookmark_at(address)
            if found is not None:
                self.remove(found)

    # --- changes, each said once it is saved --------------------------------------------------

    def remove(self, bookmark: Bookmark) -> None:
        self.layer.write(lambda d: d.remove_bookmark(bookmark.id), self._saved("Bookmark removed."))

    def rename(self, bookmark: Bookmark, label: str) -> None:
        new = label.strip() or None  # an empty name: back to the place's title
        self.layer.write(
            lambda d: d.rename_bookmark(bookmark.id, new), self._saved("Bookmark renamed.")
        )

    def _saved(self, message: str) -> Callable[[object], None]:
        def then(_result: object) -> None:
            self._show_state()
            self.said.emit(message)
            self.changed.emit()

        return then

    # --- the menu ------------------------------------------------------------------------------

    @Slot()
    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.toggle)
        menu.addAction(self.manage)
        data = self.layer.data
        if data is None:
            return
        listed = data.bookmarks()
        if listed:
            menu.addSeparator()
        for bookmark in listed[:MENU_LIMIT]:
            choice = menu.addAction(action_text(bookmark.name))
            choice.setStatusTip(bookmark.address)
            choice.triggered.connect(
                lambda _=False, address=bookmark.address: self.open_requested.emit(address)
            )
