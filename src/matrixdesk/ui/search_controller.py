"""Search in the window: the toolbar box, the results view and the worker thread. The window
asks it to show a search place; it signals what the reader wants (a search, a result, one of
their notes, to leave), and the window, which connects to those signals, goes there. It knows
nothing of the window. Once the user database is open (`search_notes_with`), the reader's notes
are searched with the pack, on the same thread, and shown after its results."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from matrixdesk.core.addresses import SearchAddress
from matrixdesk.core.pack import PackError
from matrixdesk.core.search import SearchHit
from matrixdesk.core.search_marks import Marked
from matrixdesk.core.store import ContentStore
from matrixdesk.page.note_places import GONE, gone_place
from matrixdesk.page.parts import MatrixContext
from matrixdesk.ui.search_box import SearchBox

if TYPE_CHECKING:
    from matrixdesk.ui.search_results import NoteResult
    from matrixdesk.ui.search_view import SearchView
    from matrixdesk.ui.search_worker import NoteSearch, SearchRunner
    from matrixdesk.userdata.records import NoteHit


class SearchController(QObject):
    results_shown = Signal(str)
    """The query whose results are now on screen."""
    search_failed = Signal(object)
    """PackError: the pack could not answer the newest search (its message is on screen)."""
    search_requested = Signal(object)
    """SearchAddress: the reader typed or refined a search; the window goes there."""
    result_opened = Signal(object)
    """SearchHit: the reader chose a result; the window opens it at its words."""
    note_opened = Signal(object)
    """Note (userdata's): the reader chose one of their notes that the search found."""
    leave_requested = Signal()
    """The reader left the search (Esc, or an emptied box); the window goes back."""
    view_built = Signal(object)
    """SearchView: the results view, built on first use, for the window to place and style."""

    def __init__(
        self,
        store: ContentStore,
        contexts: dict[str, MatrixContext],
        box: SearchBox,
        coverage: str,
        pack_chosen: bool,
        parent: QObject | None = None,
    ) -> None:
        """`coverage`: what the pack holds, said when nothing matches. `pack_chosen`: the reader
        named the pack (--pack), which changes the advice given when it turns out damaged."""
        super().__init__(parent)
        self.coverage = coverage
        self.store = store
        self.contexts = contexts
        self.box = box
        self.pack_chosen = pack_chosen
        self._view: SearchView | None = None  # built on first use, off the start-up path
        self._runner: SearchRunner | None = None
        self._shown_query: str | None = None
        self._open_when_shown = False
        self._notes: NoteSearch | None = None
        self._note_place: Callable[[str], tuple[str, bool]] = lambda address: (address, True)
        self._note_places: dict[str, tuple[str, bool]] = {}
        box.textEdited.connect(self.on_text)
        box.returnPressed.connect(self.open_first)
        box.down_pressed.connect(lambda: self.view.results.select_first())
        box.escape_pressed.connect(self.leave)

    @property
    def view(self) -> SearchView:
        if self._view is None:
            from matrixdesk.ui.search_view import SearchView

            view = SearchView(
                self.describe,
                {key: c.matrix.name for key, c in self.contexts.items()},
                self.coverage,
            )
            view.suggestion_chosen.connect(self.search_for)
            view.results.leave_up.connect(self.focus_box)
            view.result_chosen.connect(self._open)
            view.filters_changed.connect(lambda: self.on_text(self.box.text()))
            self._view = view
            self.view_built.emit(view)
        return self._view

    @property
    def built(self) -> bool:
        return self._view is not None

    @Slot()
    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    @Slot(str)
    def on_text(self, text: str) -> None:
        if not text.strip():
            self.leave(clear=False)
            return
        matrix, type_code = self.view.filters()
        self.search_requested.emit(SearchAddress(text, matrix, type_code))

    def show(self, place: SearchAddress) -> None:
        """Set the box and filters to the search `place` names and start it (the window puts
        the view on screen)."""
        if self.box.text() != place.query:
            self.box.setText(place.query)
        self.view.set_filters(place.matrix, place.type_code)
        if self._runner is None:
            from matrixdesk.ui.search_worker import SearchRunner

            try:
                searcher = self.store.searcher()
            except PackError as error:  # the pack was damaged or changed since it opened
                self._on_failed(error)
                return
            self._runner = SearchRunner(searcher, self)
            self._runner.results_ready.connect(self._on_results)
            self._runner.failed.connect(self._on_failed)
            if self._notes is not None:
                self._runner.search_notes_with(self._notes)
        self._runner.search(place.query, place.matrix, place.type_code)

    def stop(self) -> None:
        if self._runner is not None:
            self._runner.stop()

    def search_notes_with(
        self, notes: NoteSearch, place_of: Callable[[str], tuple[str, bool]]
    ) -> None:
        """Search the reader's notes too: `notes(text)` finds them (called on the search
        thread), `place_of(address)` gives a note's place's title and whether this pack has
        it."""
        self._notes = notes
        self._note_place = place_of
        if self._runner is not None:
            self._runner.search_notes_with(notes)

    @Slot(str)
    def search_for(self, text: str) -> None:
        """Search for `text` as if typed (a "did you mean" chosen)."""
        self.box.setText(text)
        self.on_text(text)

    @Slot(str, list, object, list)
    def _on_results(
        self, query: str, hits: list[SearchHit], suggestion: str | None, notes: list[NoteHit]
    ) -> None:
        self.view.show_results(query, hits, suggestion, self._note_results(notes))
        self._shown_query = query
        self.results_shown.emit(query)
        if self._open_when_shown and query == self.box.text():
            self._open_when_shown = False
            self.open_first()

    @Slot(object)
    def _on_failed(self, error: PackError) -> None:
        """The pack could not answer: say so where the results would be, never "no results"."""
        self.view.show_failure(f"{error.problem} {error.advice_for(self.pack_chosen)}")
        self._shown_query = None
        self._open_when_shown = False
        self.search_failed.emit(error)

    @Slot()
    def open_first(self) -> None:
        """Enter in the box: open the best result for what is typed, once its results are in."""
        if self._shown_query != self.box.text():
            self._open_when_shown = True  # the results on screen are for an earlier text
            return
        if self.view.results.select_first():
            hit = self.view.results.current_hit()
            if hit is not None:
                self._open(hit)

    @Slot(object)
    def _open(self, hit: SearchHit | NoteResult) -> None:
        from matrixdesk.ui.search_results import NoteResult

        if isinstance(hit, NoteResult):
            self.note_opened.emit(hit.note)
        else:
            self.result_opened.emit(hit)

    def _note_results(self, found: list[NoteHit]) -> list[NoteResult]:
        """The notes found, as the list shows them, within the filters chosen: a study-type
        filter shows studies alone; a matrix filter, the notes on its pages."""
        from matrixdesk.ui.history_dialog import when
        from matrixdesk.ui.search_results import NoteResult, ResultText

        matrix, type_code = self.view.filters()
        if type_code is not None:
            return []
        results = []
        for hit in found:
            note = hit.note
            if matrix is not None and not note.address.startswith(f"matrixdesk:/{matrix}/"):
                continue
            title, here = self._place(note.address)
            title = title if here else gone_place(note.address, title)
            where = "Your note" if here else f"Your note; its place is {GONE}"
            changed = f"{where}, last changed {when(note.updated)}"
            text = ResultText(Marked(title), changed, hit.snippet)
            results.append(NoteResult(note, text, here))
        return results

    def _place(self, address: str) -> tuple[str, bool]:
        known = self._note_places.get(address)
        if known is None:
            known = self._note_places[address] = self._note_place(address)
        return known

    @Slot()
    def leave(self, clear: bool = True) -> None:
        if clear:
            self.box.clear()
        self.leave_requested.emit()

    def describe(self, hit: SearchHit) -> str:
        """Where a search result is, in words: the matrix (a cell's own title says which cell),
        the matrix and cell, or a document."""
        context = self.contexts.get(hit.matrix)
        if context is None:
            return "Document in this pack"
        cell = context.cells.get(hit.cell)
        if hit.kind == "cell" or cell is None:
            return context.matrix.name
        return f"{context.matrix.name} · {hit.cell} {cell.title}"
