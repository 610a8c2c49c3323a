"""The CPD log as a PDF, read back with poppler: `matrixdesk cpd export --format pdf -o PATH` as
typed in a terminal with no display. The log table first (every entry, oldest first, its total),
then one reflective account an entry, on a page of its own, with every field in order; the
running header and footer on every page; fonts embedded; a place the pack no longer has given
with its address; the reader's own words printed exactly as typed. All text here is synthetic."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from matrixdesk.userdata.cpd_printable import cpd_log_html
from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.store import UserData
from tests.pdf_reading import fonts, matrixdesk, need_poppler, page_text, pages

B5 = "matrixdesk:/alcohol/B5"
GONE_PLACE = f"{B5}#a-heading-a-later-edition-dropped"
HOSTILE = "Example entry: Café — “quotes” & <tags> and 'apostrophes' </p><b>not bold</b>"
ENTRIES = (  # (date, activity, places, minutes, mode, learned, practice, standard, evidence)
    (
        "2026-02-10",
        "team-discussion",
        (GONE_PLACE,),
        95,
        "participatory",
        "Example entry: a synthetic team discussion.",
        "Example entry: synthetic change to practice.",
        "Example standard: HCPC standards",
        "Example evidence: record sheet 2",
    ),
    (
        "2026-01-05",
        "reading",
        (B5, f"{B5}/entry/supervision-manual"),
        40,
        "individual",
        HOSTILE + "\nA second line.\n\nExample entry: a second paragraph.",
        "Example entry: synthetic practice words.",
        "Example standard: the NMC Code",
        "Example evidence: notebook page 1",
    ),
    (
        "2026-03-15",
        "supervision",
        (),
        30,
        "participatory",
        "",
        "",
        "",
        "",
    ),
)
PRINTED = f"Printed {date.today().day} {date.today():%B %Y}"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    with UserData.open(folder / "userdata.sqlite") as userdata:
        for fields in ENTRIES:
            userdata.add_cpd(CpdDetails(*fields))
    return folder


def _squeezed(text: str) -> str:
    """Text without its white space, so words a table cell wrapped read as one, nor hyphens,
    as pdftotext joins a word wrapped at its hyphen without it."""
    return "".join(text.split()).replace("-", "")


def _in_order(text: str, expected: list[str]) -> None:
    """Each of `expected` in `text`, one after another (white space aside)."""
    squeezed, at = _squeezed(text), 0
    for words in expected:
        found = squeezed.find(_squeezed(words), at)
        assert found >= 0, f"{words!r} not found after position {at} in:\n{text}"
        at = found + len(_squeezed(words))


def _export(profile: Path, out: Path, *options: str, before: tuple[str, ...] = ()) -> str:
    done = matrixdesk(
        *before, "--config-dir", str(profile), "cpd", "export", "--format", "pdf", "-o", str(out),
        *options,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_log_table_comes_first_then_one_reflective_account_a_page(
    profile: Path, tmp_path: Path
) -> None:
    need_poppler()
    out = tmp_path / "cpd-log.pdf"
    said = _export(profile, out)
    assert said == f"Exported 3 CPD entries (2 h 45 min) to {out}.\n"
    texts = pages(out)
    assert len(texts) == 4, texts
    for number, text in enumerate(texts, start=1):  # the running header and footer
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[:2] == ["CPD log — MatrixDesk", "5 January 2026 to 15 March 2026"]
        assert lines[-2:] == [PRINTED, f"Page {number} of 4"]
    _in_order(  # the log: oldest first, places by their titles, the total
        texts[0],
        [
            "CPD log",
            "Period: 5 January 2026 to 15 March 2026.",
            "3 entries, 2 h 45 min in all (165 minutes), of which participatory 2 h 5 min.",
            "Log of CPD activities",
            "• B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix",
            "• Manual for research-based offender supervision · B5",
            f"(no longer in this pack) {GONE_PLACE}",
            "(no places)",
        ],
    )
    rows = [" ".join(line.split()) for line in page_text(out, 1, layout=True).splitlines()]
    table = rows.index("No. Date Activity Places Minutes Type")
    assert [row for row in rows[table:] if re.match(r"\d+ \d+ \w+ 2026 |Total", row)] == [
        "1 5 Jan 2026 Reading • B5 Practitioners; Safeguarding the 40 Individual",
        "2 10 Feb 2026 Team discussion (no longer in this pack) matrixdesk:/alcohol/ 95 "
        "Participatory",
        "3 15 Mar 2026 Supervision (no places) 30 Participatory",
        "Total (2 h 45 min) 165",
    ]
    first, gone, empty = texts[1:]
    _in_order(
        first,
        [
            "Reflective account 1 of 3",
            "Date 5 January 2026",
            "Activity Reading",
            "Time 40 minutes",
            "Individual or participatory Individual",
            "Places • B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix",
            "• Manual for research-based offender supervision",
            "Standard or code Example standard: the NMC Code",
            "Evidence reference Example evidence: notebook page 1",
            "What I learned",
            HOSTILE,
            "A second line.",
            "Example entry: a second paragraph.",
            "How it will change my practice",
            "Example entry: synthetic practice words.",
        ],
    )
    _in_order(
        gone,
        [
            "Reflective account 2 of 3",
            "Date 10 February 2026",
            "Activity Team discussion",
            "Time 95 minutes (1 h 35 min)",
            "Individual or participatory Participatory",
            f"Places (no longer in this pack) {GONE_PLACE}",
            "Standard or code Example standard: HCPC standards",
            "Evidence reference Example evidence: record sheet 2",
            "What I learned Example entry: a synthetic team discussion.",
            "How it will change my practice Example entry: synthetic change to practice.",
        ],
    )
    _in_order(
        empty,
        [
            "Reflective account 3 of 3",
            "Places (no places)",
            "Standard or code (not filled in)",
            "Evidence reference (not filled in)",
            "What I learned (not filled in)",
            "How it will change my practice (not filled in)",
        ],
    )
    listed = fonts(out)
    assert listed and all(embedded == "yes" for _, embedded in listed), listed


def test_the_days_asked_for_head_every_page(profile: Path, tmp_path: Path) -> None:
    need_poppler()
    out = tmp_path / "february.pdf"
    _export(profile, out, "--from", "2026-02-01", "--to", "2026-02-28")
    texts = pages(out)
    assert len(texts) == 2
    assert all("1 February 2026 to 28 February 2026" in text for text in texts)
    assert "Reflective account 1 of 1" in texts[1] and "5 Jan 2026" not in texts[0]


def test_an_empty_log_is_a_pdf_that_says_so(profile: Path, tmp_path: Path) -> None:
    need_poppler()
    out = tmp_path / "empty.pdf"
    said = _export(profile, out, "--from", "2027-01-01")
    assert said == f"Exported 0 CPD entries to {out}: the log has none in this period.\n"
    [text] = pages(out)
    _in_order(
        text,
        ["CPD log", "Period: From 1 January 2027.", "No CPD entries were recorded in this period."],
    )


def test_without_a_pack_places_are_their_addresses_and_it_says_so(
    profile: Path, tmp_path: Path
) -> None:
    need_poppler()
    broken = tmp_path / "not-a-pack.sqlite"
    broken.write_bytes(b"not a pack")
    out = tmp_path / "cpd-log.pdf"
    done = matrixdesk(
        "--pack", str(broken), "--config-dir", str(profile), "cpd", "export", "--format", "pdf",
        "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("matrixdesk cpd export: places by their addresses: the content")
    assert done.stderr.count("\n") == 1
    first = pages(out)[0]
    _in_order(first, ["Places are given by their addresses: the content pack could not be"])
    _in_order(first, ["1 5 Jan 2026 Reading", f"• {B5}", f"• {B5}/entry/supervision-manual"])


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("no/such/log.pdf", "does not exist; make it first"),
        (".", "is a folder; give the name of the file to write, e.g."),
    ],
)
def test_a_path_that_cannot_be_written_is_one_line_exit_1_and_no_file(
    profile: Path, tmp_path: Path, where: str, message: str
) -> None:
    out = tmp_path / where
    done = matrixdesk(
        "--config-dir", str(profile), "cpd", "export", "--format", "pdf", "-o", str(out)
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("matrixdesk cpd export: ") and message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile"]  # nothing half-written


def test_what_the_reader_wrote_is_escaped_in_the_html() -> None:
    from matrixdesk.userdata.records import CpdEntry

    details = CpdDetails(*ENTRIES[1])
    entry = CpdEntry("00000000-0000-4000-8000-000000000000", details, "t", "t")
    html = cpd_log_html([entry], {B5: "<b>Title</b> & co"})
    assert "&lt;tags&gt;" in html and "<tags>" not in html and "<b>not bold</b>" not in html
    assert "&lt;b&gt;Title&lt;/b&gt; &amp; co" in html
