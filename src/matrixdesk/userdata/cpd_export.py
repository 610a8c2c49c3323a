"""The formats the CPD log can be exported in, and the one function that writes each: the
command line's `--format` choices and the window's Export come from here, so a new format (PDF,
once the PDF module is merged) is one name in EXPORT_FORMATS and one branch in `write`. Light
to import: the command line's parser reads EXPORT_FORMATS at every start."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matrixdesk.userdata.records import CpdEntry

EXPORT_FORMATS: Final = ("csv",)


def write(
    format_name: str,
    entries: Sequence[CpdEntry],
    file: Path,
    titles: Mapping[str, str] | None = None,
) -> int:
    """Write `entries` to `file` in `format_name` (one of EXPORT_FORMATS), whole or not at all;
    how many were written. Raises files.FileWriteError if `file` cannot be written."""
    if format_name == "csv":
        from matrixdesk.userdata.cpd_csv import write_csv

        return write_csv(entries, file, titles)
    raise ValueError(f"no CPD export format {format_name!r}; there are {EXPORT_FORMATS}")


def hours_and_minutes(minutes: int) -> str:
    """A duration as people say it: "45 min", "2 h", "3 h 20 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"
