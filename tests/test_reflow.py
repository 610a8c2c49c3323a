"""Reflow, not cut off: at half a 1366 screen (683x768), on a 1024x600 netbook screen and at the
app's 200 % zoom, every button, label and filter reads whole (wrapping onto more lines), the
search field stays in view and Ctrl+K types into it; the window can be 683 wide. The grids are
tested with their own code."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyleOptionViewItem,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout

from matrixdesk.ui.flow_layout import FlowLayout
from matrixdesk.ui.search_results import MARGIN_Y, HitRole
from matrixdesk.ui.toolbar_fit import Arrangement, arrangement
from tests.layout_checks import (
    SIZES,
    ZOOM_200,
    at_size,
    cut_off,
    grids,
    in_view,
    search_by_keyboard,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.conftest import WindowFactory

ROOT = Path(__file__).resolve().parents[1]
# A word of a key study only: with the reviews shown, find says the filter hides it.
KEY_STUDY_WORD = "Canadian"


@pytest.mark.parametrize("name", SIZES)
def test_a_page_with_the_find_bar_reads_whole(
    qtbot: QtBot, main_window: WindowFactory, name: str
) -> None:
    window = main_window("alcohol/B5")
    at_size(qtbot, window, name)
    page = window.page
    qtbot.mouseClick(page.filter_bar.buttons["R"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.find_bar.field, KEY_STUDY_WORD)
    assert page.find_bar.show_all.isVisible()  # the longest the find bar gets
    QApplication.processEvents()
    assert cut_off(window, ignore=grids(window)) == []
    assert page.filter_bar.buttons["all"].text() == "All studies (9)"


@pytest.mark.parametrize("name", SIZES)
def test_search_by_keyboard_and_its_results_read_whole(
    qtbot: QtBot, main_window: WindowFactory, name: str
) -> None:
    window = main_window("alcohol/B5")
    at_size(qtbot, window, name)
    search_by_keyboard(qtbot, window, "motivational")
    QApplication.processEvents()
    assert cut_off(window, ignore=grids(window)) == []
    view = window.search_view
    for text, field in (("&Matrix:", view.matrix_filter), ("&Type:", view.type_filter)):
        label = next(w for w in view.findChildren(QLabel) if w.text() == text)
        assert label.buddy() is field and in_view(label) and in_view(field)


@pytest.mark.parametrize("name", SIZES)
def test_home_reads_whole_around_the_grid(
    qtbot: QtBot, main_window: WindowFactory, name: str
) -> None:
    """The title, the first start's welcome and the legend (the grid has tests of its own)."""
    window = main_window()
    at_size(qtbot, window, name)
    assert window.home.welcome.isVisible()
    assert cut_off(window, ignore=grids(window)) == []
    search_by_keyboard(qtbot, window, "jailer")


def test_every_result_is_as_tall_as_all_its_lines(qtbot: QtBot, main_window: WindowFactory) -> None:
    """At a narrow width a snippet takes three lines or more: none is cut through."""
    window = main_window()
    at_size(qtbot, window, "683x768")
    search_by_keyboard(qtbot, window, "motivational")
    results = window.search_view.results
    model = results.model()
    option = QStyleOptionViewItem()
    option.initFrom(results)
    option.font = results.font()  # type: ignore[misc]
    most_lines = 0
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(HitRole) is None:
            continue  # a group's heading
        # The result's text as the list draws it, below a margin and clipped to its row.
        drawn = results.itemDelegate()._document(option, index, False).size().height()
        height = results.visualRect(index).height()
        assert height >= drawn + 2 * MARGIN_Y, f"row {row} is {height} high, its text {drawn}"
        most_lines = max(most_lines, round(drawn / results.fontMetrics().lineSpacing()))
    assert most_lines >= 5  # the title, the place and a snippet of three lines


@pytest.mark.parametrize("steps", [0, ZOOM_200])
def test_the_toolbar_fits_every_width(qtbot: QtBot, main_window: WindowFactory, steps: int) -> None:
    """From half a 1366 screen to a wide window, the commands and the search box (its
    placeholder whole) are all in view: nothing behind "»"."""
    window = main_window()
    window.zoom_by(steps)
    QApplication.processEvents()
    box = window.window_actions.search_box
    for width in range(683, 1600, 23):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        QApplication.processEvents()
        assert cut_off(window, ignore=[window.centralWidget()]) == [], f"at {width} wide"
        assert in_view(box), f"at {width} wide"


def test_half_a_screen_keeps_the_toolbar_on_one_row(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    """At 683 wide the commands with icons show them alone, which leaves the search box room
    beside them; their names stay theirs, for tooltips and screen readers."""
    window = main_window()
    at_size(qtbot, window, "683x768")
    actions = window.window_actions
    box = actions.search_box
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert isinstance(toolbar, QToolBar)
    back = toolbar.widgetForAction(actions.back)
    assert isinstance(back, QToolButton)
    assert back.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert back.text() == "Back" and "Back" in back.toolTip()
    row = back.mapTo(window, back.rect().center()).y()
    top = box.mapTo(window, QPoint(0, 0)).y()
    assert top < row < top + box.height()  # the search box beside the commands


def test_the_matrices_fold_into_a_menu_when_nothing_else_fits(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    window.zoom_by(ZOOM_200)
    QApplication.processEvents()
    window.resize(683, 768)
    qtbot.waitUntil(lambda: window.width() == 683)
    QApplication.processEvents()
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert isinstance(toolbar, QToolBar)
    chooser = next(b for b in toolbar.findChildren(QToolButton) if b.text() == "Matrix")
    assert in_view(chooser)
    menu = chooser.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Alcohol Treatment", "Drug Treatment"]
    menu.actions()[1].trigger()
    assert str(window.current) == "matrixdesk:/drug"
    window.resize(1500, 768)
    qtbot.waitUntil(lambda: not chooser.isVisible())
    drug = toolbar.widgetForAction(window.window_actions.matrices.actions()[1])
    assert drug is not None and in_view(drug) and drug.isChecked()  # type: ignore[attr-defined]


def test_search_at_half_a_screen_and_200_percent(qtbot: QtBot, main_window: WindowFactory) -> None:
    """The heading has a line of its own, and each filter with its label a line below it."""
    window = main_window("search?q=motivational")
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() > 0)  # results come from a thread
    window.zoom_by(ZOOM_200)
    QApplication.processEvents()
    window.resize(683, 768)
    qtbot.waitUntil(lambda: window.width() == 683)
    # Results wrap their snippets anew at the new width, in more than one pass of layout.
    with contextlib.suppress(WaitTimeout):  # then the assertion says what is cut off
        qtbot.waitUntil(lambda: cut_off(window) == [], timeout=2000)
    assert cut_off(window) == []
    view = window.search_view
    top = view.heading.mapTo(view, QPoint(0, 0)).y()
    lines = [top + view.heading.height()]
    for combo in (view.matrix_filter, view.type_filter):
        pair = combo.parentWidget()  # the filter with its label
        lines.append(pair.mapTo(view, QPoint(0, 0)).y())
    assert lines[0] <= lines[1] < lines[2]


@pytest.mark.parametrize("place", ["alcohol", "alcohol/B5", "search?q=motivational"])
def test_the_window_can_be_683_wide(main_window: WindowFactory, place: str) -> None:
    window = main_window(place)
    assert window.minimumSizeHint().width() <= 683


def test_the_find_field_has_a_visible_label(main_window: WindowFactory) -> None:
    window = main_window("alcohol/B5")
    window.page.open_find()
    field = window.page.find_bar.field
    label = next(w for w in window.page.find_bar.findChildren(QLabel) if w.buddy() is field)
    assert label.text() == "Find:" and label.isVisible()


# --- the parts ---------------------------------------------------------------------------------


def test_the_toolbar_keeps_one_row_and_names_while_they_fit_and_folds_last() -> None:
    # Commands 600 wide with names, 450 with icons alone; the search box needs 200.
    assert arrangement(900, 600, 450, 200) == Arrangement(names=True, search_row=False)
    assert arrangement(700, 600, 450, 200) == Arrangement(names=False, search_row=False)
    assert arrangement(640, 600, 450, 200) == Arrangement(names=True, search_row=True)
    assert arrangement(500, 600, 450, 200) == Arrangement(names=False, search_row=True)
    assert arrangement(400, 600, 450, 200) == Arrangement(False, search_row=True, folded=True)


def test_a_flow_wraps_its_buttons_and_grows_downwards(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    flow.setContentsMargins(0, 0, 0, 0)
    buttons = []
    for words in ("All studies (9)", "Seminal studies (0)", "Key studies (4)", "Reviews (3)"):
        button = QToolButton()
        button.setText(words)
        flow.addWidget(button)
        buttons.append(button)
    one_line = flow.sizeHint()
    holder.resize(one_line)
    holder.show()
    assert len({button.y() for button in buttons}) == 1
    narrow = one_line.width() // 2
    assert flow.heightForWidth(narrow) > one_line.height()
    holder.resize(narrow, flow.heightForWidth(narrow))
    QApplication.processEvents()
    assert len({button.y() for button in buttons}) > 1
    assert all(button.width() >= button.sizeHint().width() for button in buttons)
    assert all(holder.rect().contains(button.geometry()) for button in buttons)


# --- QT_SCALE_FACTOR=2 ---------------------------------------------------------------------------


def test_at_200_percent_system_scaling_nothing_is_cut_off(pack_path: Path, tmp_path: Path) -> None:
    """The probe opens the real window at 683x768 (1366x1536 pixels) with Qt scaling everything
    twice, as a 200 % desktop does: a page with the find bar, home, and a search typed after
    Ctrl+K."""
    env = os.environ | {
        "QT_SCALE_FACTOR": "2",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.reflow_probe", str(pack_path), str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["device_pixel_ratio"] == 2
    assert report["size"] == [683, 768]
    assert report["cut_off"] == {"page": [], "home": [], "search": []}
    assert report["search_field_in_view"] and report["results"] > 0
