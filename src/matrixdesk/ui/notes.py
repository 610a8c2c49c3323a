"""Notes: what the reader writes on a page, a study or a Matrix Bite heading, kept in the user
database by the place's address. Its commands (Edit > Write a note, Go > All notes), the notes
beside the page (`page_notes`), the Notes panel (`notes_dialog`), and opening a note found by
search."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from matrixdesk.page.note_places import gone_place
from matrixdesk.ui.note_drafts import ask_to_delete
from matrixdesk.ui.page_notes import PageNotes

if TYPE_CHECKING:
    from matrixdesk.ui.notes_dialog import NotesDialog
    from matrixdesk.ui.page_view import PageView
    from matrixdesk.ui.settings import Settings
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import Note


class NoteCommands(QObject):
    open_requested = Signal(str)
    """The address of a note's place, to open (from the Notes panel or a search)."""
    said = Signal(str)
    """A short message for the status bar and screen readers."""
    changed = Signal()
    """A note was added, changed or deleted, and that is saved."""

    def __init__(
        self,
        window: QMainWindow,
        layer: UserLayer,
        title_of: Callable[[str], str],
        exists: Callable[[str], bool],
    ) -> None:
        """`title_of(address)`: a place's title as the window shows it; `exists(address)`:
        whether this pack has the place."""
        super().__init__(window)
        self.window = window
        self.layer = layer
        self.title_of = title_of
        self.exists = exists
        self.write_note = QAction("&Write a note", window)
        self.write_note.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.write_note.setToolTip("Write a note on this page, beside it (Ctrl+Shift+N)")
        self.all_notes = QAction("&All notes…", window)
        self.all_notes.setShortcut(QKeySequence("Ctrl+Shift+M"))
        for action in (self.write_note, self.all_notes):
            action.setEnabled(False)  # until the user database is open (and a page is shown)
        self.beside = PageNotes(window, layer, title_of)
        """The notes beside the page being read."""
        self.dialog: NotesDialog | None = None
        self.write_note.triggered.connect(self.beside.start_note)
        self.all_notes.triggered.connect(self.show_all)
        self.beside.said.connect(self.said)
        self.beside.changed.connect(self.changed)
        layer.ready.connect(self._on_ready)

    def attach(self, page_view: PageView, settings: Settings) -> None:
        """Put My notes beside the page (the page view is built on first use)."""
        self.beside.attach(page_view, settings)
        if self.beside.section is not None:
            self.beside.section.all_notes_requested.connect(self.all_notes.trigger)

    def show_place(self, address: str | None) -> None:
        """The window now shows `address` (None: nothing a note can be on)."""
        self.beside.show_place(address)
        self.write_note.setEnabled(self.beside.ready)

    def save(self) -> None:
        """Save the note being written, now (the window closes)."""
        self.beside.save()

    def refresh(self) -> None:
        """Show the notes as saved now (after an import)."""
        self.beside.refresh()
        self.changed.emit()

    @Slot()
    def _on_ready(self) -> None:
        self.all_notes.setEnabled(True)
        self.show_place(self.beside.shown)

    # --- the Notes panel -------------------------------------------------------------------------

    @Slot()
    def show_all(self, chosen: str | None = None) -> None:
        """The Notes panel (Ctrl+Shift+M): every note, the latest first; the note with the id
        `chosen` chosen in it, once listed."""
        from matrixdesk.ui.notes_dialog import NotesDialog

        self.beside.save()  # listed as typed
        if self.dialog is None:
            self.dialog = NotesDialog(self.title_of, self.exists, self.window)
            self.dialog.open_requested.connect(self.open_note)
            self.dialog.delete_requested.connect(self._ask_to_delete_listed)
            self.changed.connect(self._refresh_dialog)
        # Read here: the panel reads only the rows it shows, a block at a time, when it shows
        # them (see `notes_dialog`), a millisecond or so. A note being saved is listed anew
        # once it is (`changed`).
        data = self.layer.data
        if data is not None:
            self.dialog.show_notes(data, chosen)
        self.dialog.open()

    @Slot()
    def _refresh_dialog(self) -> None:
        data = self.layer.data
        if self.dialog is not None and self.dialog.isVisible() and data is not None:
            self.dialog.show_notes(data)

    @Slot(object)
    def _ask_to_delete_listed(self, note: Note) -> None:
        assert self.dialog is not None
        title, here = self.dialog.model.place(note)
        place = title if here else gone_place(note.address, title)
        ask_to_delete(self.dialog, place, note.text, lambda: self.beside.delete(note))

    @Slot(object)
    def open_note(self, note: Note) -> None:
        """Open the page `note` is on, at its place, with the note in My notes; a note whose
        place this pack no longer has, in the Notes panel."""
        if not self.exists(note.address):
            self.show_all(chosen=note.id)
            return
        self.beside.open_note(note.id)
        self.open_requested.emit(note.address)
