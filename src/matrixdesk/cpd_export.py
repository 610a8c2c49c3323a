"""The formats the CPD log can be exported in, and the one function that writes each: the
command line's `--format` choices and the window's Export come from here. It composes the user
database's side (the CSV, `userdata.cpd_csv`) with the printing side (the PDF,
`export.cpd_printout`, which needs QtGui), so it lives above both: `userdata` stays free of Qt.
Light to import: the command line's parser reads EXPORT_FORMATS at every start, and each
format's modules load only when it is written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matrixdesk.userdata.records import CpdEntry

EXPORT_FORMATS: Final = ("csv", "pdf")
DEFAULT_NAMES: Final = {"csv": "cpd-log.csv", "pdf": "cpd-log.pdf"}


def write(
    format_name: str,
    entries: Sequence[CpdEntry],
    file: Path,
    titles: Mapping[str, str] | None = None,
    *,
    start: str | None = None,
    end: str | None = None,
    places_note: str = "",
    paper: str | None = None,
) -> int:
    """Write `entries` to `file` in `format_name` (one of EXPORT_FORMATS), whole or not at all;
    how many were written. `titles`: each place in words (None: addresses only, `places_note`
    saying why in a PDF); `start`, `end`: the days asked for, named in a PDF's header; `paper`:
    a PDF's paper (default: the locale's). Raises files.FileWriteError if `file` cannot be
    written. A PDF needs a QGuiApplication: one drawing off screen is made if there is none."""
    from matrixdesk.userdata import files

    files.check_destination(file, DEFAULT_NAMES.get(format_name, "cpd-log"))
    if format_name == "csv":
        from matrixdesk.userdata.cpd_csv import write_csv

        return write_csv(entries, file, titles)
    if format_name == "pdf":
        from matrixdesk.export.cpd_printout import write_cpd_pdf
        from matrixdesk.export.headless import gui_application
        from matrixdesk.export.paged import ExportError, default_paper

        gui_application()
        try:
            write_cpd_pdf(entries, file, paper or default_paper(), titles, start, end, places_note)
        except ExportError as error:
            raise files.FileWriteError(f"{error.problem} {error.advice}".rstrip(".")) from None
        return len(entries)
    raise ValueError(f"no CPD export format {format_name!r}; there are {EXPORT_FORMATS}")
