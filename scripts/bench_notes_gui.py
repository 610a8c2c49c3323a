"""The notes' half of `make bench` that the window does: with 10,000 synthetic notes in the user
database (the same synthetic export as bench_userdata.py), how long the UI thread is busy

* opening the Notes panel (Ctrl+Shift+M) until it lists every note and has painted the
  newest, and going to the oldest (End),
* for each keystroke in the note being written, and for each save (sending the write, and
  taking its acknowledgement: re-reading the page's notes, the list and the markers),
* showing search results with the My notes group,

and how long the search thread takes for a request, the pack's search and the notes' together.

Prints a table and writes JSON. Run offscreen; every figure is taken in this process, warm.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_userdata import ms_since, summary

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

RUNS = 20
TARGETS = {"notes_panel_ms": 100.0, "ui_per_save_ms": 16.0, "ui_per_key_ms": 16.0}
PAGE_NOTES = 20  # notes on B5 and its parts, besides the 10,000 elsewhere


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench-notes-gui.json")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-notes-gui-") as scratch:
        results = _run(Path(scratch))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print_table(results)
    print(f"\nJSON written to {args.json}")
    return 0


def _wait(condition: Callable[[], object], what: str, seconds: float = 30) -> None:
    """Run the event loop until `condition`, idle between events as the app is (a loop that
    never sleeps would hold Python's lock, and slow the threads it waits for)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    tick = QTimer(interval=5)  # wakes the loop to look again, should nothing else
    tick.start()
    while not condition():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
    tick.stop()


def _run(scratch: Path) -> dict[str, Any]:
    from bench_userdata import NOTES, _synthetic_export
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from matrixdesk.core.store import ContentStore
    from matrixdesk.paths import bundled_pack_path
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings
    from matrixdesk.userdata.location import user_data_path
    from matrixdesk.userdata.store import UserData

    export = scratch / "synthetic.json"
    _synthetic_export(export)
    config = scratch / "profile"
    with UserData.open(user_data_path(config)) as data:
        data.import_from(export)
        for number in range(PAGE_NOTES):
            data.add_note("alcohol/B5", f"Synthetic note {number} on the page, for timing.")
    application()
    store = ContentStore.open(bundled_pack_path())
    window = open_window(store, Settings(config), "alcohol/B5")
    window.resize(1200, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.user.open(config)
    _wait(lambda: window.user.layer.data is not None, "the user database")
    notes = window.user.notes
    section = notes.beside.section
    assert section is not None

    from PySide6.QtCore import Qt

    opened, to_end = [], []
    for _ in range(10):
        started = time.perf_counter()
        notes.all_notes.trigger()  # lists every note, reading the rows shown
        dialog = notes.dialog
        assert dialog is not None
        dialog.repaint()  # the newest notes, painted, and all of them in the list
        opened.append(ms_since(started))
        rows = dialog.model.rowCount()
        started = time.perf_counter()
        QTest.keyClick(dialog.list, Qt.Key.Key_End)  # the oldest note, chosen and shown
        dialog.repaint()
        to_end.append(ms_since(started))
        assert dialog.chosen() == dialog.model.note(rows - 1)
        QTest.keyClick(dialog.list, Qt.Key.Key_Home)  # opened again at the newest
        dialog.close()
        QApplication.processEvents()

    notes.write_note.trigger()
    keys, sends, acks = [], [], []
    timed_ack = _timed_method(notes.beside, "_saved", acks)
    for run in range(RUNS):
        for letter in f"Synthetic timing text {run}. ":
            started = time.perf_counter()
            QTest.keyClick(section.editor, letter)
            keys.append(ms_since(started))
        started = time.perf_counter()
        notes.save()  # what the pause's timer runs
        sends.append(ms_since(started))
        count = len(acks)
        _wait(lambda c=count: len(acks) > c, "a save to come back")
    timed_ack()

    searches = _search_with_notes_times(window)
    view_ui = _ui_time_of_results(window)
    window.close()
    store.close()
    return {
        "notes": NOTES + PAGE_NOTES,
        "panel_rows": rows,
        "notes_panel_ms": summary(opened),
        "ui_notes_panel_end_ms": summary(to_end),
        "ui_per_key_ms": summary(keys),
        "ui_send_save_ms": summary(sends),
        "ui_save_acknowledged_ms": summary(acks),
        "ui_per_save_ms": summary([a + b for a, b in zip(sends, acks, strict=False)]),
        "search_with_notes_ms": summary(searches),
        "ui_show_results_ms": summary(view_ui),
        "targets": TARGETS,
    }


def _timed_method(target: object, name: str, times: list[float]) -> Callable[[], None]:
    """Time every call of `target.name` (an object's or a class's) into `times`; returns what
    undoes it."""
    method = getattr(target, name)

    def timed(*args: object) -> object:
        started = time.perf_counter()
        result = method(*args)
        times.append(ms_since(started))
        return result

    setattr(target, name, timed)
    return lambda: (
        setattr(target, name, method) if isinstance(target, type) else delattr(target, name)
    )


def _search_with_notes_times(window: Any) -> list[float]:
    """What the search thread does for each request, the pack's search and the notes' (as
    typed: the last word a prefix), for bench_userdata's queries and some of the pack's words."""
    from bench_userdata import query_set

    data = window.user.layer.data
    searcher = window.store.searcher()
    queries = [q for group in query_set().values() for q in group]
    queries += ["supervision", "motivational interviewing", "offend", "juggling"]
    times = []
    for query in queries:
        searcher.search(query, None, None)  # warm
        data.search_notes(query, prefix_last=True)
        for _ in range(RUNS):
            started = time.perf_counter()
            searcher.search(query, None, None)
            data.search_notes(query, prefix_last=True)
            times.append(ms_since(started))
    searcher.close()
    return times


def _ui_time_of_results(window: Any) -> list[float]:
    """The UI thread's part of showing a search's results (pack hits and My notes)."""
    from matrixdesk.core.search import DEFAULT_LIMIT

    controller = window.searching
    data = window.user.layer.data
    searcher = window.store.searcher()
    hits, suggestion = searcher.search("synthetic", None, None)
    note_hits = data.search_notes("synthetic", DEFAULT_LIMIT, prefix_last=True)
    searcher.close()
    window.search_view.show_results("synthetic", [], None)  # the view on screen
    window.stack.setCurrentWidget(window.search_view)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        controller._on_results("synthetic", hits, suggestion, list(note_hits))
        window.search_view.results.viewport().repaint()
        times.append(ms_since(started))
    return times


def _print_table(r: dict[str, Any]) -> None:
    print(f"The window with {r['notes']:,} synthetic notes ({r['panel_rows']:,} in the panel)")
    print(f"{'measure (the UI thread, unless said)':48} {'p50':>8} {'p95':>8} {'max':>8}  target")

    def row(label: str, s: dict[str, float], target: float | None = None, on: str = "p95") -> None:
        if not s:
            return
        judged = ""
        if target is not None:
            judged = f"{on} <= {target:g} ms " + ("meets" if s[on] <= target else "MISSES")
        print(f"{label:48} {s['p50']:6.1f}ms {s['p95']:6.1f}ms {s['max']:6.1f}ms  {judged}")

    panel = TARGETS["notes_panel_ms"]
    row("Notes panel: open, all listed, newest painted", r["notes_panel_ms"], panel, "max")
    row("Notes panel: End, the oldest chosen, painted", r["ui_notes_panel_end_ms"])
    row("A keystroke in a note", r["ui_per_key_ms"], TARGETS["ui_per_key_ms"])
    row("A save: sending it", r["ui_send_save_ms"])
    row("A save: its acknowledgement", r["ui_save_acknowledged_ms"])
    row("A save: both", r["ui_per_save_ms"], TARGETS["ui_per_save_ms"])
    row("Search request: pack and notes (search thread)", r["search_with_notes_ms"], 10.0)
    row("Search: showing results with My notes", r["ui_show_results_ms"])


if __name__ == "__main__":
    sys.exit(main())
