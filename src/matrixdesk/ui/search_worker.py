"""Search off the UI thread, so typing never waits for a query.

The worker owns the store's second read-only connection (`ContentStore.searcher`) on its own
thread. Each keystroke sends a numbered request; a request overtaken by a newer one before it
starts is skipped, and the window ignores any answer that is not for the newest request. A pack
that turns out damaged is an answer too: the window says so instead of "nothing matches".

Once the user database is open, the same request searches the reader's notes too (`notes`, a
function the window gives it, called on this thread), so one answer holds both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from matrixdesk.core.pack import PackError
from matrixdesk.core.search import SearchHit
from matrixdesk.core.store import Searcher

NoteSearch = Callable[[str], Sequence[object]]
"""Search the reader's notes for a text: their hits (userdata's NoteHit), best first."""


class _Worker(QObject):
    finished = Signal(int, list, object, list)
    """(request number, list of SearchHit, a suggestion or None, list of NoteHit) for a
    finished query."""
    failed = Signal(int, object)
    """(request number, PackError) for a query the damaged pack could not answer."""

    def __init__(self, searcher: Searcher) -> None:
        super().__init__()
        self.searcher = searcher
        self.newest = 0  # written by the UI thread; an int store is atomic under the GIL
        self.notes: NoteSearch | None = None  # set by the UI thread once, as the int above

    @Slot(int, str, str, str)
    def run(self, number: int, text: str, matrix: str, type_code: str) -> None:
        if number != self.newest:
            return
        try:
            hits, suggestion = self.searcher.search(text, matrix or None, type_code or None)
        except PackError as error:
            self.failed.emit(number, error)
            return
        self.finished.emit(number, hits, suggestion, self._notes(text))

    def _notes(self, text: str) -> list[object]:
        if self.notes is None:
            return []
        from matrixdesk.userdata.errors import UserDataError

        try:
            return list(self.notes(text))
        except UserDataError:  # locked by another program for too long: the pack's hits alone
            return []

    def close(self) -> None:
        """Called on the worker's own thread as it finishes (a direct connection)."""
        self.searcher.close()


class SearchRunner(QObject):
    results_ready = Signal(str, list, object, list)
    """(the query text, list of SearchHit, a suggestion or None, list of NoteHit) for the
    newest request only."""
    failed = Signal(object)
    """PackError: the newest request could not be answered, as the pack is damaged."""
    _request = Signal(int, str, str, str)

    def __init__(self, searcher: Searcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("search")
        self._worker = _Worker(searcher)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        # Runs in the worker thread as its event loop ends, however the app quits.
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        app = QCoreApplication.instance()
        if app is not None:  # a worker made before the application would never be stopped
            app.aboutToQuit.connect(self.stop)
        self._number = 0
        self._text = ""  # of request number `_number`, the only one whose answer is shown
        self._thread.start()

    def search_notes_with(self, notes: NoteSearch) -> None:
        """Search the reader's notes too, with `notes` (called on the worker's thread)."""
        self._worker.notes = notes

    def search(self, text: str, matrix: str | None, type_code: str | None) -> None:
        self._number += 1
        self._text = text
        self._worker.newest = self._number
        self._request.emit(self._number, text, matrix or "", type_code or "")

    @Slot()
    def stop(self) -> None:
        """End the worker's thread (it closes its connection as it goes); safe to call twice."""
        if self._thread.isRunning():
            self._worker.newest = -1  # skip any request still queued
            self._thread.quit()
            self._thread.wait()

    @Slot(int, list, object, list)
    def _on_finished(
        self, number: int, hits: list[SearchHit], suggestion: str | None, notes: list[object]
    ) -> None:
        if number == self._number:
            self.results_ready.emit(self._text, hits, suggestion, notes)

    @Slot(int, object)
    def _on_failed(self, number: int, error: PackError) -> None:
        if number == self._number:
            self.failed.emit(error)
