"""A study's lead (type icons and label, headline, date and anchor) is built from the pack's data,
whatever its annotation starts with; the checker refuses what the page cannot show. Links to
cells the pack holds only by title say so, on hover and in their look."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from matrixdesk.app import main
from matrixdesk.authoring.compiler import build_pack
from tests.conftest import CONTENT
from tests.reading_pane import fragments, links, page_text, type_icons

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.conftest import WindowFactory

STUDIES = """+++
cell = "A1"
title = "Synthetic test cell"
online_url = "https://example.org/synthetic/A1"
+++

# Studies

## Synthetic study whose annotation starts with a list
type: K
slug: synthetic-list-first
byline: Synthetic, 2001

- Synthetic first point.
- Synthetic second point.

Synthetic paragraph after the list.

## Synthetic study whose annotation starts with a quotation
type: R
slug: synthetic-quote-first

> Synthetic quoted words.

## Synthetic study with no annotation
type: G
slug: synthetic-bare
byline: Synthetic, 2003

## Synthetic study starting with a paragraph, linking to a cell not in the pack
type: S
slug: synthetic-paragraph-first

Synthetic annotation, see [cell A2](cell:A2) and [B5](cell:alcohol/B5).
"""
CONTAINER = """
## Synthetic study with a panel
type: K
slug: synthetic-panel

::: panel Synthetic panel
Synthetic panel text.
:::
"""


def _content(folder: Path, extra: str = "") -> Path:
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    (content / "drug" / "A1.md").write_text(STUDIES + extra, encoding="utf-8")
    return content


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    """Overrides conftest's: drug A1 holds the synthetic studies."""
    pack = tmp_path / "studies.sqlite"
    assert build_pack(_content(tmp_path), pack) == []
    return pack


def test_the_checker_refuses_what_a_study_cannot_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(tmp_path, CONTAINER)
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr().err
    line = (STUDIES + CONTAINER).splitlines().index("::: panel Synthetic panel") + 1
    assert (
        f"A1.md:{line}: study 'Synthetic study with a panel': a 'panel' container cannot be "
        "part of a study's annotation" in err
    )


def test_every_study_shows_its_lead_whatever_its_annotation_starts_with(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("drug/A1")
    browser = window.page.browser
    text = page_text(browser)
    for headline in (
        "Synthetic study whose annotation starts with a list (Synthetic, 2001).",
        "Synthetic study whose annotation starts with a quotation",
        "Synthetic study with no annotation (Synthetic, 2003).",
        "Synthetic study starting with a paragraph, linking to a cell not in the pack",
    ):
        assert headline in text
    assert type_icons(browser) == ["icon:K", "icon:R", "icon:G", "icon:S"]
    anchors = [
        name
        for f in fragments(browser.document())
        for name in f.anchors
        if name.startswith("entry-")
    ]
    assert anchors[:4] == [
        "entry-synthetic-list-first",
        "entry-synthetic-quote-first",
        "entry-synthetic-bare",
        "entry-synthetic-paragraph-first",
    ]
    # Each lead comes before its annotation, and the annotations keep their order and kinds.
    assert text.index("starts with a list") < text.index("Synthetic first point.")
    assert text.index("Synthetic second point.") < text.index("Synthetic paragraph after")
    assert text.index("starts with a quotation") < text.index("Synthetic quoted words.")
    for slug in ("synthetic-bare", "synthetic-quote-first"):  # a link lands on the lead
        assert window.navigate(f"drug/A1/entry/{slug}")
        assert window.page.state.highlight == f"entry-{slug}"


def test_a_link_to_a_cell_not_in_the_pack_says_so(main_window: WindowFactory) -> None:
    window = main_window("drug/A1")
    browser = window.page.browser
    (absent,) = links(browser, "cell A2")
    (present,) = links(browser, "B5")
    assert absent.tooltip == (
        "Cell A2, Interventions; Generic and cross-cutting issues: What is treatment for? "
        "(not in this pack)"
    )
    assert present.tooltip.startswith("Alcohol Treatment Matrix cell B5, Practitioners;")
    assert "not in this pack" not in present.tooltip
    # Drawn apart from links to pages the pack has: another colour (and every link is
    # underlined, so neither is told from the text around it by colour alone).
    assert absent.colour != present.colour and absent.underlined and present.underlined
