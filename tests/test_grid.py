"""The home grid and the navigator by keyboard and at any size: the arrow keys move among the
cells and onto the headings, Enter and Space open, Tab enters and leaves the grid in one step;
the keyboard's ring is unlike the mark of the cell being read; and no text is cut off in a small
window, at large text or at twice the pixels."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from matrixdesk.ui.theme import UI_POINT_SIZE, Colours
from matrixdesk.ui.zoom import zoom_scale
from tests.grid_fit import broken_words, home_cut_off, navigator_cut_off, settle

if TYPE_CHECKING:
    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory

GRID_FIT = [sys.executable, "-m", "tests.grid_fit"]


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> QWidget:
    """Press `key` where the focus is, as a reader does; the widget the focus is on after."""
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focused, key, modifier or Qt.KeyboardModifier.NoModifier)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def _opened_by(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> str:
    with qtbot.waitSignal(window.page_shown) as shown:
        _key(qtbot, key)
    return str(shown.args[0]) if shown.args else ""


def test_the_keyboard_starts_on_a1_and_arrows_move_onto_the_headings(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    grid = window.home.table
    assert grid.cell_button("A1") is QApplication.focusWidget()
    assert _key(qtbot, Qt.Key.Key_Right) is grid.cell_button("B1")
    assert _key(qtbot, Qt.Key.Key_Up) is grid.columns[1]
    assert _key(qtbot, Qt.Key.Key_Up) is grid.columns[1], "nothing above the headings"
    assert _key(qtbot, Qt.Key.Key_Left) is grid.columns[0]
    assert _key(qtbot, Qt.Key.Key_Left) is grid.columns[0], "nothing left of column A's"
    assert _key(qtbot, Qt.Key.Key_Down) is grid.cell_button("A1")
    assert _key(qtbot, Qt.Key.Key_Left) is grid.rows[0]
    assert _key(qtbot, Qt.Key.Key_Up) is grid.rows[0], "the corner is empty"
    for _ in range(4):
        _key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is grid.rows[4]
    assert _key(qtbot, Qt.Key.Key_Down) is grid.rows[4], "nothing below row 5"


def test_home_and_end_go_to_the_ends_of_a_row_and_of_the_grid(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    grid = window.home.table
    assert _key(qtbot, Qt.Key.Key_End) is grid.cell_button("E1")
    assert _key(qtbot, Qt.Key.Key_Home) is grid.rows[0]
    control = Qt.KeyboardModifier.ControlModifier
    assert _key(qtbot, Qt.Key.Key_End, control) is grid.cell_button("E5")
    assert _key(qtbot, Qt.Key.Key_Home, control) is grid.cell_button("A1")


def test_enter_on_a_cell_opens_it_and_space_opens_a_row_heading(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    _key(qtbot, Qt.Key.Key_Right)
    assert _opened_by(qtbot, window, Qt.Key.Key_Return) == "matrixdesk:/alcohol/B1"
    window.go_home()
    assert window.home.table.cell_button("B1") is QApplication.focusWidget(), "back where it was"
    _key(qtbot, Qt.Key.Key_Left)
    _key(qtbot, Qt.Key.Key_Left)
    _key(qtbot, Qt.Key.Key_Down)
    assert _opened_by(qtbot, window, Qt.Key.Key_Space) == "matrixdesk:/alcohol/row/2"


def test_enter_on_a_column_heading_lists_its_cells(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    _key(qtbot, Qt.Key.Key_Up)
    _key(qtbot, Qt.Key.Key_Right)
    assert _opened_by(qtbot, window, Qt.Key.Key_Enter) == "matrixdesk:/alcohol/column/B"
    assert "Column B: Practitioners" in window.page.browser.toPlainText()


def test_clicking_a_column_heading_lists_its_cells(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(window.home.table.columns[2], Qt.MouseButton.LeftButton)
    assert str(window.current) == "matrixdesk:/alcohol/column/C"


def test_the_mouses_back_button_over_a_cell_goes_back(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    window.navigate("alcohol/A5")
    a1 = window.navigator.cell_button("A1")
    assert a1 is not None
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(a1, Qt.MouseButton.BackButton)
    assert str(window.current) == "matrixdesk:/alcohol/B5"


def test_tab_enters_and_leaves_the_grid_in_one_step(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    """One Tab stop for 35 buttons, as a table is one: the arrow keys move inside it, and the
    stop is wherever the keyboard last was."""
    window = main_window()
    grid = window.home.table
    window.home.welcome.dismiss()  # its button would be the next stop
    _key(qtbot, Qt.Key.Key_Down)
    c2 = _key(qtbot, Qt.Key.Key_Right)
    left = _key(qtbot, Qt.Key.Key_Tab)
    assert not grid.isAncestorOf(left), "Tab left the grid"
    assert _key(qtbot, Qt.Key.Key_Backtab) is c2
    stops = [b for b in grid.findChildren(QWidget) if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert stops == [c2]


def _pixels(image: QImage, colour: str) -> int:
    """How many of `image`'s pixels are `colour`, give or take antialiasing."""
    wanted = QColor(colour)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if max(
            abs(image.pixelColor(x, y).red() - wanted.red()),
            abs(image.pixelColor(x, y).green() - wanted.green()),
            abs(image.pixelColor(x, y).blue() - wanted.blue()),
        )
        < 24
    )


def test_the_keyboards_ring_is_unlike_the_mark_of_the_cell_being_read(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    """In the navigator, B5 is being read and the keyboard is on A5: B5 has a solid border in
    the accent, no ring; A5 a dashed ring in the focus colour. Each mark is in its own colour."""
    window = main_window("alcohol/B5")
    navigator = window.navigator
    b5, a5 = navigator.cell_button("B5"), navigator.cell_button("A5")
    assert b5 is not None and a5 is not None
    b5.setFocus()
    assert _key(qtbot, Qt.Key.Key_Left) is a5
    colours = Colours.from_palette(navigator.palette())
    assert colours.focus != colours.accent
    marked, focused = b5.grab().toImage(), a5.grab().toImage()
    perimeter = 2 * (b5.width() + b5.height())
    assert _pixels(focused, colours.focus) > perimeter // 4, "a ring round A5"
    assert _pixels(marked, colours.focus) == 0, "no ring round B5"
    assert _pixels(marked, colours.accent) > perimeter, "a solid, thick border round B5"
    assert _pixels(focused, colours.accent) == 0, "A5 is not in the pack: no accent at all"
    b5.setFocus()
    both = b5.grab().toImage()
    assert _pixels(both, colours.focus) > perimeter // 4
    assert _pixels(both, colours.accent) > perimeter


@pytest.mark.parametrize(
    ("width", "height", "zoom"),
    [(683, 768, 0), (1024, 600, 0), (1100, 760, 7), (1100, 760, 8), (683, 768, 8)],
    ids=["683x768", "1024x600", "zoom-195", "zoom-214", "683x768-zoom-214"],
)
def test_no_headline_or_heading_is_cut_off(
    main_window: WindowFactory, width: int, height: int, zoom: int
) -> None:
    window = main_window()
    window.resize(width, height)
    window.zoom_by(zoom)
    settle(window)
    assert window.size() == QSize(width, height)
    assert window.home.table.font().pointSizeF() == pytest.approx(UI_POINT_SIZE * zoom_scale(zoom))
    assert home_cut_off(window) == []


@pytest.mark.parametrize(("width", "height"), [(683, 768), (1024, 600), (1100, 760)])
def test_headlines_break_between_words_in_a_small_window(
    main_window: WindowFactory, width: int, height: int
) -> None:
    """Half a small screen leaves the cells too narrow beside the row headings for their
    longest words: the headings go above their rows, and no word is broken."""
    window = main_window()
    window.resize(width, height)
    settle(window)
    assert broken_words(window.home.table) == []


def test_the_grid_at_twice_the_text_size(main_window: WindowFactory) -> None:
    window = main_window()
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    window.home.table.setFont(font)
    settle(window)
    assert home_cut_off(window) == []


def test_the_navigator_keeps_five_columns_however_narrow(main_window: WindowFactory) -> None:
    """In a small window, with the panel dragged as narrow as it goes: all five columns, each
    cell whole."""
    window = main_window("alcohol/B5")
    window.resize(683, 768)
    splitter = window.page.findChild(QSplitter)
    assert splitter is not None
    splitter.setSizes([1, splitter.width()])
    settle(window)
    assert window.navigator_panel.width() < 200
    assert navigator_cut_off(window) == []
    assert len({cell.x() for cell in window.navigator.cells}) == 5


@pytest.mark.parametrize(("width", "height"), [(683, 384), (1100, 760)])
def test_nothing_is_cut_off_at_twice_the_pixels(width: int, height: int) -> None:
    """QT_SCALE_FACTOR=2, as on a high-density screen: half a 1366 x 768 screen is 683 x 384."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    result = subprocess.run(
        [*GRID_FIT, str(width), str(height), "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ratio"] == 2.0
    assert report["size"] == [width, height]
    assert report["home"] == [] and report["navigator"] == []
