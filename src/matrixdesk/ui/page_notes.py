"""The notes beside the page being read: My notes (`note_section`) kept in step with the page,
its notes listed and marked where they belong (the tab's count, the outline, the page's margin),
and the note in the editor saved as the reader writes.

Saving: the reader never presses Save. What is typed is written once they pause for
SAVE_DELAY_MS, and at once when the keyboard leaves the note, another note or page is chosen, or
the window closes; each write goes to the user database's own thread (`UserLayer.write`), so
typing never waits for the disk, and "Saved" is said only once the database has committed it.
A note deleted meanwhile elsewhere (another window, another computer's import) is written again
as a new note, and a refused save keeps the words in the editor and says why: words typed are
never dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow

from matrixdesk.core.addresses import parse_place
from matrixdesk.page.note_places import (
    GONE,
    NotePlace,
    first_line,
    gone_place,
    note_places,
    page_of,
)
from matrixdesk.page.outline import BITE_CONTROL
from matrixdesk.ui.announce import announce
from matrixdesk.ui.note_drafts import UNSENT, Draft, ask_to_delete, unsavable

if TYPE_CHECKING:
    from matrixdesk.ui.note_section import NoteSection
    from matrixdesk.ui.page_view import PageView
    from matrixdesk.ui.settings import Settings
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import Note

SAVE_DELAY_MS = 500  # a pause in typing this long saves the note
PLACE_IN_LIST = 40  # characters of a note's place its row in the list shows


class PageNotes(QObject):
    said = Signal(str)
    """A short message for the status bar and screen readers."""
    changed = Signal()
    """A note was added, changed or deleted here, and that is saved."""

    def __init__(
        self, window: QMainWindow, layer: UserLayer, title_of: Callable[[str], str]
    ) -> None:
        """`title_of(address)`: a place's title as the window shows it."""
        super().__init__(window)
        self.window = window
        self.layer = layer
        self.title_of = title_of
        self.section: NoteSection | None = None
        self.page_view: PageView | None = None
        self.shown: str | None = None
        """The place on screen, if it is one a note can be on (its long address)."""
        self.page: str | None = None
        """The page it is on (a cell or a document), if a note can be on it."""
        self.places: tuple[NotePlace, ...] = ()
        self.notes: tuple[Note, ...] = ()
        """The notes on this page and its parts, in the order of `places`, then oldest first."""
        self.draft: Draft | None = None
        self._wanted: str | None = None  # a note to show when its page opens (by id)
        self._settings: Settings | None = None
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)

    @property
    def ready(self) -> bool:
        """A note can be written here: a page is shown, and the user database is open."""
        return self.page is not None and self.layer.data is not None

    def attach(self, page_view: PageView, settings: Settings) -> None:
        """Put My notes beside the page, as a tab beside its outline (the page view is built
        on first use)."""
        from matrixdesk.ui.note_section import NoteSection

        self.page_view = page_view
        self._settings = settings
        section = NoteSection()
        self.section = section
        page_view.add_side_tab(section, "My notes")
        page_view.side_tabs.currentChanged.connect(self._on_tab)
        page_view.notes_requested.connect(self._on_mark)
        section.note_chosen.connect(self._on_chosen)
        section.new_note_requested.connect(self._on_new_note)
        section.text_edited.connect(self._on_edited)
        section.left.connect(self._on_left)
        section.delete_requested.connect(self._ask_to_delete)
        self.show_place(self.shown)

    def open_note(self, note_id: str) -> None:
        """The page about to be shown is to have the note with the id `note_id` in the editor,
        My notes showing."""
        self._wanted = note_id

    # --- the page on screen -------------------------------------------------------------------

    def show_place(self, address: str | None) -> None:
        """The window now shows `address` (None: nothing a note can be on). The note being
        written is saved first."""
        self.save()
        parsed = parse_place(address) if address else None
        self.shown = str(parsed) if parsed else None
        self.page = page_of(self.shown) if self.shown else None
        ready = self.ready
        if self.section is None or self.page_view is None:
            return
        self.page_view.show_side_tab(self.section, ready)
        if ready and self._settings is not None and self._settings.notes_open:
            self._show_section()
        if not ready:
            self.notes, self.places, self.draft = (), (), None
            self._show_marks()
            return
        assert self.page is not None and self.shown is not None
        view = self.page_view
        shown_page = view.page if view is not None else None
        same = shown_page is not None and str(shown_page.summary.address) == self.page
        self.places = note_places(self.page, shown_page if same else None)
        self.section.show_places(self.places)
        self._read_notes()
        wanted, self._wanted = self._wanted, None
        chosen = next((n for n in self.notes if n.id == wanted), None)
        if wanted is not None and chosen is not None:
            self._show_section()
        chosen = chosen or next((n for n in self.notes if n.address == self.shown), None)
        if chosen is None and self.notes:
            chosen = self.notes[0]
        self._edit(Draft(chosen.address, chosen) if chosen else Draft(self._default_place()))

    def _default_place(self) -> str:
        """Where a new note goes: the study or heading the window was asked for, else the page."""
        known = {place.address for place in self.places}
        return self.shown if self.shown in known else self.page or ""

    def _read_notes(self) -> None:
        data = self.layer.data
        if data is None or self.page is None:
            self.notes = ()
            return
        order = {place.address: index for index, place in enumerate(self.places)}
        found = data.notes_at(self.page, parts=True)  # oldest first
        self.notes = tuple(sorted(found, key=lambda n: order.get(n.address, len(order))))

    def _place_words(self, address: str) -> str:
        place = next((p for p in self.places if p.address == address), None)
        return place.label if place else gone_place(address, self.title_of(address))

    def _show_notes(self) -> None:
        """The list of the page's notes, the count on the section's button and the markers."""
        section = self.section
        if section is None:
            return
        # The note's first line, then its place, cut short (the column is narrow): the whole
        # place is the row's tooltip, and is said above the note once it is chosen. A place
        # the pack no longer has says so instead.
        known = {place.address for place in self.places}
        rows = [
            (
                f"{first_line(n.text) or '(empty note)'}\n"
                + (
                    first_line(self._place_words(n.address), PLACE_IN_LIST)
                    if n.address in known
                    else f"Its place is {GONE}"
                ),
                self._place_words(n.address),
            )
            for n in self.notes
        ]
        draft = self.draft
        current = next(
            (i for i, n in enumerate(self.notes) if draft is not None and n.id == draft.id), -1
        )
        section.show_notes(rows, current)
        self._show_count()
        self._show_marks()

    def _show_count(self) -> None:
        """How many notes the page has, on the tab: the page's own marker."""
        if self.page_view is None or self.section is None:
            return
        count = len(self.notes)
        tabs = self.page_view.side_tabs
        index = tabs.indexOf(self.section)
        tabs.setTabText(index, f"My notes ({count})" if count else "My notes")
        said = f"{count} on this page" if count else "none on this page yet"
        tabs.tabBar().setAccessibleTabName(index, f"My notes, {said}")

    def _show_marks(self) -> None:
        """✎ in the outline beside each study and heading with notes (and on the Matrix Bite,
        which hides its headings while folded)."""
        if self.page_view is None:
            return
        anchors = {place.address: place.anchor for place in self.places if place.anchor}
        counts: dict[str, int] = {}
        for note in self.notes:
            anchor = anchors.get(note.address)
            if anchor is not None:
                counts[anchor] = counts.get(anchor, 0) + 1
                if anchor.startswith("section-"):
                    counts[BITE_CONTROL] = counts.get(BITE_CONTROL, 0) + 1
        page_notes = sum(1 for note in self.notes if note.address == self.page)
        self.page_view.mark_notes(counts, page_notes)

    def _edit(self, draft: Draft) -> None:
        """Put `draft` in the editor."""
        self.draft = draft
        if self.section is not None:
            self.section.show_note(
                self._place_words(draft.address), draft.sent, draft.id is not None
            )
            self.section.set_status("")
        self._show_notes()

    # --- the reader's actions -----------------------------------------------------------------

    def _show_section(self) -> None:
        if self.page_view is not None and self.section is not None:
            self.page_view.side_tabs.setCurrentWidget(self.section)

    @Slot(int)
    def _on_tab(self, _index: int) -> None:
        """The reader chose a tab beside the page: kept for the next start."""
        if self._settings is not None and self.page_view is not None and self.page is not None:
            self._settings.notes_open = self.page_view.side_tabs.currentWidget() is self.section

    @Slot(int)
    def _on_chosen(self, row: int) -> None:
        if 0 <= row < len(self.notes) and (
            self.draft is None or self.notes[row].id != self.draft.id
        ):
            self.save()
            self._edit(Draft(self.notes[row].address, self.notes[row]))

    @Slot(str)
    def _on_mark(self, anchor: str) -> None:
        """A note mark in the page was clicked: its first note, in the editor."""
        address = next((p.address for p in self.places if p.anchor == (anchor or None)), None)
        note = next((n for n in self.notes if n.address == address), None)
        if note is None or self.section is None:
            return
        if self.draft is None or self.draft.id != note.id:
            self.save()
            self._edit(Draft(note.address, note))
        self._show_section()
        self.section.write()

    @Slot(str)
    def _on_new_note(self, address: str) -> None:
        self.save()
        self._edit(Draft(address))
        if self.section is not None:
            self.section.write()

    @Slot()
    def start_note(self) -> None:
        """Write a note (Ctrl+Shift+N): My notes opens, with a new note on the place being read
        and the keyboard in it."""
        section, view = self.section, self.page_view
        if section is None or view is None or self.page is None:
            return
        if not view.side.isVisibleTo(self.window):
            self.said.emit("Notes are hidden while presenting: leave presentation mode (F11).")
            return
        self._show_section()
        self._on_new_note(self._default_place())
        section.set_status("New note: start typing; it is saved as you type.")

    @Slot()
    def _on_left(self) -> None:
        if self.draft is not None and not self.draft.failed:
            self.save()

    @Slot()
    def _on_edited(self) -> None:
        if self.draft is not None:
            self.draft.failed = False
        if self.section is not None:
            self.section.set_status("Saving…")
        self._timer.start()

    # --- saving ------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        """Write what is in the editor now, if it changed since it was last sent (the pause in
        typing, leaving the note, another note or page, closing)."""
        self._timer.stop()
        draft, section = self.draft, self.section
        if draft is None or section is None:
            return
        text = section.editor.toPlainText()
        if text == draft.sent or (draft.id is None and draft.sent == "" and not text.strip()):
            return  # nothing new; a new note is made only once it has words
        problem = unsavable(text)
        if problem is not None:
            section.set_status(f"Not saved: {problem}")
            return
        new = draft.id is None and draft.sent in ("", UNSENT)
        draft.sent = text
        self.layer.write(
            lambda data: draft.save(data, text),
            lambda note: self._saved(draft, note, new),
            lambda why: self._not_saved(draft, why),
        )

    def _saved(self, draft: Draft, note: Note, new: bool) -> None:
        if draft is self.draft and self.section is not None:
            if self.section.editor.toPlainText() == note.text:
                self.section.set_status("Saved")
            self.section.show_kept(self._place_words(draft.address))
        if new:
            announce(self.window, "Note saved.")
        if any(n.id == note.id for n in self.notes):
            # Typing saves every pause: change the one row, not read the page's notes again.
            self.notes = tuple(note if n.id == note.id else n for n in self.notes)
        else:
            self._read_notes()
        self._show_notes()
        self.changed.emit()

    def _not_saved(self, draft: Draft, why: str) -> None:
        draft.sent = UNSENT  # written again at the next change or page, whatever it says
        draft.failed = True
        if draft is self.draft and self.section is not None:
            self.section.set_status(f"Not saved: {why}")

    def refresh(self) -> None:
        """Show the page's notes as saved now (after an import, or a change in the panel)."""
        if self.page is None or self.section is None or self.layer.data is None:
            return
        self._read_notes()
        draft = self.draft
        if draft is not None and draft.id is not None:
            kept = next((n for n in self.notes if n.id == draft.id), None)
            if kept is None and draft.sent != UNSENT:  # deleted in the Notes panel
                self.show_place(self.shown)
                return
        self._show_notes()

    # --- deleting ------------------------------------------------------------------------------

    @Slot()
    def _ask_to_delete(self) -> None:
        draft = self.draft
        if draft is None or draft.id is None:
            return
        self.save()  # kept as it is if the reader thinks better of it
        note_text = self.section.editor.toPlainText() if self.section else ""
        ask_to_delete(
            self.window, self._place_words(draft.address), note_text, lambda: self._delete(draft)
        )

    def _delete(self, draft: Draft) -> None:
        self._timer.stop()
        self.layer.write(
            lambda data: data.delete_note(draft.id) if draft.id else False,
            lambda _: self._deleted(draft),
        )

    def _deleted(self, draft: Draft) -> None:
        if draft is self.draft:
            self.draft = None
            self.show_place(self.shown)
        else:
            self.refresh()
        self.said.emit("Note deleted.")
        self.changed.emit()

    def delete(self, note: Note) -> None:
        """Delete `note` (already confirmed), from the Notes panel."""
        if self.draft is not None and self.draft.id == note.id:
            self._delete(self.draft)
            return
        self.layer.write(
            lambda data: data.delete_note(note.id), lambda _: self._deleted_elsewhere()
        )

    def _deleted_elsewhere(self) -> None:
        self.refresh()
        self.said.emit("Note deleted.")
        self.changed.emit()
