"""The CPD log as CSV, for a spreadsheet or a regulator's form: one row an entry, one column a
field, a header row of plain names. No Qt.

Written as Excel expects to open it with a double-click: UTF-8 with a byte order mark (without
it Excel reads the file in the system's legacy code page and mangles every accent), CRLF at the
end of each row, and the csv module's quoting, so commas, quotes and line breaks in what the
reader wrote stay inside their cell. A field's own line breaks are kept as they were typed
(a bare LF inside a quoted cell, which Excel and LibreOffice show as a line break in the cell).
Places are their addresses, one a line; with titles from the caller (the window's, or the command
line's from the pack in use when it can be opened) a second column gives each place's title,
line for line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from matrixdesk.userdata import files
from matrixdesk.userdata.records import ACTIVITY_WORDS, CpdEntry

DEFAULT_FILE_NAME: Final = "cpd-log.csv"
ADDRESSES: Final = "Places (addresses)"
TITLES: Final = "Places (titles)"
HEADER: Final = (
    "Date",
    "Activity",
    "Individual or participatory",
    "Minutes",
    ADDRESSES,
    TITLES,
    "What I learned",
    "How it will change my practice",
    "Standard or code",
    "Evidence reference",
    "Created (UTC)",
    "Updated (UTC)",
    "Entry id",
)


def header(with_titles: bool) -> tuple[str, ...]:
    """The header row: the titles column only when titles are given."""
    return HEADER if with_titles else tuple(name for name in HEADER if name != TITLES)


def rows(
    entries: Sequence[CpdEntry], titles: Mapping[str, str] | None = None
) -> list[tuple[str, ...]]:
    """The rows of the file, the header first."""
    made = [header(titles is not None)]
    for entry in entries:
        details = entry.details
        row = [
            details.date,
            ACTIVITY_WORDS[details.activity],
            details.mode,
            str(details.minutes),
            "\n".join(details.places),
        ]
        if titles is not None:
            row.append("\n".join(titles.get(place, "") for place in details.places))
        row += [
            details.learned,
            details.practice,
            details.standard,
            details.evidence,
            entry.created,
            entry.updated,
            entry.id,
        ]
        made.append(tuple(row))
    return made


def csv_bytes(entries: Sequence[CpdEntry], titles: Mapping[str, str] | None = None) -> bytes:
    """The whole file's bytes: BOM, then the rows, CRLF after each."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows(entries, titles))
    return out.getvalue().encode("utf-8-sig")


def write_csv(
    entries: Sequence[CpdEntry], file: Path, titles: Mapping[str, str] | None = None
) -> int:
    """Write `entries` to `file` as CSV, whole or not at all (files.FileWriteError if it cannot
    be written); how many entries were written."""
    files.check_destination(file, DEFAULT_FILE_NAME)
    files.write_whole(csv_bytes(entries, titles), file)
    return len(entries)
