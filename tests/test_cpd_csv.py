"""The CPD log as CSV: a spreadsheet reads back exactly what was written, commas, quotes and line
breaks included; the file starts with a byte order mark and ends its rows with CRLF, as Excel
expects; it is written whole or not at all. All text here is synthetic."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from matrixdesk.userdata.cpd_csv import HEADER, write_csv
from matrixdesk.userdata.files import FileWriteError
from matrixdesk.userdata.records import CpdDetails, CpdEntry

TRICKY = 'Synthetic: commas, "quotes", semicolons; a line break\nand ünïcödé 🙂, =1+1'
ENTRIES = (
    CpdEntry(
        "6a1d2f84-3c5b-4e97-a0b8-9d7c6e5f4a32",
        CpdDetails(
            "2026-01-12",
            "team-discussion",
            ("matrixdesk:/alcohol/B5", "matrixdesk:/alcohol/B5#synthetic-heading"),
            75,
            "participatory",
            TRICKY,
            "Synthetic practice,\r\nwith a CRLF inside.",
            "Synthetic standard",
            "",
        ),
        "2026-01-12T10:00:00.000Z",
        "2026-01-13T10:00:00.000Z",
    ),
    CpdEntry(
        "e2b7c9d0-4f1a-4a63-8c25-1b0e9f8d7c64",
        CpdDetails("2026-01-10", "reading", (), 20, "individual", "S.", "", "", "Synthetic ref"),
        "2026-01-10T10:00:00.000Z",
        "2026-01-10T10:00:00.000Z",
    ),
)


def _read_back(file: Path) -> list[list[str]]:
    with file.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_a_csv_reader_reads_back_every_field_exactly(tmp_path: Path) -> None:
    file = tmp_path / "log.csv"
    assert write_csv(ENTRIES, file) == 2
    header, first, second = _read_back(file)
    assert header == [name for name in HEADER if name != "Places (titles)"]
    assert dict(zip(header, first, strict=True)) == {
        "Date": "2026-01-12",
        "Activity": "team discussion",
        "Individual or participatory": "participatory",
        "Minutes": "75",
        "Places (addresses)": "matrixdesk:/alcohol/B5\nmatrixdesk:/alcohol/B5#synthetic-heading",
        "What I learned": TRICKY,
        "How it will change my practice": "Synthetic practice,\r\nwith a CRLF inside.",
        "Standard or code": "Synthetic standard",
        "Evidence reference": "",
        "Created (UTC)": "2026-01-12T10:00:00.000Z",
        "Updated (UTC)": "2026-01-13T10:00:00.000Z",
        "Entry id": "6a1d2f84-3c5b-4e97-a0b8-9d7c6e5f4a32",
    }
    assert second[:4] == ["2026-01-10", "reading", "individual", "20"]


def test_the_file_starts_with_a_bom_and_ends_rows_with_crlf(tmp_path: Path) -> None:
    file = tmp_path / "log.csv"
    write_csv(ENTRIES, file)
    data = file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfDate,Activity,")
    assert data.endswith(b"\r\n")
    header_end = data.index(b"\r\n")
    assert b"\n" not in data[:header_end]
    assert data.count(b"\r\n") == 4, "three rows, and the CRLF typed inside a field"


def test_titles_given_by_the_caller_go_beside_the_addresses_line_for_line(
    tmp_path: Path,
) -> None:
    file = tmp_path / "log.csv"
    titles = {"matrixdesk:/alcohol/B5": "Synthetic cell title"}
    write_csv(ENTRIES[:1], file, titles)
    header, row = _read_back(file)
    assert header == list(HEADER)
    assert row[header.index("Places (titles)")] == "Synthetic cell title\n"


def test_an_empty_log_is_a_header_alone(tmp_path: Path) -> None:
    file = tmp_path / "log.csv"
    assert write_csv((), file) == 0
    assert len(_read_back(file)) == 1


def test_a_failed_write_leaves_the_old_file_whole_and_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "log.csv"
    file.write_text("Synthetic: the previous log.\n")

    def no_room(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_room)
    with pytest.raises(FileWriteError, match="could not be written \\(No space left on device\\)"):
        write_csv(ENTRIES, file)
    assert file.read_text() == "Synthetic: the previous log.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


@pytest.mark.parametrize(
    ("where", "message"),
    [("", "is a folder; give the name of the file to write"), ("no/log.csv", "does not exist")],
)
def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path, where: str, message: str) -> None:
    with pytest.raises(FileWriteError, match=message):
        write_csv(ENTRIES, tmp_path / where)
