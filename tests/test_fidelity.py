"""The bundled pack says what the source page says: every sentence, in order, nothing invented."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

import pytest

from matrixdesk.core.store import ContentStore
from matrixdesk.core.views import CellPage
from tests.conftest import SOURCE
from tests.source_page import assert_every_sentence_in_order, source_body


def _page_text(page: CellPage) -> str:
    """The cell's words in page order, each study laid out as the web page shows it."""
    parts = [page.intro_text or ""]
    for entry in page.entries:
        if entry.search_query is None:
            parts.append(f"{entry.headline} ({entry.byline}). {entry.annotation_text}")
        else:
            parts.append(entry.annotation_text)
    for section in page.sections:
        parts.append(section.title)
        for block in section.blocks:
            parts += [block.title or "", block.text]
    parts.append(page.acknowledgement_text or "")
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def b5(pack_path: Path) -> CellPage:
    store = ContentStore.open(pack_path)
    page = store.cell_page("alcohol", "B5")
    store.close()
    assert page is not None
    return page


def test_every_sentence_of_b5_is_in_the_pack_in_order(b5: CellPage) -> None:
    assert_every_sentence_in_order(_page_text(b5))


def test_b5_adds_no_words_of_its_own(b5: CellPage) -> None:
    body, _ = source_body()
    assert _page_text(b5) == " ".join(" ".join(body).split())


def test_b5_lists_nine_typed_studies_and_more(b5: CellPage) -> None:
    _, source_types = source_body()
    types = [entry.types for entry in b5.entries]
    assert [t[0] for t in types] == source_types
    assert Counter(code for t in types[:-1] for code in t) == {"K": 4, "R": 3, "G": 2}
    more = b5.entries[-1]
    assert more.types == ("more",) and more.search_query
    assert all(entry.document_url is None and entry.note is None for entry in b5.entries)


def test_b5_discussion_links_point_at_bite_headings(b5: CellPage) -> None:
    headings = {section.slug for section in b5.sections}
    discussed = {entry.slug: entry.discussed_in for entry in b5.entries}
    assert discussed["therapist-relationship-offenders"] == ("practitioner-skills",)
    assert discussed["supervising-offenders-review"] == (
        "where-should-i-start",
        "practitioner-skills",
    )
    assert discussed["australian-best-practice"] == ()
    assert all(set(slugs) <= headings for slugs in discussed.values())
    linked = [entry for entry in b5.entries if "discussion" in entry.annotation_text]
    assert linked and all(entry.discussed_in for entry in linked)


class _Link(NamedTuple):
    text: str
    address: str
    resolved: bool


# The reader never lists a page's links, so the test reads the pack's links table itself.
_B5_LINKS = """
    SELECT l.text, l.address,
           coalesce(l.target_cell_id, l.target_entry_id, l.target_section_id,
                    l.target_document_id) IS NOT NULL
           OR l.address LIKE 'http://%' OR l.address LIKE 'https://%'
    FROM links l JOIN cells c ON c.id = l.cell_id JOIN matrices m ON m.id = c.matrix_id
    WHERE m.key = 'alcohol' AND c.code = 'B5' ORDER BY l.id
"""


@pytest.fixture(scope="module")
def b5_links(pack_path: Path) -> list[_Link]:
    with closing(sqlite3.connect(pack_path)) as connection:
        return [
            _Link(text, address, bool(ok)) for text, address, ok in connection.execute(_B5_LINKS)
        ]


def test_every_link_in_b5_resolves(b5_links: list[_Link]) -> None:
    assert b5_links and all(link.resolved for link in b5_links)
    cross_cell = {link.address for link in b5_links if re.search(r"/[A-E][1-5]$", link.address)}
    assert cross_cell == {f"matrixdesk:/alcohol/{c}" for c in ("A4", "A5", "B1", "B2", "B3", "B4")}
    listed_above = [link for link in b5_links if link.text == "listed above"]
    assert len(listed_above) >= 8 and all("/entry/" in link.address for link in listed_above)


def test_bite_has_sections_sub_sections_pull_quotes_and_a_panel(b5: CellPage) -> None:
    structure = [(s.level, s.slug, s.parent_slug) for s in b5.sections]
    assert structure == [
        (2, "what-is-this-cell-about", None),
        (2, "where-should-i-start", None),
        (2, "issues-to-consider", None),
        (3, "practitioner-skills", "issues-to-consider"),
        (3, "split-therapy-and-supervision", "issues-to-consider"),
        (3, "trickier-situation", "issues-to-consider"),
    ]
    kinds = Counter(block.kind for s in b5.sections for block in s.blocks)
    assert kinds["pullquote"] == 3 and kinds["panel"] == 1 and kinds["quote"] == 1
    panel = next(b for s in b5.sections for b in s.blocks if b.kind == "panel")
    assert panel.title == "Options 2 clients appreciated directness"
    assert "<blockquote>" in panel.html
    assert b5.acknowledgement_text and b5.acknowledgement_text.startswith(
        "Thanks for their comments"
    )


def test_all_fifty_cells_exist_with_the_source_titles(pack_path: Path) -> None:
    facts = json.loads((SOURCE / "matrices.json").read_text(encoding="utf-8"))["matrices"]
    store = ContentStore.open(pack_path)
    try:
        assert [m.key for m in store.matrices()] == list(facts)
        for matrix in store.matrices():
            source = facts[matrix.key]
            assert matrix.name == source["name"]
            assert {c.key: c.name for c in matrix.columns} == source["columns"]
            assert {r.key: r.name for r in matrix.rows} == source["rows"]
            assert {r.key: r.description for r in matrix.rows} == source["row_course_titles"]
            cells = store.cells(matrix.key)
            assert len(cells) == 25
            for cell in cells:
                expected = source["cells"][cell.code]
                assert (cell.title, cell.headline, cell.online_url) == (
                    expected["title"],
                    expected["headline"],
                    expected["online_url"],
                )
                assert cell.has_content == ((matrix.key, cell.code) == ("alcohol", "B5"))
    finally:
        store.close()


def test_cells_outside_the_pack_have_no_invented_content(pack_path: Path) -> None:
    store = ContentStore.open(pack_path)
    try:
        page = store.cell_page("drug", "E5")
    finally:
        store.close()
    assert page is not None
    assert (page.intro_html, page.entries, page.sections, page.acknowledgement_html) == (
        None,
        (),
        (),
        None,
    )
