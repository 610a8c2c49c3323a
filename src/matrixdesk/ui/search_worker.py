"""Search off the UI thread, so typing never waits for a query.

The worker owns its own read-only connection to the pack on its own thread. Each keystroke sends a
numbered request; a request overtaken by a newer one before it starts is skipped, and the window
ignores any answer that is not for the newest request.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from matrixdesk.core.pack import connect_read_only
from matrixdesk.core.search import SearchHit, search


class _Worker(QObject):
    finished = Signal(int, list)
    """(request number, list of SearchHit) for a finished query."""

    def __init__(self, pack: Path) -> None:
        super().__init__()
        self.pack = pack
        self.newest = 0  # written by the UI thread; an int store is atomic under the GIL
        # Only a connection: the window's store already checked the pack when it opened it.
        self.connection: sqlite3.Connection | None = None

    @Slot(int, str, str, str)
    def run(self, number: int, text: str, matrix: str, type_code: str) -> None:
        if number != self.newest:
            return
        hits: list[SearchHit] = []
        try:
            if self.connection is None:
                self.connection = connect_read_only(self.pack)
            hits = search(
                self.connection, text, matrix or None, type_code or None, prefix_last=True
            )
        except sqlite3.Error as error:
            # The window already opened this pack; if it fails now, report it and carry on
            # answering (with nothing) rather than let the thread die silently.
            print(f"matrixdesk: search failed: {error}", file=sys.stderr)
        self.finished.emit(number, hits)

    def close(self) -> None:
        """Called on the worker's own thread as it finishes (a direct connection)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class SearchRunner(QObject):
    results_ready = Signal(str, list)
    """(the query text, list of SearchHit) for the newest request only."""
    _request = Signal(int, str, str, str)

    def __init__(self, pack: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("search")
        self._worker = _Worker(pack)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        # Runs in the worker thread as its event loop ends, however the app quits.
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._worker.finished.connect(self._on_finished)
        QCoreApplication.instance().aboutToQuit.connect(self.stop)
        self._number = 0
        self._text = ""  # of request number `_number`, the only one whose answer is shown
        self._thread.start()

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

    @Slot(int, list)
    def _on_finished(self, number: int, hits: list[SearchHit]) -> None:
        if number == self._number:
            self.results_ready.emit(self._text, hits)
