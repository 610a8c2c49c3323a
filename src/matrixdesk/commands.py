"""The terminal subcommands: `build`, `check`, `import-page`, `info`, `search` and `render`. Each
returns an exit code: 0 when it did what was asked, 1 for problems in the sources or the pack, 2
for a request that cannot be met (a place the pack does not have, a copy of the app without the
compiler)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from matrixdesk.core.addresses import parse_place
from matrixdesk.core.pack import PackError
from matrixdesk.core.seal import Seal
from matrixdesk.core.search import KIND_NAMES, SearchHit
from matrixdesk.core.signing import (
    SECRET_KEY_PREFIX,
    KeyFileError,
    PublicKey,
    public_key_of,
    read_key_file,
)
from matrixdesk.core.store import ContentStore
from matrixdesk.page.coverage import coverage_sentence
from matrixdesk.page.place_page import page_at, rendered

if TYPE_CHECKING:  # the compiler is left out of the installed app: imported only when used
    from matrixdesk.authoring.problems import Problem

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNAVAILABLE = 2
T = TypeVar("T")
_NO_COMPILER = (
    "This copy of MatrixDesk reads content packs but cannot build them (the installers leave "
    "the compiler out). Build packs from the source tree: `make pack`, or "
    "`python -m matrixdesk build`."
)


def _compiler() -> ModuleType | None:
    """The pack compiler, or None (after saying why) in a bundle built without it."""
    try:
        from matrixdesk.authoring import compiler
    except ImportError:
        print(_NO_COMPILER, file=sys.stderr)
        return None
    return compiler


def run_check(source: Path) -> int:
    """Check a content folder; or one file of it, in the light of the whole folder (its links
    lead elsewhere), reporting that file's problems."""
    compiler = _compiler()
    if compiler is None:
        return EXIT_UNAVAILABLE
    folder = _content_folder_of(source) if source.is_file() else source
    if folder is None:
        print(
            f"{source}: this file is not in a content folder (none of the folders above it "
            "holds pack.toml); give the content folder, or a file inside it",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    problems = compiler.check_sources(folder)
    mine = [p for p in problems if folder is source or p.path.resolve() == source.resolve()]
    for problem in mine:
        print(problem, file=sys.stderr)
    elsewhere = len(problems) - len(mine)
    if elsewhere:
        print(f"({elsewhere} more in other files: matrixdesk check {folder})", file=sys.stderr)
    errors = sum(1 for problem in mine if not problem.warning)
    if errors:
        print(f"{errors} problem(s) found in {source}{_and_warnings(mine)}.", file=sys.stderr)
        return EXIT_PROBLEMS
    if mine:
        print(f"{source}: no problems found{_and_warnings(mine)}: it would build.")
        return EXIT_OK
    print(f"{source}: no problems found.")
    return EXIT_OK


def _and_warnings(problems: list[Problem]) -> str:
    """ ", and 3 warning(s) for the editor" when there are any."""
    warnings = sum(1 for problem in problems if problem.warning)
    return f", and {warnings} warning(s) for the editor" if warnings else ""


def _content_folder_of(file: Path) -> Path | None:
    """The content folder (the one with pack.toml) that `file` lies in, if any."""
    return next(
        (folder for folder in file.resolve().parents if (folder / "pack.toml").is_file()), None
    )


def run_build(source_dir: Path, out: Path, quiet: bool = False, sign: Path | None = None) -> int:
    compiler = _compiler()
    if compiler is None:
        return EXIT_UNAVAILABLE
    seed = None
    if sign is not None:  # before building: a wrong key file must not cost a build
        try:
            seed = read_key_file(sign, SECRET_KEY_PREFIX)
        except KeyFileError as error:
            print(f"matrixdesk build: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
    started = time.perf_counter()
    problems = compiler.build_pack(source_dir, out, seed)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for problem in problems if not problem.warning)
    if errors:
        print(
            f"{errors} problem(s){_and_warnings(problems)}: the pack was not written.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if not quiet:
        signed = f", signed by key {PublicKey(public_key_of(seed)).fingerprint}" if seed else ""
        took = time.perf_counter() - started
        print(f"Built {out} in {took:.2f} s{signed}{_and_warnings(problems)}.")
    return EXIT_OK


def run_import_page(saved: Path, content_dir: Path, replace: bool) -> int:
    """Write the cell file for a page saved as text; 1, with nothing written, if it cannot."""
    if _compiler() is None:
        return EXIT_UNAVAILABLE
    from matrixdesk.authoring.import_page import ImportRefusedError, import_page

    try:
        imported = import_page(saved, content_dir, replace)
    except ImportRefusedError as refusal:
        print(f"matrixdesk import-page: {refusal}", file=sys.stderr)
        return EXIT_PROBLEMS
    for line in imported.report:
        print(line, file=sys.stdout if imported.complete else sys.stderr)
    return EXIT_OK


def run_preview(source_dir: Path, open_address: str | None) -> int:
    """The reader on a scratch pack built from `source_dir`, rebuilt as sources are saved."""
    compiler = _compiler()
    if compiler is None:
        return EXIT_UNAVAILABLE
    if not (source_dir / "pack.toml").is_file():
        print(
            f"matrixdesk preview: {source_dir} is not a content folder (it has no pack.toml)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    import tempfile

    from matrixdesk.ui.launch import no_display
    from matrixdesk.ui.preview import run_preview as preview

    if reason := no_display():
        print(f"matrixdesk preview: {reason}.", file=sys.stderr)
        return EXIT_PROBLEMS
    with tempfile.TemporaryDirectory(prefix="matrixdesk-preview-") as scratch:
        return preview(source_dir.absolute(), compiler.build_pack, Path(scratch), open_address)


def with_pack(pack: Path, chosen: bool, work: Callable[[ContentStore], T]) -> T | None:
    """What `work` makes of the pack, or None, after saying why on stderr, if the pack cannot be
    opened or turns out damaged on the way."""
    try:
        store = ContentStore.open(pack)
        try:
            return work(store)
        finally:
            store.close()
    except PackError as error:
        print(f"{error.path}: {error.problem} {error.advice_for(chosen)}", file=sys.stderr)
        return None


def run_search(
    pack: Path,
    chosen: bool,
    query: str,
    matrix: str | None,
    type_code: str | None,
    as_json: bool,
    limit: int,
) -> int:
    found = with_pack(pack, chosen, lambda store: _search(store, query, matrix, type_code, limit))
    if found is None:
        return EXIT_PROBLEMS
    hits, nothing = found
    if as_json:
        print(json.dumps([_hit_record(hit) for hit in hits], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not hits:
        print(f"No results for {query!r}. {nothing}")
    for number, hit in enumerate(hits, start=1):
        place = f"{hit.matrix} {hit.cell}".strip()
        print(f"{number:>2}. [{KIND_NAMES[hit.kind]}] {place} · {hit.title.text}")
        print(f"    {hit.address}")
        if hit.snippet.text:
            print(f"    {hit.snippet.text}")
    return EXIT_OK


def _search(
    store: ContentStore, query: str, matrix: str | None, type_code: str | None, limit: int
) -> tuple[list[SearchHit], str]:
    """The hits, and what to say if there are none: a close word, and what the pack holds."""
    hits = store.search(query, matrix, type_code, limit)
    if hits:
        return hits, ""
    suggestion = store.suggest(query)
    did_you_mean = f"Did you mean {suggestion!r}? " if suggestion else ""
    return hits, did_you_mean + coverage_sentence(*store.coverage(), store.matrices())


def _hit_record(hit: SearchHit) -> dict[str, object]:
    return {
        "kind": KIND_NAMES[hit.kind],
        "address": hit.address,
        "matrix": hit.matrix,
        "cell": hit.cell,
        "title": hit.title.text,
        "snippet": hit.snippet.text,
        "matched": hit.title.words + hit.snippet.words,
        "types": list(hit.types),
    }


def run_info(
    pack: Path,
    chosen: bool,
    in_use: Sequence[tuple[str, str]] = (),
    origin: Callable[[Seal], str] | None = None,
) -> int:
    """What the pack is and holds, after SQLite's and the search index's own full checks;
    `in_use`: lines saying why it is the pack in use; `origin`: who made it, as trusted here."""
    rows = with_pack(pack, chosen, lambda store: _info_rows(pack, store, origin))
    if rows is None:
        return EXIT_PROBLEMS
    for label, value in [*in_use, *rows]:
        print(f"{label + ':' if label else '':<16}{value}")  # no label: the line above's goes on
    return EXIT_OK


def _info_rows(
    pack: Path, store: ContentStore, origin: Callable[[Seal], str] | None
) -> list[tuple[str, str]]:
    store.check_integrity()
    summary = store.summary()
    counts = store.counts()
    matrices = ", ".join(matrix.key for matrix in store.matrices())
    return [
        ("Pack", str(pack)),
        ("Title", summary.title),
        ("Edition", summary.edition),
        ("Publisher", summary.publisher or "(not given)"),
        *(
            ("Credits" if number == 0 else "", f"{credit.role} {', '.join(credit.names)}")
            for number, credit in enumerate(summary.credits)
        ),
        ("Content hash", summary.content_hash),
        ("Seal", f"{summary.seal} (matches the file)"),
        *([("Signature", origin(store.seal))] if origin else []),
        ("Integrity", "ok (SQLite's checks and the search index's)"),
        ("Built by", summary.builder_version),
        ("Schema version", str(summary.schema_version)),
        ("Application id", f"0x{summary.application_id:08X} (MatrixDesk pack)"),
        ("Matrices", f"{counts['matrices']} ({matrices})"),
        ("Cells", f"{counts['cells']} ({counts['cells with content']} with content)"),
        ("Entries", str(counts["entries"])),
        ("Sections", str(counts["sections"])),
    ]


def run_render(pack: Path, chosen: bool, place: str, unfold_all: bool, html: bool) -> int:
    """Print the page at `place` as the reader builds it: its HTML, or its words alone (what a
    reader copies: no icons and no words of the app's own)."""
    found = with_pack(pack, chosen, lambda store: page_at(store, parse_place(place)))
    if found is None:
        return EXIT_PROBLEMS
    if isinstance(found, str):
        print(f"matrixdesk render: {found}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    page = rendered(found, unfold_all)
    sys.stdout.write(page.html + "\n" if html else page.text)
    return EXIT_OK
