"""`make bench`: start-up, page-open and memory figures for MatrixDesk, against a bare PySide6
window measured in the same run. Prints a table and writes JSON. Needs a Unix (see `peak_memory`).

Every measurement runs in a fresh subprocess on the offscreen platform, with a fresh settings
folder, so runs do not share caches or a restored last page.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_open
import bench_search
from peak_memory import peak_rss_kb

from matrixdesk.paths import CONFIG_DIR_ENV
from matrixdesk.ui.launch import FIRST_PAINT_ENV

REPO = Path(__file__).resolve().parents[1]
BARE = Path(__file__).resolve().parent / "bench_bare_window.py"
TARGETS = {
    "first_paint_ratio": 2.0,
    "open_b5_ms": 20.0,
    "open_large_ms": 80.0,
    "open_large_at_bite_heading_ms": 120.0,
    "peak_rss_mb": 120.0,
    "query_p95_ms": 10.0,
    "keystroke_p95_ms": 50.0,
    "frozen_ratio": 1.2,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="start-up runs per program (>= 7)")
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--pack", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--place", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "open":
        return bench_open.child_open(args.pack, args.place)
    if args.child == "heading":
        return bench_open.child_open_at_heading(args.pack, args.place)
    if args.child == "memory":
        return _child_memory(args.pack)
    if args.child == "typing":
        return bench_search.child_typing(args.pack)
    return _run(max(args.runs, 7), args.json)


# --- parent -------------------------------------------------------------------------------------


def _env(config: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", CONFIG_DIR_ENV: str(config)}


def _first_paint(command: list[str]) -> tuple[float, int]:
    """Seconds from spawning `command` to its first paint, and its peak RSS in kB."""
    with tempfile.TemporaryDirectory() as config:
        # The app prints its first paint and quits only when asked (the bare window always does).
        env = {**_env(Path(config)), FIRST_PAINT_ENV: "1"}
        started = time.time()
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, check=True, timeout=60
        )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    return float(lines["first-paint"]) - started, int(lines.get("peak-rss-kb", 0))


def _child(mode: str, pack: Path, place: str = "") -> dict:
    with tempfile.TemporaryDirectory() as config:
        command = [sys.executable, __file__, "--child", mode, "--pack", str(pack)]
        if place:
            command += ["--place", place]
        result = subprocess.run(
            command, env=_env(Path(config)), capture_output=True, text=True, timeout=300
        )
    if result.returncode != 0:  # a figure that cannot be trusted is no figure: stop, and say why
        sys.exit(f"bench: the {mode} measurement of {place or pack.name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
    }


def _opened(child: dict) -> dict[str, float]:
    return _summary(child["times"]) | {
        "cpu_median": statistics.median(child["cpu_times"]),
        "page_html_kb": child["html_kb"],
        "page_height_px": child["page_height_px"],
    }


def _machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    from PySide6 import __version__ as pyside

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyside6": pyside,
        "qt_platform": "offscreen",
    }


def _run(runs: int, json_path: Path) -> int:
    bench_search._repository_on_path()
    from tests.synthetic import content_with_large_cell

    from matrixdesk.authoring.compiler import build_pack
    from matrixdesk.paths import bundled_pack_path

    pack = bundled_pack_path()
    # An installed app runs from compiled bytecode; a source tree may not have any yet (and
    # PYTHONDONTWRITEBYTECODE stops Python writing it), so compile it once before timing.
    compileall.compile_dir(REPO / "src", quiet=1)
    bare, app, frozen, bare_rss = [], [], [], []
    frozen_app = REPO / "dist" / "matrixdesk" / "matrixdesk"
    # The command `make run` and an installed wheel start: the package's entry point, not
    # `python -m`, which would also load runpy.
    entry_point = Path(sys.executable).with_name("matrixdesk")
    for _ in range(runs):  # interleaved, so drift in machine load hits all alike
        seconds, rss = _first_paint([sys.executable, str(BARE)])
        bare.append(seconds * 1000)
        bare_rss.append(rss)
        app.append(_first_paint([str(entry_point)])[0] * 1000)
        if frozen_app.exists():  # built by make package
            frozen.append(_first_paint([str(frozen_app)])[0] * 1000)

    with tempfile.TemporaryDirectory() as scratch:
        large_pack = Path(scratch) / "synthetic-large.sqlite"
        problems = build_pack(content_with_large_cell(Path(scratch)), large_pack)
        assert not problems, problems
        large = _child("open", large_pack, "drug/A1")
        # Its last heading, from the "For discussion" link in the tenth copy of the studies.
        large_bite = _child("heading", large_pack, "drug/A1#trickier-situation-10")
    b5 = _child("open", pack, "alcohol/B5")
    b5_bite = _child("heading", pack, "alcohol/B5#trickier-situation")
    memory = _child("memory", pack)
    search_pack = bench_search.search_pack()
    query = bench_search.query_latency(search_pack)
    typing = _child("typing", search_pack)

    results = {
        "machine": _machine(),
        "first_paint_ms": {"bare_pyside6": _summary(bare), "matrixdesk": _summary(app)},
        "first_paint_ratio": statistics.median(app) / statistics.median(bare),
        "frozen_first_paint": (
            {
                "ms": _summary(frozen),
                "ratio_to_source": statistics.median(frozen) / statistics.median(app),
            }
            if frozen
            else None
        ),
        "page_view_build_ms": b5["page_view_build_ms"],
        "open_b5_ms": _opened(b5),
        "open_large_ms": _opened(large),
        "open_b5_at_bite_heading_ms": _opened(b5_bite),
        "open_large_at_bite_heading_ms": _opened(large_bite),
        "peak_rss_mb": {
            "matrixdesk_all_cells": memory["peak_rss_kb"] / 1024,
            "bare_pyside6": statistics.median(bare_rss) / 1024,
        },
        "search": {
            "pack": f"{bench_search.DOCUMENTS} synthetic documents + 50 synthetic cells, "
            f"{search_pack.stat().st_size / 1e6:.0f} MB",
            "query_ms": query,
            "keystroke_to_results_ms": typing,
        },
        "targets": TARGETS,
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print_table(results)
    print(f"\nJSON written to {json_path}")
    return 0


def _print_table(r: dict) -> None:
    machine = r["machine"]
    print(
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}, "
        f"{machine['system']}, Python {machine['python']}, PySide6 {machine['pyside6']}\n"
    )
    print(f"{'measure':42} {'median':>9} {'min':>9} {'max':>9}  {'target':10} result")

    def row(
        label: str,
        figures: dict | float,
        unit: str = "ms",
        target: float | None = None,
        note: str = "",
    ) -> None:
        """One line of the table; `figures` is a summary (median, min, max) or a bare median."""
        s = figures if isinstance(figures, dict) else {"median": figures}
        spread = f"{s['min']:7.1f}{unit} {s['max']:7.1f}{unit}" if "min" in s else " " * 19
        judged = ""
        if target is not None:
            judged = f"<= {target:g} {unit:5} " + ("meets" if s["median"] <= target else "MISSES")
        median = f"{s['median']:7.2f}" if unit == "x" else f"{s['median']:7.1f}"
        print(f"{label:42} {median}{unit} {spread}  {judged:17} {note}".rstrip())

    first = r["first_paint_ms"]
    row("First paint: bare PySide6 window", first["bare_pyside6"])
    row("First paint: MatrixDesk home grid", first["matrixdesk"])
    row("First paint ratio", r["first_paint_ratio"], "x", r["targets"]["first_paint_ratio"])
    frozen = r["frozen_first_paint"]
    if frozen:
        row("First paint: frozen bundle (dist/)", frozen["ms"])
        row("Frozen / from source", frozen["ratio_to_source"], "x", r["targets"]["frozen_ratio"])
    print("\nOpening a page: from the click to the page laid out whole and the window painted")
    row("Building the page view (first page only)", r["page_view_build_ms"])
    for key, label in (
        ("open_b5_ms", "Open B5 from the home grid"),
        ("open_large_ms", "Open synthetic 10x B5 from the grid"),
        ("open_b5_at_bite_heading_ms", "B5: its link to a bite heading"),
        ("open_large_at_bite_heading_ms", "10x B5: link to its last bite heading"),
    ):
        s = r[key]
        note = (
            f"CPU {s['cpu_median']:.1f} ms; {s['page_html_kb']:.0f} kB of HTML, "
            f"{s['page_height_px']:,.0f} px tall"
        )
        row(label, s, "ms", r["targets"].get(key), note)
    print()
    rss = r["peak_rss_mb"]
    row(
        "Peak RSS after opening all 50 cells",
        rss["matrixdesk_all_cells"],
        "MB",
        r["targets"]["peak_rss_mb"],
    )
    row("Peak RSS: bare PySide6 window", rss["bare_pyside6"], "MB")
    search = r["search"]
    print(f"\nSearch, on {search['pack']}:")
    query, typing = search["query_ms"], search["keystroke_to_results_ms"]
    row("Query p50 (core API, warm)", query["p50"])
    row("Query p95", query["p95"], "ms", r["targets"]["query_p95_ms"])
    for kind, median in query["median_by_kind"].items():
        row(f"  median, {kind}", median)
    row("Keystroke to results p50 (window)", typing["p50"])
    row("Keystroke to results p95", typing["p95"], "ms", r["targets"]["keystroke_p95_ms"])
    row("Longest UI stall while typing a burst", typing["longest_ui_stall_ms"])


# --- children (run in their own process) --------------------------------------------------------


def _child_memory(pack: Path) -> int:
    """Peak memory after opening every cell, each laid out whole and painted as when timed."""
    app, window = bench_open.window(pack)
    screen = bench_open.Screen(app, window)
    for context in window.contexts.values():
        for code in context.cells:
            window.navigate(f"{context.matrix.key}/{code}")
            screen.finish()
    window.navigate("alcohol/B5#trickier-situation")  # with the Matrix Bite unfolded
    screen.finish()
    window.close()
    print(json.dumps({"peak_rss_kb": peak_rss_kb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
