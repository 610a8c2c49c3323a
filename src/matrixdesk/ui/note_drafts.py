"""The note being written, as the UI thread and the user database's thread both see it, what
the database would refuse, and the question asked before a note is deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from matrixdesk.page.note_places import first_line

if TYPE_CHECKING:
    from matrixdesk.userdata.records import Note
    from matrixdesk.userdata.store import UserData

MAX_NOTE_CHARS = 100_000  # as userdata.values.MAX_NOTE_CHARS (not imported: it is not loaded yet)
UNSENT = "\x00unsent"
"""Never a note's text: a draft whose save was refused has sent this, so that the next save
writes whatever is typed."""


class Draft:
    """The note in the editor, as both threads see it. Its `id` is given on the writing thread,
    by the first save of a new note; every later change is queued behind that save, so it
    always finds the id. The UI thread reads it only once a save has come back."""

    def __init__(self, address: str, note: Note | None = None) -> None:
        self.address = address
        self.id: str | None = note.id if note else None
        self.sent = note.text if note else ""
        """The text last sent to be written (UI thread)."""
        self.failed = False
        """The last save was refused (UI thread): tried again when the reader types or goes
        to another page, not each time the keyboard moves (the warning itself takes it)."""

    def save(self, data: UserData, text: str) -> Note:
        """Write `text` (on the writing thread): a new note the first time, else an edit."""
        if self.id is not None:
            edited = data.edit_note(self.id, text)
            if edited is not None:
                return edited
        made = data.add_note(self.address, text)  # new, or deleted elsewhere meanwhile
        self.id = made.id
        return made


def unsavable(text: str) -> str | None:
    """Why the user database would refuse `text`, in words; None if it can keep it."""
    if len(text) > MAX_NOTE_CHARS:
        return (
            f"the note is {len(text):,} characters long, and at most {MAX_NOTE_CHARS:,} fit. "
            "Shorten it, or split it into two notes."
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "the note holds a character that is not valid Unicode."
    return None


def ask_to_delete(parent: QWidget, place: str, text: str, delete: Callable[[], None]) -> None:
    """Ask before a note is deleted: a reader's words are not thrown away on one click."""
    ask = QMessageBox(parent)
    ask.setObjectName("deleteNote")
    ask.setIcon(QMessageBox.Icon.Question)
    ask.setWindowTitle("Delete note")
    ask.setTextFormat(Qt.TextFormat.PlainText)  # the note's own words, and a place's title
    ask.setText(f"Delete your note on {place}? It cannot be brought back.")
    ask.setInformativeText(first_line(text) or "(an empty note)")
    ask.setStandardButtons(QMessageBox.StandardButton.Cancel)
    chosen = ask.addButton("Delete note", QMessageBox.ButtonRole.DestructiveRole)
    ask.setDefaultButton(QMessageBox.StandardButton.Cancel)
    ask.finished.connect(lambda _: delete() if ask.clickedButton() is chosen else None)
    ask.finished.connect(ask.deleteLater)
    ask.open()
