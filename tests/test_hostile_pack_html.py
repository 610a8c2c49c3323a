"""A pack's stored HTML may come from something other than our writer. Its links to the app's own
in-page controls (`action:`) then do only what the page itself offers: never copy text of the
pack's choosing, never fail on a page without the control."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QGuiApplication

from matrixdesk.core.store import ContentStore
from tests.conftest import altered_pack
from tests.reading_pane import click_link, links
from tests.synthetic import features_pack

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow

HOSTILE = (
    '<p>Synthetic text for tests. <a href="action:copy/http://evil.example/">copy</a> '
    '<a href="action:copy/synthetic-noted">copy a study</a> '
    '<a href="action:fold/nowhere/9">fold</a> <a href="action:bite/open">bite</a> '
    '<a href="action:filter/Z">filter</a> <a href="action:nonsense">nonsense</a></p>'
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, config_dir: Path) -> Iterator[MainWindow]:
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    escaped = HOSTILE.replace("'", "''")
    pack = altered_pack(
        features_pack(tmp_path),
        tmp_path,
        f"UPDATE documents SET summary_html = '{escaped}'",
        f"UPDATE cells SET intro_html = '{escaped}' WHERE code = 'A1' AND intro_html IS NOT NULL",
    )
    application()
    store = ContentStore.open(pack)
    shown = open_window(store, Settings(config_dir), None)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()
    store.close()


@pytest.mark.parametrize("place", ["doc/synthetic-analysis", "drug/A1"])
def test_action_links_in_a_packs_html_do_only_what_the_page_offers(
    qtbot: QtBot, window: MainWindow, place: str
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("The reader's own clipboard")
    assert window.navigate(place)
    browser = window.page.browser
    for text in ("copy", "fold", "bite", "filter", "nonsense"):
        click_link(qtbot, browser, links(browser, text)[0])
    assert clipboard.text() == "The reader's own clipboard"
    assert window.current is not None and str(window.current).endswith(place)
    if place == "drug/A1":  # a cell page: a real control of its own works from anywhere
        click_link(qtbot, browser, links(browser, "copy a study")[0])
        assert clipboard.text() == "https://example.org/synthetic-document"
