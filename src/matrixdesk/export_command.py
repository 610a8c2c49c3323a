"""`matrixdesk export PLACE --pdf OUT`: a page, or a cell's team discussion pack, as a PDF.

No display needed (Qt draws off screen). Every failure is one line saying what is wrong and
what to do, and a non-zero exit; the PDF is written whole or not at all."""

from __future__ import annotations

import sys
from pathlib import Path

from matrixdesk.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_UNAVAILABLE, with_pack
from matrixdesk.core.addresses import parse_place
from matrixdesk.core.views import PackSummary
from matrixdesk.page.handout import NoteLine, note_lines
from matrixdesk.page.place_page import CellAt, OtherPage, page_at
from matrixdesk.page.printable import SHOWN, UNFOLDED

_ME = "matrixdesk export"


def run_export(
    pack: Path,
    chosen: bool,
    place: str,
    out: Path,
    *,
    unfold_all: bool = False,
    handout: bool = False,
    paper: str | None = None,
    notes_from: Path | bool | None = False,
) -> int:
    """Write the page at `place` to `out`. `notes_from`: False leaves the reader's notes out of
    a discussion pack; otherwise the settings folder whose user database holds them (None for
    the usual one)."""
    found = with_pack(
        pack, chosen, lambda store: (page_at(store, parse_place(place)), store.summary())
    )
    if found is None:
        return EXIT_PROBLEMS
    at, summary = found
    if isinstance(at, str):
        print(f"{_ME}: {at}.", file=sys.stderr)
        return EXIT_UNAVAILABLE
    if handout and not isinstance(at, CellAt):
        print(
            f"{_ME}: the pack holds no studies or Matrix Bite for "
            f"{place.removeprefix('matrixdesk:/')}, so there is no "
            "discussion pack to make; give a cell the pack holds in full, e.g. alcohol/B5.",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    notes = None
    if handout and notes_from is not False and isinstance(at, CellAt):
        notes = _my_notes(at, notes_from if isinstance(notes_from, Path) else None)
        if notes is None:
            return EXIT_PROBLEMS
    return _write(at, summary, out, unfold_all, handout, paper, notes)


def _write(
    at: CellAt | OtherPage,
    summary: PackSummary,
    out: Path,
    unfold_all: bool,
    handout: bool,
    paper: str | None,
    notes: list[NoteLine] | None,
) -> int:
    # Qt only now, and only for this command: the others start without it.
    from matrixdesk.export.headless import gui_application
    from matrixdesk.export.paged import ExportError, default_paper
    from matrixdesk.export.printouts import cell_printout, handout_printout, other_printout

    gui_application()
    if isinstance(at, OtherPage):
        document = other_printout(at, summary)
    elif handout:
        document = handout_printout(at, summary, notes)
    else:
        document = cell_printout(at, UNFOLDED if unfold_all else SHOWN, summary)
    try:
        pages = document.write_pdf(out, paper or default_paper())
    except ExportError as error:
        print(f"{_ME}: {error.problem} {error.advice}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}).")
    return EXIT_OK


def _my_notes(at: CellAt, config_dir: Path | None) -> list[NoteLine] | None:
    """The reader's notes on the cell, read from their user database (not made if there is
    none); None, after saying why, if it cannot be read."""
    from matrixdesk.userdata.errors import UserDataError
    from matrixdesk.userdata.location import user_data_path
    from matrixdesk.userdata.store import UserData

    path = user_data_path(config_dir)
    if not path.is_file():
        print(
            f"{_ME}: no user data at {path} yet, so no notes of yours to include.", file=sys.stderr
        )
        return []
    address = str(at.page.summary.address)
    try:
        with UserData.open(path) as data:
            found = data.notes_at(address, parts=True)
    except UserDataError as error:
        print(f"{_ME}: {error.problem} {error.advice}", file=sys.stderr)
        return None
    return note_lines(at.page, [(note.address, note.text) for note in found])
