"""Reader features the bundled pack has no content for (notes, documents, folded text), shown on a
synthetic test cell; and what the reader does with web addresses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from matrixdesk.ui.main_window import MainWindow
from tests.dialogs import answer_next_dialog, press_enter_in_next_dialog
from tests.reading_pane import click_link, links, page_text, type_icons
from tests.synthetic import features_pack

if TYPE_CHECKING:
    from tests.conftest import WindowFactory


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    """Overrides conftest's: these tests read the synthetic features cell as drug A1."""
    return features_pack(tmp_path)


@pytest.fixture
def synthetic_window(main_window: WindowFactory) -> MainWindow:
    return main_window("drug/A1")


def test_study_with_two_types_shows_both_icons(synthetic_window) -> None:
    assert type_icons(synthetic_window.page.browser) == ["icon:S", "icon:K", "icon:R", "icon:more"]
    assert "Seminal / Key" in page_text(synthetic_window.page.browser)


def test_listed_above_hover_is_the_study_note(synthetic_window) -> None:
    synthetic_window.navigate("drug/A1#synthetic-section")
    (listed,) = links(synthetic_window.page.browser, "listed above")
    assert listed.tooltip == "Synthetic hover note for tests."


def test_folded_extra_text_unfolds_on_request(qtbot: QtBot, synthetic_window) -> None:
    synthetic_window.navigate("drug/A1#synthetic-section")
    browser = synthetic_window.page.browser
    assert "Synthetic extra text" not in page_text(browser)
    (unfold,) = links(browser, "▸ Unfold extra text")
    click_link(qtbot, browser, unfold)
    qtbot.waitUntil(lambda: "Synthetic extra text that starts folded." in page_text(browser))
    assert "Synthetic supplementary text" not in page_text(browser)
    assert links(browser, "▴ Fold extra text")


def test_document_address_is_shown_and_opened_only_on_request(
    qtbot: QtBot, synthetic_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    browser = synthetic_window.page.browser
    assert "Document: https://example.org/synthetic-document (needs internet)" in page_text(browser)
    (document,) = links(browser, "https://example.org/synthetic-document")

    said = answer_next_dialog("Cancel")
    click_link(qtbot, browser, document)
    qtbot.waitUntil(lambda: len(said) == 2)
    assert said == [
        "This link is on the web and needs an internet connection.",
        "https://example.org/synthetic-document",
    ]
    assert opened == []

    answer_next_dialog("Copy address")
    click_link(qtbot, browser, document)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == document.href)
    assert opened == []

    # Enter copies too: with no internet, copying is the default, not opening a browser.
    QGuiApplication.clipboard().setText("something else")
    press_enter_in_next_dialog()
    click_link(qtbot, browser, document)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == document.href)
    assert opened == []

    answer_next_dialog("Open in web browser")
    click_link(qtbot, browser, document)
    qtbot.waitUntil(lambda: opened == [QUrl(document.href)])


def test_copy_address_link_copies_without_opening(qtbot: QtBot, synthetic_window) -> None:
    browser = synthetic_window.page.browser
    (copy,) = links(browser, "Copy address")
    QGuiApplication.clipboard().clear()
    click_link(qtbot, browser, copy)
    qtbot.waitUntil(
        lambda: QGuiApplication.clipboard().text() == "https://example.org/synthetic-document"
    )


def test_find_unfolds_extra_text_holding_a_match(qtbot: QtBot, synthetic_window) -> None:
    page = synthetic_window.page
    assert "Synthetic extra text" not in page_text(page.browser)
    page.open_find()
    page.find_bar.field.setText("starts folded")
    assert page.state.bite_open
    assert "Synthetic extra text that starts folded." in page_text(page.browser)
    assert "Synthetic supplementary text that starts folded." in page_text(page.browser)
    assert page.find_bar.count.text() == "1 of 2"
    qtbot.keyClick(page.find_bar.field, Qt.Key.Key_Return)
    assert page.find_bar.count.text() == "2 of 2"


def test_a_search_result_in_folded_text_opens_with_that_text_unfolded(
    qtbot: QtBot, synthetic_window: MainWindow
) -> None:
    """The match is in extra text the page folds away: opening the result unfolds that block,
    and only that one, and brings the match into view."""
    window = synthetic_window
    window.go_home()
    box = window.window_actions.search_box
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == "extra text"):
        box.setText("extra text")
        box.textEdited.emit("extra text")
    section = "matrixdesk:/drug/A1#synthetic-section"
    hit = next(
        row for row in window.search_view.model.rows if getattr(row, "address", "") == section
    )
    with qtbot.waitSignal(window.page_shown):
        window.search_view.result_chosen.emit(hit)
    browser = window.page.browser
    shown = page_text(browser)
    assert "Synthetic extra text that starts folded." in shown
    assert "Synthetic supplementary text" not in shown
    assert links(browser, "▴ Fold extra text")
    cursor = browser.textCursor()
    assert cursor.selectedText().lower() in ("extra", "text")
    assert browser.viewport().rect().intersects(browser.cursorRect(cursor))
