"""One zoom for the whole app: Ctrl+plus enlarges every text the app draws (menus, toolbar,
breadcrumb, filters, find bar, search, the welcome, the navigator's words, dialogs) by the same
factor as the page, whose reading font is zoomed once, not twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QToolBar, QWidget

from matrixdesk.ui.shortcut_list import ShortcutList
from matrixdesk.ui.theme import READING_FAMILY, READING_POINT_SIZE, UI_POINT_SIZE, ui_font
from matrixdesk.ui.zoom import zoom_scale
from tests.layout_checks import ZOOM_200, at_size, search_by_keyboard

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory


def chrome(window: MainWindow) -> dict[str, QWidget]:
    """A widget of each kind of the window's own text, the page's and search's opened first."""
    page, actions = window.page, window.window_actions
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return {
        "menu bar": window.menuBar(),
        "a menu": menu,
        "toolbar button": toolbar(window).widgetForAction(actions.home),
        "search box": actions.search_box,
        "breadcrumb": page.breadcrumb,
        "type filter button": page.filter_bar.buttons["all"],
        "find bar label": next(w for w in page.find_bar.findChildren(QLabel) if w.buddy()),
        "navigator's words": window.navigator_panel.where,
        "welcome": window.home.welcome.text,
        "search heading": window.search_view.heading,
        "search filter label": next(
            w for w in window.search_view.findChildren(QLabel) if w.buddy()
        ),
        "search results": window.search_view.results,
        "status bar": window.statusBar(),
    }


def toolbar(window: MainWindow) -> QToolBar:
    commands = window.findChild(QToolBar, "navigationToolbar")
    assert isinstance(commands, QToolBar)
    return commands


def sizes(widgets: dict[str, QWidget]) -> dict[str, float]:
    return {name: widget.font().pointSizeF() for name, widget in widgets.items()}


def test_zooming_in_enlarges_all_the_apps_text_alike(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    search_by_keyboard(qtbot, window, "motivational")
    window.go_back()
    widgets = chrome(window)
    before = sizes(widgets)
    assert set(before.values()) == {UI_POINT_SIZE}
    for _ in range(ZOOM_200):
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    scale = zoom_scale(ZOOM_200)
    assert scale >= 2.0
    after = sizes(widgets)
    assert {name: round(after[name] / before[name], 3) for name in widgets} == {
        name: round(scale, 3) for name in widgets
    }
    # The page's reading font is zoomed once, by the same steps: not the zoomed UI font again.
    reading = window.page.browser.document().defaultFont().pointSizeF()
    assert reading == pytest.approx(READING_POINT_SIZE * scale)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert sizes(widgets) == before
    assert window.page.browser.document().defaultFont().pointSizeF() == READING_POINT_SIZE


def test_the_home_title_keeps_its_size_above_the_text(main_window: WindowFactory) -> None:
    window = main_window()
    title = window.home.title
    ratio = title.font().pointSizeF() / QApplication.font().pointSizeF()
    assert ratio > 1.5
    window.zoom_by(ZOOM_200)
    assert title.font().pointSizeF() / QApplication.font().pointSizeF() == pytest.approx(ratio)
    assert title.font().bold()


def test_dialogs_open_at_the_readers_zoom_and_read_whole(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    window.zoom_by(ZOOM_200)
    window.window_actions.shortcut_list.trigger()
    dialog = window.help.dialog
    assert isinstance(dialog, ShortcutList)
    qtbot.waitExposed(dialog)
    assert dialog.font().pointSizeF() == pytest.approx(UI_POINT_SIZE * zoom_scale(ZOOM_200))
    tree = dialog.tree
    for column in (0, 1):  # each command and its keys, not "Ctrl+Shif…"
        assert tree.sizeHintForColumn(column) <= tree.columnWidth(column)
    dialog.close()


def test_the_page_keeps_its_reading_font_whatever_the_apps_font(
    main_window: WindowFactory,
) -> None:
    """The reading pane's font is its own: a change of the application's font (which the zoom
    makes) never puts the window's sans serif in its place."""
    window = main_window("alcohol/B5")
    document = window.page.browser.document()
    reading = QFont(document.defaultFont())
    assert reading.family() == READING_FAMILY
    try:
        QApplication.setFont(ui_font(1.5))
        QApplication.sendPostedEvents()
        assert document.defaultFont() == reading
    finally:
        QApplication.setFont(ui_font())


def test_toolbar_icons_keep_to_the_height_of_its_words(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    commands = toolbar(window)
    at_100 = commands.iconSize().height()
    at_size(qtbot, window, "zoom-200")
    icon, line = commands.iconSize().height(), commands.fontMetrics().height()
    assert at_100 < icon == line  # as tall as a line of the words beside it, no taller


def test_a_page_zoomed_then_widened_paints_its_icons(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    """Zoomed to 200 % in a narrow window, then made wide: the page is painted before Qt has
    laid out every study it shows, and a study's icons wait for its lines (a study without
    lines once took the app down)."""
    window = main_window("alcohol/B5")
    window.resize(683, 768)
    qtbot.waitUntil(lambda: window.width() == 683)
    window.grab()
    window.zoom_by(ZOOM_200)
    QApplication.processEvents()  # the zoomed page, laid out in part
    window.resize(1100, 760)
    qtbot.waitUntil(lambda: window.width() == 1100)
    window.grab()  # paints the page, the icons of every study laid out
    window.page.go_to_anchor("studies")
    window.grab()
    assert window.page.browser.drawn_icons  # and once laid out, the studies have them
