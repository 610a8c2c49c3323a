"""Damaged copies of a pack, and what `info`, `search`, `render` and the reader make of each.

Run as a program (the tests and `make damage-sweep` do): it makes byte-damaged copies of a good
pack, seeded so every run makes the same ones, and probes each copy in a child process of its own,
forked before any Qt is created, so a crash or a hang in one is seen as such and stops nothing
else. It prints a table and writes JSON with every copy's outcome.

Each copy is one of:
- "same": every path gave exactly the good pack's output;
- "refused": every path refused the pack (exit 1, a "damaged"/"incomplete" message on stderr);
- "changed": some path gave different output with exit 0 (wrong content shown as if whole);
- "traceback", "crashed" (killed by a signal), "hung" (stopped after the timeout), or "mixed"
  (some paths refused and others did not).

With --reseal, each damaged copy is sealed again before probing, as a careless or hostile tool
would do: the seal then passes, and what is left to stop the damage is everything after it.
With --smoke, each copy also goes through `matrixdesk --smoke-test` in a process of its own.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGE_SIZE = 4096
PROBE_TIMEOUT_S = 60
REFUSALS = ("damaged", "incomplete", "not a MatrixDesk content pack", "not an SQLite database")
SEARCH_WORDS = "offender"
ACCEPTABLE = {"same", "refused"}
ACCEPTABLE_RESEALED = ACCEPTABLE | {"changed", "mixed"}
PLACES = ("alcohol/B5", "alcohol/B5#trickier-situation", "alcohol/row/5", "drug/E5")


# --- the copies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    name: str
    data: bytes


def damaged_copies(good: bytes, seed: int, per_page: int, extra: int) -> Iterator[Damage]:
    """`per_page` single-byte changes in every page of `good`, then `extra` other kinds of
    damage (several bytes at once, a page zeroed, the file cut short). The same seed gives the
    same copies."""
    chance = random.Random(seed)
    pages = len(good) // PAGE_SIZE
    for page in range(pages):
        for _ in range(per_page):
            at = page * PAGE_SIZE + chance.randrange(PAGE_SIZE)
            copy = bytearray(good)
            copy[at] ^= chance.randrange(1, 256)
            yield Damage(f"page {page + 1} byte {at}", bytes(copy))
    for number in range(extra):
        copy = bytearray(good)
        kind = number % 3
        if kind == 0:
            spots = sorted(chance.randrange(len(good)) for _ in range(chance.randrange(2, 9)))
            for at in spots:
                copy[at] = chance.randrange(256)
            yield Damage(f"bytes {', '.join(map(str, spots))}", bytes(copy))
        elif kind == 1:
            page = chance.randrange(pages)
            copy[page * PAGE_SIZE : (page + 1) * PAGE_SIZE] = bytes(PAGE_SIZE)
            yield Damage(f"page {page + 1} zeroed", bytes(copy))
        else:
            size = chance.randrange(PAGE_SIZE, len(good))
            yield Damage(f"cut to {size} bytes", bytes(copy[:size]))


def resealed(data: bytes, folder: Path) -> bytes:
    """`data` with its seal made to match it again, if it still has one."""
    from matrixdesk.core.seal import SealError, write_seal

    path = folder / "reseal.sqlite"
    path.write_bytes(data)
    with path.open("rb+") as handle, contextlib.suppress(SealError):
        write_seal(handle)
    return path.read_bytes()


# --- what one process makes of a pack -------------------------------------------------------


def _command(arguments: list[str]) -> dict[str, object]:
    from matrixdesk.app import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(arguments)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return {"code": code, "out": _digest(out.getvalue()), "err": err.getvalue()}


def _reader(pack: Path) -> dict[str, object]:
    """What a reader sees: the window opened at B5, then home (the grid painted), a search
    through the window's own search thread, and a few more places."""
    from PySide6.QtGui import QGuiApplication

    from matrixdesk.core.pack import PackError
    from matrixdesk.core.store import ContentStore
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    try:
        store = ContentStore.open(pack)
    except PackError as error:
        return {"code": 1, "out": "", "err": error.problem}
    application()
    seen: list[str] = []
    with tempfile.TemporaryDirectory() as settings:
        try:
            window = open_window(store, Settings(Path(settings)), PLACES[0])
        except PackError as error:
            store.close()
            return {"code": 1, "out": "", "err": error.problem}
        failures: list[PackError] = []
        window.pack_failed.connect(failures.append)
        try:
            window.show()
            for place in PLACES:
                window.navigate(place)
                window.grab()  # lays out and paints, as the screen would
                seen.append(window.page.browser.toPlainText())
            window.go_home()
            window.grab()
            shown: list[str] = []
            window.results_shown.connect(shown.append)
            window.searching.search_failed.connect(lambda _: shown.append("failed"))
            window.window_actions.search_box.setText(SEARCH_WORDS)
            window.searching.on_text(SEARCH_WORDS)
            deadline = time.monotonic() + 20
            while not shown and time.monotonic() < deadline:
                QGuiApplication.processEvents()
            seen.append(f"{shown} {window.search_view.model.rowCount()}")
        finally:
            window.close()
            store.close()
    if failures:
        return {"code": 1, "out": "", "err": failures[0].problem}
    return {"code": 0, "out": _digest("\n".join(seen)), "err": ""}


def probe(pack: Path) -> dict[str, dict[str, object]]:
    """Every path's exit code, output (as a digest) and messages for one pack."""
    given = ["--pack", str(pack)]
    return {
        "info": _command(["info", *given]),
        "search": _command(["search", SEARCH_WORDS, "--json", *given]),
        "render": _command(["render", "alcohol/B5", "--unfold-all", *given]),
        "reader": _reader(pack),
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- one child process per pack -----------------------------------------------------------------


def probe_in_child(pack: Path, timeout: float = PROBE_TIMEOUT_S) -> dict[str, object]:
    """`probe(pack)` in a forked child: its result, or how the child ended if it gave none."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(reading)
        try:
            result: dict[str, object] = {"paths": probe(pack)}
        except BaseException as error:  # anything at all escaping is what we are looking for
            import traceback

            result = {"escaped": "".join(traceback.format_exception(error))}
        with os.fdopen(writing, "w") as out:
            json.dump(result, out)
        os._exit(0)
    os.close(writing)
    chunks, deadline = [], time.monotonic() + timeout
    with os.fdopen(reading) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
                return {"ended": "hung"}
            chunk = pipe.read()
            chunks.append(chunk)
            if chunk == "":
                break
    _, status = os.waitpid(child, 0)
    if os.WIFSIGNALED(status):
        return {"ended": f"crashed ({signal.Signals(os.WTERMSIG(status)).name})"}
    text = "".join(chunks)
    return json.loads(text) if text else {"ended": "crashed (no answer)"}


def smoke_test(pack: Path) -> dict[str, object]:
    """`matrixdesk --smoke-test` on `pack`, in a process of its own."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "matrixdesk", "--smoke-test", "--pack", str(pack)],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"code": "hung", "err": ""}
    return {"code": result.returncode, "err": result.stderr}


# --- judging ------------------------------------------------------------------------------------


def verdict(outcome: dict[str, object], original: dict[str, dict[str, object]]) -> str:
    if "ended" in outcome:
        return str(outcome["ended"]).split(" ")[0]
    if "escaped" in outcome:
        return "traceback"
    paths: dict[str, dict[str, object]] = outcome["paths"]  # type: ignore[assignment]
    smoke = outcome.get("smoke")
    if any("Traceback" in str(p["err"]) for p in paths.values()) or (
        isinstance(smoke, dict) and "Traceback" in str(smoke["err"])
    ):
        return "traceback"
    if isinstance(smoke, dict) and smoke["code"] == "hung":
        return "hung"
    if isinstance(smoke, dict) and isinstance(smoke["code"], int) and smoke["code"] < 0:
        return "crashed"
    refused = [
        p["code"] == 1 and any(word in str(p["err"]) for word in REFUSALS) for p in paths.values()
    ]
    same = [p == original[name] for name, p in paths.items()]
    if isinstance(smoke, dict):
        refused.append(smoke["code"] == 1)
        same.append(smoke["code"] == 0)
    if all(same):
        return "same"
    if all(refused):
        return "refused"
    if any(p["code"] == 0 and p != original[n] for n, p in paths.items()):
        return "changed"
    return "mixed"


def _import_before_forking() -> None:
    """Import what every child needs once, here, so each child starts with it (no Qt object is
    made before a fork: a child makes its own application)."""
    import matrixdesk.app
    import matrixdesk.commands
    import matrixdesk.ui.launch
    import matrixdesk.ui.page_view
    import matrixdesk.ui.search_view
    import matrixdesk.ui.search_worker  # noqa: F401


def run(good: Path, seed: int, per_page: int, extra: int, reseal: bool, smoke: bool) -> dict:
    _import_before_forking()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        original_outcome = probe_in_child(good)
        original = original_outcome.get("paths")
        if not isinstance(original, dict) or any(p["code"] != 0 for p in original.values()):
            raise SystemExit(f"the good pack did not read cleanly: {original_outcome}")
        copies, packs = [], []
        for number, damage in enumerate(damaged_copies(good.read_bytes(), seed, per_page, extra)):
            data = resealed(damage.data, folder) if reseal else damage.data
            pack = folder / f"copy-{number}.sqlite"
            pack.write_bytes(data)
            copies.append({"damage": damage.name, **probe_in_child(pack)})
            packs.append(pack)
        if smoke:  # whole processes: run as many at once as there are cores (no fork is left)
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                for copy, result in zip(copies, pool.map(smoke_test, packs), strict=True):
                    copy["smoke"] = result
        for copy in copies:
            copy["verdict"] = verdict(copy, original)
    return {
        "pack": str(good),
        "seed": seed,
        "resealed": reseal,
        "smoke_test": smoke,
        "copies": len(copies),
        "verdicts": dict(Counter(copy["verdict"] for copy in copies)),
        "details": copies,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--per-page", type=int, default=2, help="single-byte changes a page")
    parser.add_argument("--extra", type=int, default=20, help="other damaged copies")
    parser.add_argument("--reseal", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    started = time.monotonic()
    report = run(args.pack, args.seed, args.per_page, args.extra, args.reseal, args.smoke)
    report["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
    kind = "resealed " if args.reseal else ""
    smoke = ", each also through --smoke-test," if args.smoke else ""
    print(
        f"{report['copies']} {kind}damaged copies of {args.pack}{smoke} in {report['seconds']} s:"
    )
    for name, count in sorted(report["verdicts"].items()):
        print(f"  {name:<10} {count}")
    # A pack sealed over its damage may show changed text; nothing may ever crash or hang.
    allowed = ACCEPTABLE_RESEALED if args.reseal else ACCEPTABLE
    unacceptable = set(report["verdicts"]) - allowed
    if unacceptable:
        print(f"unacceptable: {', '.join(sorted(unacceptable))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
