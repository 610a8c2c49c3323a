"""The search half of `make bench`: a synthetic pack of 5,000 documents (cached under build/, as
it takes about a minute to build), query latency over a fixed mixed query set, and the time from
a keystroke to updated results in the real window."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = 5_000
RUNS_PER_QUERY = 20


def _repository_on_path() -> None:
    """tests.synthetic holds the generator: it lives with the tests, never in the package."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def search_pack() -> Path:
    """The synthetic search pack, built once per generator version and kept in build/; built
    again if this version of the app cannot read the one kept (its tables have changed)."""
    _repository_on_path()
    from tests.synthetic import SEARCH_PACK_VERSION, write_search_sources

    from matrixdesk.authoring.compiler import build_pack
    from matrixdesk.core.pack import PackError
    from matrixdesk.core.store import ContentStore

    folder = REPO / "build" / "bench-search"
    pack = folder / f"synthetic-search-v{SEARCH_PACK_VERSION}-{DOCUMENTS}.sqlite"
    try:
        ContentStore.open(pack).close()
    except PackError:
        pack.unlink(missing_ok=True)
    if not pack.exists():
        import tempfile

        print(f"Building the synthetic search pack ({DOCUMENTS} documents) once…", flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            sources = write_search_sources(Path(scratch), DOCUMENTS)
            problems = build_pack(sources, pack)
            assert not problems, problems[:5]
    return pack


def query_set() -> dict[str, list[str]]:
    """A fixed, mixed set: common and rare words, phrases, prefixes, several words, no hits."""
    _repository_on_path()
    from tests.synthetic import synthetic_vocabulary

    v = synthetic_vocabulary()
    return {
        "common word": [v[0], v[2], v[5]],
        "middling word": [v[120], v[800], v[2_000]],
        "rare word": [v[9_000], v[15_000], v[19_500]],
        "phrase": [f'"{v[0]} {v[1]}"', f'"{v[3]} {v[40]}"', f'"{v[300]} {v[7]}"'],
        "prefix": [f"{v[1][:3]}*", f"{v[60][:4]}*", f"{v[4_000][:5]}*"],
        "several words": [f"{v[0]} {v[500]}", f"{v[10]} {v[20]} {v[30]}", f"{v[50]} {v[9_000]}"],
        "no hit": ["zzqxvbn", '"kavekave lorlor"', "qqq*"],
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(values),
        "p95": statistics.quantiles(values, n=20)[18],
        "max": max(values),
        "runs": len(values),
    }


def query_latency(pack: Path) -> dict[str, object]:
    """p50/p95 of ContentStore.search (the core API, warm) over the query set."""
    from matrixdesk.core.store import ContentStore

    store = ContentStore.open(pack)
    times: list[float] = []
    by_kind: dict[str, float] = {}
    try:
        for kind, queries in query_set().items():
            kind_times = []
            for query in queries:
                store.search(query)  # warm
                for _ in range(RUNS_PER_QUERY):
                    started = time.perf_counter()
                    store.search(query)
                    kind_times.append((time.perf_counter() - started) * 1000)
            by_kind[kind] = statistics.median(kind_times)
            times += kind_times
    finally:
        store.close()
    return _percentiles(times) | {"median_by_kind": by_kind}


def child_typing(pack: Path) -> int:
    """In the real window: type queries a key at a time, timing each keystroke to the results
    for the text typed so far; then type a burst and measure the longest stall of the UI."""
    from bench_open import window as reader_window
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest

    _repository_on_path()
    from tests.synthetic import synthetic_vocabulary

    app, window = reader_window(pack)
    box = window.window_actions.search_box
    box.setFocus()
    shown: list[str] = []
    window.results_shown.connect(shown.append)
    v = synthetic_vocabulary()
    latencies = []
    for query in (f"{v[3]} {v[120]}", f"{v[15]} {v[2_000][:5]}", f"{v[1]} {v[4]} {v[900]}"):
        box.clear()
        typed = ""
        for char in query:
            typed += char
            started = time.perf_counter()
            QTest.keyClick(box, char)
            while not shown or shown[-1] != typed:
                app.processEvents()
                if time.perf_counter() - started > 5:
                    raise RuntimeError(f"no results for {typed!r}")
            latencies.append((time.perf_counter() - started) * 1000)
            shown.clear()
    # A burst at a fast typist's pace (about 12 keys a second), watching the event loop.
    box.clear()
    clock, gaps = QElapsedTimer(), []
    clock.start()
    ticker = QTimer()
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    ticker.start(5)
    for char in f"{v[8]} {v[77]} {v[600]}":
        QTest.keyClick(box, char)
        QTest.qWait(80)
    ticker.stop()
    window.close()
    print(json.dumps(_percentiles(latencies) | {"longest_ui_stall_ms": max(gaps)}))
    return 0
