"""My notes, beside the page: a tab of the side column, next to the page's outline ("On this
page"), with the notes on the page being read (on the page itself, its studies and its Matrix
Bite headings), a "New note" menu of those places, and a plain-text editor for the note chosen.
A view only: what is saved, and when, is decided by its owner (`notes.NoteCommands`), which it
signals.

Beside the outline, as desktop readers keep annotations (Okular's Reviews, Evince's Annotations
beside their outlines), rather than in a panel of its own: it takes no width from the page (a
window half a screen wide keeps its reading column), it has the column's whole height for the
note, and it goes with the column in presentation mode, so a reader's own notes are never put on
a projector."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFocusEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.page.note_places import NotePlace
from matrixdesk.ui.accessible_names import name_scroll_bars
from matrixdesk.ui.flow_layout import FlowLayout
from matrixdesk.ui.plain_text import action_text
from matrixdesk.ui.side_column import scroll_into_view

EDITOR_LINES = 8  # the editor's least height, in lines of its font; it takes what is left
LIST_LINES = 5  # the list of the page's notes grows to this many lines, then scrolls
EDITOR_HINT = "Plain text; simple Markdown (*emphasis*, - lists, # headings) is kept as typed."


class NoteEditor(QPlainTextEdit):
    left = Signal()
    """The keyboard left the editor: what is typed is saved now."""

    entered = Signal()
    """The keyboard came to the editor."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.left.emit()


class NoteSection(QScrollArea):
    note_chosen = Signal(int)
    """The reader chose a note in the list (its row)."""
    new_note_requested = Signal(str)
    """The address of the place the reader chose to write a new note on."""
    text_edited = Signal()
    """The reader changed the note's text."""
    left = Signal()
    """The keyboard left the editor."""
    delete_requested = Signal()
    """The reader asked to delete the note in the editor (not yet confirmed)."""
    all_notes_requested = Signal()
    """The reader asked for the Notes panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myNotes")
        self.setAccessibleName("My notes")
        # It scrolls in a short window, as the outline does, rather than squeeze what is
        # above it in the side column.
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        name_scroll_bars(self, "my notes")
        self.list = QListWidget()
        self.list.setAccessibleName("Notes on this page")
        self.list.setWordWrap(True)  # a long first line wraps, never cut off
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerItem)  # rows whole at top
        name_scroll_bars(self.list, "the notes on this page")
        self.new_button = QToolButton()
        self.new_button.setText("&New note")
        self.new_button.setToolTip("Write a new note on this page, a study or a heading")
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_menu = QMenu("New note on", self.new_button)
        self.new_button.setMenu(self.new_menu)
        self.place = QLabel()
        self.place.setObjectName("notePlace")
        self.place.setTextFormat(Qt.TextFormat.PlainText)  # it names a study or heading
        self.place.setWordWrap(True)
        self.editor = NoteEditor()
        self.editor.setAccessibleName("Note")
        self.editor.setAccessibleDescription(EDITOR_HINT + " Saved as you type.")
        self.editor.setPlaceholderText("Write your note here. It is saved as you type.")
        self.editor.setToolTip(EDITOR_HINT)
        self.editor.setTabChangesFocus(True)  # Tab leaves the note, as in any form
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        name_scroll_bars(self.editor, "the note")
        self.place.setBuddy(self.editor)
        self.status = QLabel()
        self.status.setObjectName("noteStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the system's words
        self.delete_button = QPushButton("&Delete note…")
        self.all_button = QPushButton("All notes…")
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        # The note first, then what acts on it: in a short window the side column has little
        # height left under the navigator, and the note must not be the part scrolled away.
        commands = QWidget()
        flow = FlowLayout(commands, spacing=6)
        flow.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.delete_button, self.all_button):
            flow.addWidget(button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.list)
        layout.addWidget(self.place)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        layout.addWidget(commands)
        self.setWidget(body)
        self.status.hide()
        self._fit_heights()

    def _connect_signals(self) -> None:
        self.list.currentRowChanged.connect(self._on_row)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.left.connect(self.left)
        self.editor.entered.connect(self._bring_editor_into_view)
        self.delete_button.clicked.connect(self.delete_requested)
        self.all_button.clicked.connect(self.all_notes_requested)
        self._showing = False  # the owner is filling the list or the editor: not the reader

    # --- what the owner shows ---------------------------------------------------------------

    def show_places(self, places: tuple[NotePlace, ...]) -> None:
        """The places a new note can be on, for the New note menu."""
        self.new_menu.clear()
        for place in places:
            choice = QAction(action_text(place.label), self.new_menu)
            choice.triggered.connect(
                lambda _=False, address=place.address: self.new_note_requested.emit(address)
            )
            self.new_menu.addAction(choice)

    def show_notes(self, rows: list[tuple[str, str]], current: int) -> None:
        """The page's notes, as (words, tooltip) rows, with row `current` chosen (-1: none)."""
        self._showing = True
        try:
            if self.list.count() != len(rows):
                self.list.clear()
                self.list.addItems([text for text, _ in rows])
            for row, (text, tip) in enumerate(rows):
                item = self.list.item(row)
                if item.text() != text:  # as the reader types, the one row being written
                    item.setText(text)
                item.setToolTip(tip)
            if self.list.currentRow() != current:
                self.list.setCurrentRow(current)
        finally:
            self._showing = False
        # Listed when there is a note to choose besides the one in the editor.
        self.list.setVisible(len(rows) > 1 or (len(rows) == 1 and current != 0))
        self._fit_heights()

    def show_note(self, place: str, text: str, saved: bool) -> None:
        """Put a note in the editor: `place` in words, its `text`; `saved`: it is kept (and so
        may be deleted), not a new note yet to be written."""
        self._showing = True
        try:
            self.place.setText(f"Note on: {place}" if saved else f"New note on: {place}")
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
        finally:
            self._showing = False
        self.delete_button.setEnabled(saved)

    def show_kept(self, place: str) -> None:
        """The note in the editor is now kept (its first save came back): it may be deleted.
        Its text is left as the reader has it, which may be newer than what was saved."""
        self.place.setText(f"Note on: {place}")
        self.delete_button.setEnabled(True)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- the reader's actions -------------------------------------------------------------

    def _on_row(self, row: int) -> None:
        if not self._showing and row >= 0:
            self.note_chosen.emit(row)

    def _on_text_changed(self) -> None:
        if not self._showing:
            self.text_edited.emit()

    def write(self) -> None:
        """Put the keyboard in the note, in view."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._bring_editor_into_view()

    @Slot()
    def _bring_editor_into_view(self) -> None:
        # In a short window this section and the side column around it scroll: the note being
        # written (a new one, one opened from a mark, or reached by Tab) is scrolled into view,
        # its first lines first, once the tab just shown is laid out.
        QTimer.singleShot(0, lambda: scroll_into_view(self.editor))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_heights()  # the font (the zoom) changed: so did a line's height

    def _fit_heights(self) -> None:
        line = self.fontMetrics().lineSpacing()
        self.editor.setMinimumHeight(EDITOR_LINES * line + 12)
        # As tall as its rows up to LIST_LINES lines (each row two lines or more), then it
        # scrolls: a page's notes are few, and the note being written matters more.
        lines = min(2 * self.list.count(), LIST_LINES)
        self.list.setFixedHeight(max(2, lines) * line + 2 * self.list.frameWidth() + 8)
