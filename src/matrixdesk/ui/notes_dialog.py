"""The Notes panel: every note, the most recently changed first, each with its place's title and
its first line; the chosen one whole, to read, open at its place or delete (after asking). A
note whose place this pack no longer has is listed as such, with its text, and never dropped: a
later edition may bring the place back.

Ten thousand notes open at once: the list is a model that knows how many notes there are and
reads them from the user database a block at a time, only when the view shows their rows (a
block of 200 takes about a millisecond; all 10,000 at once, 40 ms or more), and works out a
row's words only then (a place's title once). Every row is two lines high, the place and the
note's first line, each cut short with "…" if the dialog is too narrow for it: rows of many
heights would have Qt measure all of them, which with 10,000 notes keeps the window busy for
most of a second. The chosen note is shown whole below the list, its place's title with it,
wrapped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.page.note_places import first_line, gone_place
from matrixdesk.ui.accessible_names import name_scroll_bars
from matrixdesk.ui.history_dialog import when
from matrixdesk.ui.qt_types import ModelIndex

if TYPE_CHECKING:
    from matrixdesk.userdata.records import Note

BLOCK = 200  # notes read at a time
EMPTY = "No notes yet. Open a page and write one in My notes, beside it (Ctrl+Shift+N)."


class NotesSource(Protocol):
    """Where the panel reads notes: the user database (`UserData`)."""

    def note_count(self) -> int: ...

    def notes(self, limit: int | None = None, offset: int = 0) -> tuple[Note, ...]: ...

    def note_row(self, note_id: str) -> int | None: ...


class NotesModel(QAbstractListModel):
    """Notes as rows: "title\nfirst line", read a block at a time as their rows are shown;
    titles and whether the place exists worked out once per place."""

    def __init__(self, title_of: Callable[[str], str], exists: Callable[[str], bool]) -> None:
        super().__init__()
        self.title_of = title_of
        self.exists = exists
        self.source: NotesSource | None = None
        self.count = 0
        self._blocks: dict[int, tuple[Note, ...]] = {}
        self._places: dict[str, tuple[str, bool]] = {}

    def read(self, source: NotesSource) -> None:
        """List the notes `source` holds now (read again after every change)."""
        self.beginResetModel()
        self.source = source
        self.count = source.note_count()
        self._blocks.clear()  # places' titles kept: they come from the pack, which stays
        self.endResetModel()

    def note(self, row: int) -> Note | None:
        if self.source is None or not 0 <= row < self.count:
            return None
        block, at = divmod(row, BLOCK)
        notes = self._blocks.get(block)
        if notes is None:
            notes = self._blocks[block] = self.source.notes(limit=BLOCK, offset=block * BLOCK)
        # Fewer than counted only if another copy of MatrixDesk deleted notes since.
        return notes[at] if at < len(notes) else None

    def place(self, note: Note) -> tuple[str, bool]:
        """The title of `note`'s place, and whether this pack has it."""
        known = self._places.get(note.address)
        if known is None:
            here = self.exists(note.address)
            known = self._places[note.address] = (self.title_of(note.address), here)
        return known

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else self.count

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        note = self.note(index.row()) if index.isValid() else None
        if note is not None and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole of what the row may cut short
        ):
            title, here = self.place(note)
            where = title if here else gone_place(note.address, title, gone_first=True)
            return f"{where}\n{first_line(note.text) or '(empty note)'}"
        return None


class NotesDialog(QDialog):
    open_requested = Signal(object)
    """The Note the reader chose to open at its place."""
    delete_requested = Signal(object)
    """The Note the reader chose to delete (not yet confirmed)."""

    def __init__(
        self, title_of: Callable[[str], str], exists: Callable[[str], bool], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notes")
        self.model = NotesModel(title_of, exists)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("All notes, the latest first")
        self.list.setUniformItemSizes(True)  # see the module's docstring
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        name_scroll_bars(self.list, "the notes")
        self.about = QLabel()
        self.about.setTextFormat(Qt.TextFormat.PlainText)  # a place's title
        self.about.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The note chosen")
        # Read-only, yet a place to move through by keyboard, as a screen reader needs.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setTabChangesFocus(True)
        name_scroll_bars(self.text, "the note")
        self.open_button = QPushButton("&Open")
        self.delete_button = QPushButton("&Delete…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.open_button, self.delete_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.about)  # as tall as its words: the place is never cut short
        layout.addWidget(self.text, 2)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self._open)
        self.list.activated.connect(self._open)
        self.delete_button.clicked.connect(self._delete)
        self.list.selectionModel().currentChanged.connect(self._show_chosen)
        self.model.modelReset.connect(self._show_chosen)
        # Sized by its text, so that it grows with the zoom, within the screen.
        metrics = self.fontMetrics()
        size = QSize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 30)
        screen = self.screen().availableGeometry().size()
        self.resize(size.boundedTo(screen * 0.9))

    def show_notes(self, source: NotesSource, chosen: str | None = None) -> None:
        """List the notes in `source` (newest first), keeping the reader's place in the list,
        or with the note whose id is `chosen` chosen."""
        row = self.list.currentIndex().row()
        if chosen is not None:
            found = source.note_row(chosen)
            row = row if found is None else found
        self.model.read(source)
        count = self.model.count
        self.empty.setText(EMPTY)
        self.empty.setVisible(not count)
        if count:
            self.list.setCurrentIndex(self.model.index(min(max(row, 0), count - 1), 0))
        self._show_chosen()

    def chosen(self) -> Note | None:
        return self.model.note(self.list.currentIndex().row())

    @Slot()
    def _show_chosen(self) -> None:
        note = self.chosen()
        here = note is not None and self.model.place(note)[1]
        self.open_button.setEnabled(here)
        self.delete_button.setEnabled(note is not None)
        if note is None:
            self.about.setText("")
            self.text.setPlainText("")
            return
        title, _ = self.model.place(note)
        where = title if here else gone_place(note.address, title)
        self.about.setText(f"On {where}. Last changed {when(note.updated)}.")
        self.text.setPlainText(note.text)

    @Slot()
    def _open(self) -> None:
        note = self.chosen()
        if note is not None and self.model.place(note)[1]:
            self.open_requested.emit(note)
            self.close()

    @Slot()
    def _delete(self) -> None:
        note = self.chosen()
        if note is not None:
            self.delete_requested.emit(note)
