"""`matrixdesk --smoke-test`: the whole reader, exercised once without a person, for checking a
build or an installation. Prints one JSON line and exits 0; anything wrong exits non-zero."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, qVersion
from PySide6.QtGui import QGuiApplication

from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.ui.launch import application, open_window
from matrixdesk.ui.settings import Settings

SMOKE_CELL = "alcohol/B5#what-is-this-cell-about"
SMOKE_QUERY = "motivational interviewing"
_TIMEOUT_S = 30


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + _TIMEOUT_S
    while not condition():
        QGuiApplication.processEvents()
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")


def run_smoke_test(pack: Path, started: float) -> int:
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
    with tempfile.TemporaryDirectory() as settings:
        window = open_window(store, Settings(Path(settings)), None)
        painted = _Painted()
        window.home.table.viewport().installEventFilter(painted)
        window.show()
        _wait_for(lambda: painted.seen, "the home grid to paint")
        grid_ms = (time.perf_counter() - started) * 1000

        opened = time.perf_counter()
        if not window.navigate(SMOKE_CELL):
            raise RuntimeError(f"could not open {SMOKE_CELL}")
        window.page.browser.viewport().repaint()
        open_ms = (time.perf_counter() - opened) * 1000
        page = window.page
        if not page.state.bite_open or len(page.page.entries if page.page else ()) < 2:
            raise RuntimeError("B5 did not open with its studies and Matrix Bite")

        # Search as a reader does: through the box, the worker thread and the results view.
        shown: list[str] = []
        window.results_shown.connect(shown.append)
        searched = time.perf_counter()
        window.actions.search_box.setText(SMOKE_QUERY)
        window.searching.on_text(SMOKE_QUERY)
        _wait_for(lambda: SMOKE_QUERY in shown, "search results")
        window.search_view.results.viewport().repaint()
        search_ms = (time.perf_counter() - searched) * 1000
        hits = store.search(SMOKE_QUERY)
        results = window.search_view.model.rowCount()
        if not hits or results <= len({hit.kind for hit in hits}):
            raise RuntimeError(f"searching for {SMOKE_QUERY!r} showed no results")
        window.close()
    summary = store.summary()
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
            "schema_version": summary.schema_version,
        },
        "timings_ms": {
            "start_to_painted_grid": round(grid_ms, 1),
            "open_b5_with_bite": round(open_ms, 1),
            "search_to_shown_results": round(search_ms, 1),
        },
        "search_hits": len(hits),
    }
