"""The commands of the reader's own layer, and what happens as it opens: bookmarks (Ctrl+D, the
Bookmarks menu), notes (My notes beside the page, Write a note, All notes), History (Ctrl+H),
and File > Export and Import of everything the reader keeps. A user database that had to be
moved aside, or none at all, is said in a dialog; the reader reads on either way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from matrixdesk.ui.bookmarks import BookmarkCommands
from matrixdesk.ui.notes import NoteCommands
from matrixdesk.ui.user_layer import UserLayer

if TYPE_CHECKING:
    from matrixdesk.ui.bookmarks_dialog import BookmarksDialog
    from matrixdesk.ui.history_dialog import HistoryDialog
    from matrixdesk.userdata.store import UserData

EXPORT_FILTER = "MatrixDesk user data (*.json)"


class UserCommands(QObject):
    open_requested = Signal(str)
    """The address of a place the reader chose from a bookmark or the history."""
    said = Signal(str)
    """A short message for the status bar and screen readers."""

    def __init__(
        self,
        window: QMainWindow,
        title_of: Callable[[str], str],
        exists: Callable[[str], bool],
    ) -> None:
        """`title_of(address)`: a place's title as the window shows it; `exists(address)`:
        whether this pack has the place."""
        super().__init__(window)
        self.window = window
        self.title_of = title_of
        self.exists = exists
        self.layer = UserLayer(self)
        # Made when first asked for, then kept (shown again, up to date).
        self.bookmarks_dialog: BookmarksDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.bookmarks = BookmarkCommands(window, self.layer, title_of)
        self.notes = NoteCommands(window, self.layer, title_of, exists)
        self.history = QAction("&History…", window)
        self.history.setShortcut(QKeySequence("Ctrl+H"))
        # All of it goes: notes, bookmarks, the CPD log, course progress and history.
        self.export = QAction("&Export my notes, bookmarks and CPD log…", window)
        self.import_ = QAction("&Import notes, bookmarks and CPD log…", window)
        for action in (self.history, self.export, self.import_):
            action.setEnabled(False)  # until the user database is open
        self.history.triggered.connect(self._show_history)
        self.export.triggered.connect(self._ask_export)
        self.import_.triggered.connect(self._ask_import)
        self.bookmarks.manage.triggered.connect(self._manage_bookmarks)
        self.bookmarks.open_requested.connect(self.open_requested)
        self.bookmarks.said.connect(self.said)
        self.notes.open_requested.connect(self.open_requested)
        self.notes.said.connect(self.said)
        self.layer.ready.connect(self._on_ready)
        self.layer.set_aside.connect(self._warn_set_aside)
        self.layer.unavailable.connect(self._warn_unavailable)
        self.layer.refused.connect(self._warn_refused)

    def open(self, config_dir: Path | None) -> None:
        """Open the user database for the settings folder chosen (None: the usual place)."""
        self.layer.open(config_dir)

    def place_shown(self, address: str | None, kept: bool) -> None:
        """The window shows `address`; `kept`: a place to bookmark and keep in the history (a
        page, not home or search results)."""
        self.bookmarks.show_place(address if kept else None)
        self.notes.show_place(address if kept else None)
        if kept and address is not None:
            title = self.title_of(address)
            self.layer.write(lambda data: data.record_visit(address, title))

    def stop(self) -> None:
        """The window closes: save the note being written, then finish every change asked
        for and close the user database."""
        self.notes.save()
        self.layer.stop()

    @Slot()
    def _on_ready(self) -> None:
        for action in (self.history, self.export, self.import_):
            action.setEnabled(True)

    # --- dialogs -------------------------------------------------------------------------------

    @Slot()
    def _manage_bookmarks(self) -> None:
        from matrixdesk.ui.bookmarks_dialog import BookmarksDialog

        if self.bookmarks_dialog is None:
            self.bookmarks_dialog = BookmarksDialog(self.bookmarks, self.exists, self.window)
        self.bookmarks_dialog.refresh()
        self.bookmarks_dialog.open()

    @Slot()
    def _show_history(self) -> None:
        from matrixdesk.ui.history_dialog import HistoryDialog

        if self.history_dialog is None:
            self.history_dialog = HistoryDialog(self.layer, self.exists, self.window)
            self.history_dialog.open_requested.connect(self.open_requested)
            self.history_dialog.cleared.connect(lambda: self.said.emit("History cleared."))
        self.history_dialog.refresh()
        self.history_dialog.open()

    @Slot()
    def _ask_export(self) -> None:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export my notes, bookmarks and CPD log",
            str(Path(documents) / "matrixdesk-userdata.json"),
            EXPORT_FILTER,
        )
        if chosen:
            self.export_to(Path(chosen))

    @Slot()
    def _ask_import(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Import notes, bookmarks and CPD log", "", EXPORT_FILTER
        )
        if chosen:
            self.import_from(Path(chosen))

    def export_to(self, file: Path) -> None:
        """Write everything the reader keeps to `file` (on the writing thread)."""

        def export(data: UserData) -> str:
            from matrixdesk.userdata.exchange import describe_counts

            return describe_counts(data.export_to(file))

        self.layer.write(export, lambda said: self.said.emit(f"Exported {said} to {file}."))

    def import_from(self, file: Path) -> None:
        """Merge `file` (an export) into what the reader keeps; a bad file changes nothing."""

        def merge(data: UserData) -> str:
            from matrixdesk.userdata.merging import describe_merge

            return describe_merge(data.import_from(file))

        self.layer.write(merge, lambda said: self._imported(file, said))

    def _imported(self, file: Path, said: str) -> None:
        self.bookmarks.show_place(self.bookmarks.address)
        self.bookmarks.changed.emit()
        self.notes.refresh()
        self.said.emit(f"Imported from {file}: {said}.")

    # --- what went wrong -----------------------------------------------------------------------

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.window)
        box.setObjectName("userdataWarning")
        box.finished.connect(box.deleteLater)
        box.open()

    @Slot(str)
    def _warn_set_aside(self, message: str) -> None:
        self._warn(
            "Your bookmarks and notes",
            f"{message}\n\nMatrixDesk has started a new, empty file for your bookmarks, notes, "
            "course progress and history. Nothing in the old file was changed.",
        )

    @Slot(str)
    def _warn_unavailable(self, why: str) -> None:
        self._warn(
            "Your bookmarks and notes",
            f"{why}\n\nYou can read as usual, but bookmarks, notes, course progress and history "
            "cannot be kept this time.",
        )

    @Slot(str)
    def _warn_refused(self, why: str) -> None:
        self._warn("Not saved", why)
