"""Where the reader is: a search hit opens at its match, jumps leave whole lines above, find
brings a match into view away from the edges, the place survives resizing, Back and restarting,
find says what a filter hides, and lines keep a readable length at any width and zoom."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser

from tests.reading_pane import is_at_top

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory


def _top_of(browser: QTextBrowser, position: int) -> int:
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    return browser.cursorRect(cursor).top()


def _line(browser: QTextBrowser) -> int:
    return QFontMetrics(browser.document().defaultFont()).lineSpacing()


def _settled(window: MainWindow) -> QTextBrowser:
    """The reading pane once its deferred moves have run (a page is laid out a moment late)."""
    QApplication.processEvents()
    return window.page.browser


def _open_result(qtbot: QtBot, window: MainWindow, query: str, address: str) -> None:
    box = window.window_actions.search_box
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == query):
        box.setText(query)
        box.textEdited.emit(query)
    hit = next(
        window.search_view.model.rows[row]
        for row in range(window.search_view.model.rowCount())
        if getattr(window.search_view.model.rows[row], "address", "") == address
    )
    with qtbot.waitSignal(window.page_shown):
        window.search_view.result_chosen.emit(hit)


@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("juggling", "matrixdesk:/alcohol/B5#trickier-situation"),
        ("disulfiram", "matrixdesk:/alcohol/B5#trickier-situation"),
    ],
)
def test_a_search_hit_opens_at_its_match(
    qtbot: QtBot, main_window: WindowFactory, query: str, address: str
) -> None:
    window = main_window()
    _open_result(qtbot, window, query, address)
    browser = _settled(window)
    match = browser.textCursor()
    assert query in match.selectedText().lower()
    top, height, line = (
        _top_of(browser, match.selectionStart()),
        browser.viewport().height(),
        _line(browser),
    )
    assert 2 * line <= top <= height - 2 * line  # in view, away from both edges


def test_a_jump_leaves_whole_lines_above_its_heading(main_window: WindowFactory) -> None:
    window = main_window("alcohol/B5#practitioner-skills")
    browser = _settled(window)
    heading = browser.document().find("Are the practitioner’s therapeutic skills")
    assert _top_of(browser, heading.selectionStart()) == 2 * _line(browser)


def test_find_brings_each_match_into_view_away_from_the_edges(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5#what-is-this-cell-about")
    browser = _settled(window)
    window.page.open_find()
    qtbot.keyClicks(window.page.find_bar.field, "supervision")
    height, line = browser.viewport().height(), _line(browser)
    for _ in range(6):
        qtbot.keyClick(window.page.find_bar.field, Qt.Key.Key_Return)
        QApplication.processEvents()
        top = _top_of(browser, browser.textCursor().selectionStart())
        assert 2 * line <= top <= height - 2 * line


def test_find_says_what_the_filter_hides_and_offers_to_show_it(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    page = window.page
    qtbot.mouseClick(page.filter_bar.buttons["G"], Qt.MouseButton.LeftButton)
    page.open_find()
    qtbot.keyClicks(page.find_bar.field, "Canadian")  # in a key study and in the Matrix Bite
    count = page.find_bar.count.text()  # two in the Matrix Bite, which find opened
    assert count.startswith("1 of 2") and "1 more in studies the filter hides" in count
    assert page.find_bar.show_all.isVisible()
    qtbot.mouseClick(page.find_bar.show_all, Qt.MouseButton.LeftButton)
    assert page.state.type_filter is None
    assert page.find_bar.count.text().endswith("of 3") and not page.find_bar.show_all.isVisible()


def test_a_filter_does_not_follow_the_reader_into_a_new_visit(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    qtbot.mouseClick(window.page.filter_bar.buttons["R"], Qt.MouseButton.LeftButton)
    window.navigate("alcohol/B5#where-should-i-start")  # as a search result or a link would
    assert window.page.state.type_filter is None
    assert window.page.filter_bar.buttons["all"].isChecked()
    window.go_back()  # Back is the reader's own way back: it restores what they chose
    assert window.page.state.type_filter == "R"


def test_the_place_survives_a_resize(qtbot: QtBot, main_window: WindowFactory) -> None:
    window = main_window("alcohol/B5#where-should-i-start")
    browser = _settled(window)
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().value() + 700)
    spot = browser.place.top()
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() == 900)
    QApplication.processEvents()
    # Lines break elsewhere at the new width; the text that was on top stays on the top line.
    assert abs(_top_of(browser, spot.position) - spot.offset) < _line(browser)


def test_the_place_survives_back_after_filtering(qtbot: QtBot, main_window: WindowFactory) -> None:
    window = main_window("alcohol/B5")
    qtbot.mouseClick(window.page.filter_bar.buttons["K"], Qt.MouseButton.LeftButton)
    browser = _settled(window)
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum() // 2)
    spot = browser.place.top()
    window.navigate("alcohol/A4")
    window.go_back()
    _settled(window)
    assert window.page.state.type_filter == "K" and is_at_top(browser, spot)


def test_the_place_survives_a_restart(
    qtbot: QtBot, main_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "settings"
    folder.mkdir()
    first = main_window("alcohol/B5#trickier-situation", folder=folder)
    browser = _settled(first)
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().value() + 500)
    spot = browser.place.top()
    state = first.page.state
    first.close()
    again = main_window(folder=folder)
    browser = _settled(again)
    assert str(again.current) == "matrixdesk:/alcohol/B5#trickier-situation"
    assert again.page.state.bite_open == state.bite_open and is_at_top(browser, spot)


@pytest.mark.parametrize(("width", "zoom"), [(1700, 0), (1100, 0), (1700, 4), (1100, -2)])
def test_lines_keep_a_readable_length(
    qtbot: QtBot, main_window: WindowFactory, width: int, zoom: int
) -> None:
    window = main_window("alcohol/B5")
    window.resize(width, 800)
    qtbot.waitUntil(lambda: window.width() == width)
    window.zoom_by(zoom)
    # The page again, laid out anew at a size that does not change (no resize to adjust it).
    window.navigate("alcohol/B5#what-is-this-cell-about")
    browser = _settled(window)
    body_size = browser.document().defaultFont().pointSizeF()
    lengths = []
    block = browser.document().begin()
    while block.isValid():
        layout = block.layout()
        if QTextCursor(block).charFormat().font().pointSizeF() >= body_size:  # not small print
            # Every line but a paragraph's last, which ends where its text does.
            lengths += [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        block = block.next()
    lengths.sort()
    assert lengths[-1] <= 92  # none too long to follow
    assert lengths[len(lengths) // 2] >= 65  # and most as long as the measure allows


def test_the_wheel_scrolls_the_page_over_the_margins_beside_the_column(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    window = main_window("alcohol/B5")
    window.resize(1700, 900)
    qtbot.waitUntil(lambda: window.width() == 1700)
    browser = _settled(window)
    assert browser.viewportMargins().left() > 100  # a wide window: margins beside the column
    where = QPoint(20, 200)  # in the left margin, outside the text's viewport
    wheel = QWheelEvent(
        QPointF(where),
        QPointF(browser.mapToGlobal(where)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(browser, wheel)
    assert browser.verticalScrollBar().value() > 0
