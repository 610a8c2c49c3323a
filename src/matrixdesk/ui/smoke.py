"""`matrixdesk --smoke-test`: the whole reader, exercised once without a person, for checking a
build or an installation. Prints one JSON line and exits 0; anything wrong exits 1 with a line
saying what. It never waits for a person: no dialog is shown, and whatever happens the window is
closed (which stops the search thread) before the process ends.

It works on any valid pack: it opens the first cell the pack holds in full, at its first Matrix
Bite heading if it has one, and searches for a word of that cell's title. Then it bookmarks that
place and writes a note on it, in a user database of its own, and finds the note by a word.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, qVersion
from PySide6.QtGui import QGuiApplication

from matrixdesk.core.addresses import Address
from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.ui.launch import application, no_display, open_window
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.settings import Settings

if TYPE_CHECKING:
    from matrixdesk.userdata.store import UserData

_TIMEOUT_S = 30
SMOKE_WORD = "smoketestword"
SMOKE_NOTE = f"Smoke test note ({SMOKE_WORD}), written in the smoke test's own settings folder."
_WORD = re.compile(r"[^\W\d_]{4,}")


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def _wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + _TIMEOUT_S
    while not condition():
        QGuiApplication.processEvents()
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")


def run_smoke_test(pack: Path, started: float) -> int:
    if no_display():  # it needs no person, so no screen: draw off screen (over SSH, in CI)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        report = _exercise(pack, started)
    except PackError as error:
        print(f"smoke test: {error.path}: {error.problem}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"smoke test failed: {error}", file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False))
    return 0


def _exercise(pack: Path, started: float) -> dict[str, object]:
    import matrixdesk

    application()
    store = ContentStore.open(pack)
    try:
        with tempfile.TemporaryDirectory() as settings:
            window = open_window(store, Settings(Path(settings)), None)
            try:
                timings = _drive(window, store, started, Path(settings))
            finally:
                window.close()  # stops the search thread, however this ended
                window.deleteLater()
        summary = store.summary()
    finally:
        store.close()
    return {
        "smoke_test": "passed",
        "version": matrixdesk.__version__,
        "qt": qVersion(),
        "platform": QGuiApplication.platformName(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "pack": {
            "path": str(pack),
            "title": summary.title,
            "edition": summary.edition,
            "content_hash": summary.content_hash,
            "seal": summary.seal,
            "schema_version": summary.schema_version,
        },
        **timings,
    }


def _drive(
    window: MainWindow, store: ContentStore, started: float, settings: Path
) -> dict[str, object]:
    failures: list[PackError] = []
    window.pack_failed.connect(failures.append)
    window.searching.search_failed.connect(failures.append)

    def go(address: str) -> None:
        if not window.navigate(address):
            raise failures[0] if failures else RuntimeError(f"could not open {address}")

    painted = _Painted()
    window.home.content.installEventFilter(painted)
    window.show()
    _wait_for(lambda: painted.seen, "the home grid to paint")
    grid_ms = (time.perf_counter() - started) * 1000
    # The user database's library loads on its own thread after this paint, never before.
    # So do the printouts and Qt's print support, when the reader prints.
    loaded_at_paint = sorted(
        {n.split(".")[0] for n in sys.modules} & {"sqlalchemy", "markdown"}
        | set(sys.modules) & {"matrixdesk.export", "PySide6.QtPrintSupport"}
    )

    place, query = _place_and_query(store)
    opened = time.perf_counter()
    go(place)
    window.page.browser.viewport().repaint()
    open_ms = (time.perf_counter() - opened) * 1000
    page = window.page.page
    if page is not None and page.sections and not window.page.state.bite_open:
        raise RuntimeError(f"{place} did not open at its Matrix Bite")

    # Search as a reader does: through the box, the worker thread and the results view.
    shown: list[str] = []
    window.results_shown.connect(shown.append)
    searched = time.perf_counter()
    window.window_actions.search_box.setText(query)
    window.searching.on_text(query)
    _wait_for(lambda: query in shown or failures, "search results")
    if failures:
        raise failures[0]
    window.search_view.results.viewport().repaint()
    search_ms = (time.perf_counter() - searched) * 1000
    hits = store.search(query)
    if not hits or window.search_view.model.rowCount() <= len({hit.kind for hit in hits}):
        raise RuntimeError(f"searching for {query!r} showed no results")
    user_data_ms, note_ms = _bookmark_and_note(window, place, settings)
    return {
        "opened": place,
        "searched": query,
        "timings_ms": {
            "start_to_painted_grid": round(grid_ms, 1),
            "open_cell_at_bite": round(open_ms, 1),
            "search_to_shown_results": round(search_ms, 1),
            "open_user_data_and_bookmark": round(user_data_ms, 1),
            "write_and_find_a_note": round(note_ms, 1),
        },
        "loaded_at_first_paint": loaded_at_paint,
        "search_hits": len(hits),
    }


def _bookmark_and_note(window: MainWindow, place: str, settings: Path) -> tuple[float, float]:
    """Open the user database (in the smoke test's own settings folder) and bookmark `place`,
    as a reader's Ctrl+D does; then write a note on it and find that note by a word, as Ctrl+K
    does (the user database's own full-text search). Milliseconds until the bookmark is saved,
    and for the note."""
    layer = window.user.layer
    failed: list[str] = []
    saved: list[object] = []
    layer.unavailable.connect(failed.append)
    layer.refused.connect(failed.append)
    started = time.perf_counter()
    window.user.open(settings)
    layer.write(lambda data: data.add_bookmark(place, "Smoke test"), saved.append)
    _wait_for(lambda: saved or failed, "the user database")
    bookmark_ms = (time.perf_counter() - started) * 1000
    noted = time.perf_counter()

    def write_and_find(data: UserData) -> bool:
        note = data.add_note(place, SMOKE_NOTE)
        return note.id in [hit.note.id for hit in data.search_notes(SMOKE_WORD)]

    layer.write(write_and_find, saved.append)
    _wait_for(lambda: len(saved) > 1 or failed, "a note to be written and found")
    if failed:
        raise RuntimeError(f"the user database could not be used: {failed[0]}")
    if saved[1] is not True:
        raise RuntimeError(f"a note was written, but searching notes for {SMOKE_WORD!r} missed it")
    return bookmark_ms, (time.perf_counter() - noted) * 1000


def _place_and_query(store: ContentStore) -> tuple[str, str]:
    """The first cell the pack holds in full (else its first cell), at its first Matrix Bite
    heading if it has one; and a word of its title to search for."""
    cells = [cell for matrix in store.matrices() for cell in store.cells(matrix.key)]
    cell = next((c for c in cells if c.has_content), cells[0])
    page = store.cell_page(cell.matrix, cell.code) if cell.has_content else None
    section = page.sections[0].slug if page and page.sections else None
    words = _WORD.findall(cell.title) or [cell.code]
    return str(Address(cell.matrix, cell.code, section=section)), max(words, key=len)
