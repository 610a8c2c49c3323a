"""Documents carried in a pack (synthetic here: the bundled pack has none yet)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from matrixdesk.app import main
from matrixdesk.core.store import ContentStore
from tests.reading_pane import click_link, links, page_text
from tests.synthetic import content_with_features_cell, features_pack

if TYPE_CHECKING:
    from tests.conftest import WindowFactory


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    """Overrides conftest's: these tests read the synthetic features cell as drug A1."""
    return features_pack(tmp_path)


def test_document_is_stored_with_the_studies_that_cite_it(store: ContentStore) -> None:
    document = store.document("synthetic-analysis")
    page = store.cell_page("drug", "A1")
    hits = store.search("quokkas")
    assert document is not None
    assert (document.title, document.authors, document.year) == (
        "Synthetic analysis for tests",
        "Synthetic Author",
        "2001",
    )
    summary, key_points, commentary = document.parts
    assert [part.heading for part in document.parts] == ["Summary", "Key points", "Commentary"]
    assert "<li>Synthetic key point one.</li>" in key_points.html
    assert key_points.text == "Synthetic key point one. Synthetic key point two."
    assert 'href="matrixdesk:/drug/A1"' in summary.html
    assert "quokkas" in commentary.text
    assert [c.address for c in document.cited_by] == [
        "matrixdesk:/drug/A1/entry/synthetic-analysed"
    ]
    assert page is not None
    cited = next(e for e in page.entries if e.slug == "synthetic-analysed")
    assert (cited.document_slug, cited.document_title) == (
        "synthetic-analysis",
        "Synthetic analysis for tests",
    )
    assert [(h.kind, h.address) for h in hits] == [
        ("document", "matrixdesk:/doc/synthetic-analysis")
    ]


def test_a_study_opens_its_document_in_the_app(qtbot: QtBot, main_window: WindowFactory) -> None:
    window = main_window("drug/A1")
    assert "Document: Synthetic analysis for tests (in this pack)" in page_text(window.page.browser)
    (document,) = links(window.page.browser, "Synthetic analysis for tests")
    with qtbot.waitSignal(window.page_shown):
        click_link(qtbot, window.page.browser, document)
    text = page_text(window.page.browser)
    assert str(window.current) == "matrixdesk:/doc/synthetic-analysis"
    assert "Synthetic Author, Synthetic Journal, 2001" in text
    assert "Summary" in text and "Key points" in text and "Commentary" in text
    assert "Listed in Synthetic study of an analysis in the pack (Synthetic test cell)" in text
    assert "Original: https://example.org/synthetic-analysis (needs internet)" in text


def _add_file(content: Path, relative: str, text: str) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_document_mistakes_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_with_features_cell(tmp_path)
    cell = content / "drug" / "A1.md"
    cell.write_text(
        cell.read_text(encoding="utf-8").replace("doc:synthetic-analysis", "doc:no-such-analysis"),
        encoding="utf-8",
    )
    _add_file(
        content,
        "documents/Bad Name.md",
        '+++\ntitle = "Synthetic"\n+++\n\n# Summary\n\nSynthetic.\n',
    )
    _add_file(
        content,
        "documents/synthetic-two.md",
        '+++\ntitle = "Synthetic two"\n+++\n\n# Abstract\n\nSynthetic.\n\n# Summary\n\n'
        "See [a study](entry:synthetic-noted) and [a cell](cell:B5).\n",
    )
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr().err
    assert "A1.md:26: document 'doc:no-such-analysis' is not in this pack" in err
    assert "Bad Name.md:1: document file name 'Bad Name.md' must be its slug" in err
    assert "synthetic-two.md:5: unknown part '# Abstract'" in err
    assert "synthetic-two.md:11: unknown link target 'entry:synthetic-noted'" in err
    assert "synthetic-two.md:11: unknown link target 'cell:B5'" in err
