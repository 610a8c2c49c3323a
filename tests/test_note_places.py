"""Where on a page a note can be (no Qt), and a note on a document through the window (with the
synthetic features pack, which carries one)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from matrixdesk.core.store import ContentStore
from matrixdesk.page.note_places import (
    GONE,
    HEADING,
    PAGE,
    STUDY,
    first_line,
    gone_place,
    note_places,
    page_of,
)
from tests.synthetic import features_pack

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.conftest import WindowFactory


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    """Overrides conftest's: the synthetic features pack, which has a document."""
    return features_pack(tmp_path)


@pytest.mark.parametrize(
    ("address", "page"),
    [
        ("alcohol/B5", "matrixdesk:/alcohol/B5"),
        ("matrixdesk:/alcohol/B5#practitioner-skills", "matrixdesk:/alcohol/B5"),
        ("alcohol/B5/entry/some-study", "matrixdesk:/alcohol/B5"),
        ("doc/some-document", "matrixdesk:/doc/some-document"),
        ("alcohol", None),
        ("alcohol/column/B", None),
        ("search?q=words", None),
        ("not an address", None),
    ],
)
def test_the_page_a_place_is_on(address: str, page: str | None) -> None:
    assert page_of(address) == page


def test_a_cell_page_offers_itself_its_studies_and_its_headings(store: ContentStore) -> None:
    page = store.cell_page("drug", "A1")
    assert page is not None
    places = note_places("matrixdesk:/drug/A1", page)
    assert places[0].kind == PAGE and places[0].label == "This page" and places[0].anchor is None
    studies = [p for p in places if p.kind == STUDY]
    headings = [p for p in places if p.kind == HEADING]
    assert [p.address for p in studies] == [
        f"matrixdesk:/drug/A1/entry/{e.slug}" for e in page.entries if e.search_query is None
    ]
    assert [p.address for p in headings] == [f"matrixdesk:/drug/A1#{s.slug}" for s in page.sections]
    assert all(p.label.startswith("Study: ") for p in studies)
    assert studies[0].anchor == f"entry-{page.entries[0].slug}"
    assert places.index(studies[-1]) < places.index(headings[0])  # in the page's order
    assert not any("more" in p.address.rsplit("/", 1)[-1] for p in studies)  # a search, not a study


def test_a_place_gone_from_the_pack_says_which_part_is_gone() -> None:
    title = "B5 Practitioners · Alcohol Treatment Matrix"
    heading = "matrixdesk:/alcohol/B5#a-heading-dropped"
    assert gone_place(heading, title) == f"{title}: heading “a heading dropped” ({GONE})"
    study = "alcohol/B5/entry/a-study-dropped"
    assert gone_place(study, title, gone_first=True) == f"({GONE}) {title}: study “a study dropped”"
    assert gone_place("doc/a-document", "a-document") == f"a-document ({GONE})"


def test_a_document_or_a_title_only_cell_offers_itself_alone() -> None:
    assert [p.label for p in note_places("matrixdesk:/doc/a-document", None)] == ["This document"]
    assert [p.label for p in note_places("matrixdesk:/alcohol/C3", None)] == ["This page"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Test note.\nSecond line.", "Test note."),
        ("\n\n  # A heading of a test note\nbody", "A heading of a test note"),
        ("- a listed point\n- another", "a listed point"),
        ("> quoted words", "quoted words"),
        ("1. first of a list", "first of a list"),
        ("*emphasis* kept as typed", "*emphasis* kept as typed"),
        ("   \n\t\n", ""),
        ("word " * 40, ("word " * 24).strip() + "…"),  # cut at a word, within 120
    ],
)
def test_a_notes_first_line_as_lists_show_it(text: str, line: str) -> None:
    assert first_line(text) == line


def test_a_note_on_a_document(qtbot: QtBot, main_window: WindowFactory, config_dir: Path) -> None:
    window = main_window("doc/synthetic-analysis", config_dir)
    with qtbot.waitSignal(window.user.layer.ready, timeout=10_000):
        window.user.open(config_dir)
    notes = window.user.notes
    notes.write_note.trigger()
    section = notes.beside.section
    assert section is not None
    assert section.place.text() == "New note on: This document"
    qtbot.keyClicks(section.editor, "Test note: synthetic, on a synthetic document.")
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    assert [n.address for n in notes.beside.notes] == ["matrixdesk:/doc/synthetic-analysis"]
