"""Printouts' half of `make bench`: how long `matrixdesk export` takes to write

* alcohol B5, everything unfolded, as a PDF (target 1.5 s),
* B5's team discussion pack (target 2 s),
* the synthetic 10x cell (alcohol B5's studies and Matrix Bite ten times over, built into a
  throw-away pack by tests/synthetic.py, never shipped), everything unfolded (target 10 s),
* a CPD log of 50 synthetic entries (labelled as such, a throw-away user database) as a PDF,
  `matrixdesk cpd export --format pdf` (target 2 s; its layout and writing, which the window
  does on the user database's thread, target 1 s),

each as a training lead runs it: the whole command in a fresh process, from its start to the
PDF in place (Python, Qt's start off screen, the pack's checks, layout and writing). Beside it,
the same work in a warm process (no start-up): the layout and writing alone. Prints a table and
writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_userdata import ms_since, summary

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RUNS = 7
TARGETS = {"b5_pdf_s": 1.5, "b5_handout_s": 2.0, "large_pdf_s": 10.0, "cpd_pdf_s": 2.0}
CPD_ENTRIES = 50
CPD_WARM_TARGET_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench-print.json")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-print-") as scratch:
        results = _run(Path(scratch), args.runs)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print_table(results)
    print(f"\nJSON written to {args.json}")
    return 0


def _command(pack: Path, place: str, out: Path, *options: str) -> float:
    """Seconds for one `matrixdesk export` in a fresh process, with no display."""
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    started = time.perf_counter()
    command = [sys.executable, "-m", "matrixdesk", "export", place, "--pdf", str(out)]
    subprocess.run(
        [*command, *options, "--pack", str(pack)],
        check=True,
        capture_output=True,
        env={**environment, "QT_QPA_PLATFORM": "offscreen"},
    )
    return ms_since(started) / 1000


def _warm(pack: Path, place: str, out: Path, handout: bool, runs: int) -> list[float]:
    """Milliseconds for the page's printout alone, laid out and written, in this process."""
    from matrixdesk.core.addresses import parse_place
    from matrixdesk.core.store import ContentStore
    from matrixdesk.export.headless import gui_application
    from matrixdesk.export.printouts import cell_printout, handout_printout
    from matrixdesk.page.place_page import CellAt, page_at
    from matrixdesk.page.printable import UNFOLDED

    gui_application()
    store = ContentStore.open(pack)
    try:
        at = page_at(store, parse_place(place))
        assert isinstance(at, CellAt), at
        summary_ = store.summary()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            if handout:
                document = handout_printout(at, summary_, None)
            else:
                document = cell_printout(at, UNFOLDED, summary_)
            document.write_pdf(out, "a4")
            times.append(ms_since(started))
        return times
    finally:
        store.close()


def _cpd_profile(folder: Path) -> Path:
    """A throw-away user database with CPD_ENTRIES synthetic entries, each on B5 and two of its
    studies, with a few hundred words written in each, clearly labelled as synthetic."""
    from matrixdesk.userdata.records import CpdDetails
    from matrixdesk.userdata.store import UserData

    words = " ".join(["Synthetic benchmark text, not a real reflection."] * 25)
    places = (
        "alcohol/B5",
        "alcohol/B5/entry/supervision-manual",
        "alcohol/B5/entry/working-with-men",
    )
    with UserData.open(folder / "userdata.sqlite") as data:
        for number in range(CPD_ENTRIES):
            day = f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
            mode = ("individual", "participatory")[number % 2]
            data.add_cpd(
                CpdDetails(
                    day,
                    "reading",
                    places,
                    30 + number,
                    mode,
                    f"Synthetic entry {number}: {words}",
                    f"Synthetic entry {number}: {words}",
                    "Synthetic standard",
                    f"Synthetic evidence {number}",
                )
            )
    return folder


def _cpd_command(profile: Path, out: Path) -> float:
    """Seconds for one `matrixdesk cpd export --format pdf` in a fresh process, no display."""
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    started = time.perf_counter()
    command = [sys.executable, "-m", "matrixdesk", "--config-dir", str(profile), "cpd"]
    subprocess.run(
        [*command, "export", "--format", "pdf", "-o", str(out)],
        check=True,
        capture_output=True,
        env={**environment, "QT_QPA_PLATFORM": "offscreen"},
    )
    return ms_since(started) / 1000


def _cpd_warm(profile: Path, out: Path, runs: int) -> list[float]:
    """Milliseconds for the log's PDF alone, laid out and written, in this process (what the
    window does on the user database's thread), with the places' titles given."""
    from matrixdesk.export.cpd_printout import write_cpd_pdf
    from matrixdesk.export.headless import gui_application
    from matrixdesk.userdata.store import UserData

    gui_application()
    with UserData.open(profile / "userdata.sqlite") as data:
        entries = data.cpd_entries()
    titles = {place: f"Title of {place}" for e in entries for place in e.details.places}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        write_cpd_pdf(entries, out, "a4", titles)
        times.append(ms_since(started))
    return times


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def _run(scratch: Path, runs: int) -> dict[str, Any]:
    from tests.synthetic import content_with_large_cell

    from matrixdesk.authoring.compiler import build_pack
    from matrixdesk.paths import bundled_pack_path

    pack = bundled_pack_path()
    large = scratch / "synthetic-large.sqlite"
    problems = build_pack(content_with_large_cell(scratch), large)
    assert not problems, problems
    cases = {
        "b5_pdf_s": (pack, "alcohol/B5", ("--unfold-all",), False),
        "b5_handout_s": (pack, "alcohol/B5", ("--handout",), True),
        "large_pdf_s": (large, "drug/A1", ("--unfold-all",), False),
    }
    results: dict[str, Any] = {"targets": TARGETS}
    for key, (chosen, place, options, handout) in cases.items():
        out = scratch / f"{key}.pdf"
        command = [_command(chosen, place, out, *options) for _ in range(runs)]
        results[key] = {
            "command": summary(command),
            "warm_ms": summary(_warm(chosen, place, out, handout, runs)),
            "pages": _pages(out),
            "bytes": out.stat().st_size,
        }
    profile = _cpd_profile(scratch / "cpd-profile")
    out = scratch / "cpd.pdf"
    command = [_cpd_command(profile, out) for _ in range(runs)]
    results["cpd_pdf_s"] = {
        "command": summary(command),
        "warm_ms": summary(_cpd_warm(profile, out, runs)),
        "pages": _pages(out),
        "bytes": out.stat().st_size,
        "entries": CPD_ENTRIES,
        "warm_target_s": CPD_WARM_TARGET_S,
    }
    return results


def _print_table(r: dict[str, Any]) -> None:
    print(f"{'printout (matrixdesk export, a fresh process)':48} {'p50':>7} {'max':>7}  target")
    for key, label in (
        ("b5_pdf_s", "B5, everything unfolded"),
        ("b5_handout_s", "B5's discussion pack"),
        ("large_pdf_s", "Synthetic 10x B5, everything unfolded"),
        ("cpd_pdf_s", f"CPD log, {CPD_ENTRIES} synthetic entries"),
    ):
        s, target = r[key]["command"], r["targets"][key]
        judged = "meets" if s["p50"] <= target else "MISSES"
        print(f"{label:48} {s['p50']:6.2f}s {s['max']:6.2f}s  <= {target:g} s {judged}")
        warm = r[key]["warm_ms"]
        print(
            f"{'  of which layout and writing (warm)':48} {warm['p50'] / 1000:6.2f}s "
            f"{warm['max'] / 1000:6.2f}s  {r[key]['pages']} pages, "
            f"{r[key]['bytes'] / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    sys.exit(main())
