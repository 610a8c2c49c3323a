"""Printouts as PDF files, read back with poppler: `matrixdesk export` writes every sentence of
the page in order, its running header and footer on every page, its hover notes and web
addresses as numbered footnotes on the page that refers to them, type words for the icons,
embedded fonts, and no address of the app's own. Each export runs as its own process with no
display, as a training lead would."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.pdf_reading import (
    export,
    flowing,
    fonts,
    need_poppler,
    page_count,
    pages,
    regions,
    ruled_lines,
)
from tests.source_page import assert_every_sentence_in_order

HEADER = "Alcohol Treatment Matrix · B5 Practitioners; Safeguarding the community"
PRINTED = re.compile(r"Printed \d{1,2} [A-Z][a-z]+ \d{4} · MatrixDesk")


def _b5_pdf(pack: Path, folder: Path, option: str) -> Path:
    need_poppler()
    out = folder / f"B5 {option}.pdf"
    result = export("alcohol/B5", option, "--pdf", str(out), "--pack", str(pack))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out} (")
    return out


@pytest.fixture(scope="module")
def unfolded(pack_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _b5_pdf(pack_path, tmp_path_factory.mktemp("print"), "--unfold-all")


@pytest.fixture(scope="module")
def handout(pack_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _b5_pdf(pack_path, tmp_path_factory.mktemp("handout"), "--handout")


def test_every_sentence_of_b5_is_printed_in_order(unfolded: Path) -> None:
    # Ligatures and ellipses as the PDF's text reads them ("ﬁ" as "fi", "…" as "...").
    assert_every_sentence_in_order(
        flowing(unfolded), lambda sentence: unicodedata.normalize("NFKC", sentence)
    )


def test_every_page_has_the_running_header_and_footer(unfolded: Path) -> None:
    count = page_count(unfolded)
    assert 4 <= count <= 16  # B5 is about 2,500 px on screen: some pages, not dozens
    for number, page in enumerate(pages(unfolded), start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines[0] == HEADER, f"page {number}: {lines[:2]}"
        assert lines[1] == "Pack edition 2026-11-26"
        assert PRINTED.fullmatch(lines[-2]), f"page {number}: {lines[-2:]}"
        assert lines[-1] == f"Page {number} of {count}"


def test_fonts_are_embedded(unfolded: Path, handout: Path) -> None:
    for pdf in (unfolded, handout):
        listed = fonts(pdf)
        assert listed and all(embedded == "yes" for _, embedded in listed), listed
        assert {name for name, _ in listed} >= {"NotoSerif-Regular", "NotoSans-Bold"}


def test_no_address_of_the_apps_own_is_printed_or_stored(unfolded: Path, handout: Path) -> None:
    for pdf in (unfolded, handout):
        text = " ".join(pages(pdf))
        assert "matrixdesk:" not in text and "action:" not in text
        raw = pdf.read_bytes()  # link annotations too: only web addresses may be links
        assert b"matrixdesk:" not in raw and b"action:" not in raw


def test_hover_notes_and_web_addresses_are_footnotes_on_the_page_that_refers_to_them(
    unfolded: Path,
) -> None:
    """Each page's footnotes, under its body text, are the notes its body marks: no more, no
    fewer, with the marks' numbers."""
    read = regions(unfolded)
    words: dict[int, str] = {}
    for number, (body, foot) in enumerate(read, start=1):
        marks = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
        notes = _notes(foot)
        assert set(notes) == marks, f"page {number}: marks {marks}, footnotes {set(notes)}"
        for note, text in notes.items():
            assert words.setdefault(note, text) == text, f"note {note} changed on page {number}"
    assert set(words) == set(range(1, len(words) + 1)) and len(words) >= 10
    # No note's words at the foot of a page that does not refer to it.
    for number, (_, foot) in enumerate(read, start=1):
        for note in set(words) - set(_notes(foot)):
            assert words[note] not in " ".join(foot.split()), f"note {note} on page {number}"
    # A "listed above" link's hover note names the study; a cross-cell link prints the cell's
    # web address; a "For discussion" link names the heading.
    listed = "\n".join(words.values())
    assert "Supervising offenders is about the quality of the relationship (2002)" in listed
    assert re.search(
        r"^Cell B3, Practitioners; Medical treatment.* "
        r"https://findings\.org\.uk/PHP/dl\.php\?file=Matrix/Alcohol/B3\.htm$",
        listed,
        re.MULTILINE,
    )
    assert "in the Matrix Bite" in listed
    assert not any(line == "Notes" for body, _ in read for line in body.splitlines())


def _notes(foot: str) -> dict[int, str]:
    """A page's footnotes by number, each note's lines joined."""
    found = re.split(r"^\[(\d+)\] ", foot, flags=re.MULTILINE)
    assert not found[0].strip(), f"footnotes start with words of no note: {found[0]!r}"
    pairs = [
        (int(number), _joined(text)) for number, text in zip(found[1::2], found[2::2], strict=True)
    ]
    assert len(pairs) == len(dict(pairs)), f"a note twice at one foot: {pairs}"
    return dict(pairs)


def _joined(lines: str) -> str:
    """A footnote's lines as one: a web address broken after "//" closed up."""
    return re.sub(r"(?<=//) ", "", " ".join(lines.split()))


def test_type_icons_print_as_letters_and_words(unfolded: Path) -> None:
    text = flowing(unfolded)
    assert "[K] Key Relationship with therapist seems more important" in text
    assert "[R] Review Supervising offenders is about the quality" in text
    assert "[G] Guidance Manual for research-based offender supervision" in text
    assert text.count("[K] Key ") == 4 and text.count("[R] Review ") == 3


def test_the_page_as_shown_leaves_the_folded_bite_out_and_says_so(
    pack_path: Path, tmp_path: Path
) -> None:
    need_poppler()
    out = tmp_path / "shown.pdf"
    assert export("alcohol/B5", "--pdf", str(out), "--pack", str(pack_path)).returncode == 0
    text = flowing(out)
    assert "Folded on screen, so not printed" in text
    assert "With an excellent and freely available review" not in text
    assert "Relationship with therapist seems more important" in text


def test_letter_paper(pack_path: Path, tmp_path: Path) -> None:
    need_poppler()
    out = tmp_path / "letter.pdf"
    result = export("alcohol/B5", "--paper", "letter", "--pdf", str(out), "--pack", str(pack_path))
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Page size:       612 x 792 pts (letter)" in info.stdout


def test_the_discussion_pack_has_cover_discussion_writing_space_and_record_sheet(
    handout: Path,
) -> None:
    texts = [body for body, _ in regions(handout)]
    cover = texts[0]
    assert "Team discussion pack" in cover
    assert "Practitioners; Safeguarding the community" in cover
    assert "What if the therapist works for the jailer?" in cover
    assert "Mainly for frontline staff (column B: Practitioners)." in cover
    whole = "\n".join(texts)
    # The discussion sections, each followed by its space to write; not the rest of the bite.
    order = [
        "For discussion",
        "Issues to consider and discuss",
        "Are the practitioner’s therapeutic skills really unimportant?",
        "Our discussion:",
        "Best to split therapy and supervision?",
        "Our discussion:",
        "The trickier the situation, the more the worker matters",
        "Our discussion:",
        "Discussion record",
    ]
    cursor = 0
    for words in order:
        cursor = whole.index(words, cursor) + len(words)
    assert "What is this cell about?" not in whole
    assert "Relationship with therapist seems more important" in whole  # the studies
    sheet = texts[-1]
    for field in ("Date", "Facilitator", "Attendees", "Points agreed", "Actions"):
        assert field in sheet
    for field in ("Activity: team discussion", "participatory", "What I learned"):
        assert field in sheet
    assert "My notes" not in whole  # not asked for


def test_the_discussion_packs_writing_space_is_ruled(handout: Path) -> None:
    """The ruled lines are drawn, not words: the PDF has many more line strokes than the
    running text's rules (two a page)."""
    count = sum(1 for page in pages(handout) if "Discussion record" not in page)
    assert ruled_lines(handout) >= 2 * count + 3 * 7
