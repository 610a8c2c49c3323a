"""Reading a cell as a practitioner does: grid, study list, filter, notes, Matrix Bite, history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from matrixdesk.ui.contrast import MARK_CONTRAST, contrast
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.theme import Colours
from tests.contrast_pairs import PALETTES
from tests.reading_pane import (
    background_of,
    click_link,
    fragments,
    hover,
    is_at_top,
    is_in_view,
    links,
    page_text,
    point_of,
    shown_text,
    tab_to,
    type_icons,
)

if TYPE_CHECKING:
    from tests.conftest import WindowFactory

B5_TYPES = ["K", "K", "K", "K", "R", "R", "R", "G", "G", "more"]
CODES_OF_ROW_5 = ["A5", "B5", "C5", "D5", "E5"]
SKILLS_HEADING = "Are the practitioner’s therapeutic skills really unimportant?"


def _click_cell(qtbot: QtBot, window: MainWindow, code: str) -> None:
    cell = window.home.table.cell_button(code)
    assert cell is not None
    with qtbot.waitSignal(window.page_shown, timeout=3000):
        qtbot.mouseClick(cell, Qt.MouseButton.LeftButton)


def _open_b5(qtbot: QtBot, main_window: WindowFactory) -> MainWindow:
    """A new window in which B5 has been opened by a click in the home grid."""
    window = main_window()
    _click_cell(qtbot, window, "B5")
    assert str(window.current) == "matrixdesk:/alcohol/B5"
    return window


def test_clicking_b5_shows_its_nine_studies_with_their_type_icons(
    qtbot: QtBot, main_window
) -> None:
    window = _open_b5(qtbot, main_window)
    browser = window.page.browser
    assert type_icons(browser) == [f"icon:{code}" for code in B5_TYPES]
    text = page_text(browser)
    assert "What if the therapist works for the jailer?" in text
    assert (
        "Relationship with therapist seems more important for offenders than other clients (2008)."
        in text
    )
    assert "Key Relationship with therapist" in text  # the icon's label, read by screen readers
    assert "B Practitioners" in window.page.breadcrumb.text()
    assert window.navigator.isVisible()
    assert window.navigator.cell_button("B5") is window.navigator.current()
    assert [cell.marked for cell in window.navigator.cells].count(True) == 1


def test_type_icons_are_drawn_beside_their_studies_not_held_in_the_text(
    main_window: WindowFactory,
) -> None:
    """A screen reader and a copy get the type as a word ("Key"), never U+FFFC; the eye gets
    the icon in the margin, with its name on hover."""
    window = main_window("alcohol/B5")
    browser = window.page.browser
    assert "\ufffc" not in browser.toPlainText()
    first_study = next(
        f for f in fragments(browser.document()) if any("types:" in a for a in f.anchors)
    )
    words_at = point_of(browser, first_study.position)
    picture = browser.viewport().grab().toImage()
    rect, code = next(place for place in browser.drawn_icons if place[0].top() >= 0)
    assert code == "K"
    # In the margin, left of the study's words, and painted: the icon's colour, not the page's.
    assert rect.right() < words_at.x() and rect.top() <= words_at.y() <= rect.bottom() + 4
    base = browser.palette().color(QPalette.ColorRole.Base)
    pixels = [
        picture.pixelColor(x, y)
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    ]
    assert sum(colour != base for colour in pixels) > len(pixels) / 2
    assert "Key study" in hover(browser.viewport(), rect.center())


def test_filtering_to_reviews_leaves_three(qtbot: QtBot, main_window) -> None:
    window = _open_b5(qtbot, main_window)
    qtbot.mouseClick(window.page.filter_bar.buttons["R"], Qt.MouseButton.LeftButton)
    assert type_icons(window.page.browser) == ["icon:R"] * 3
    assert "Showing 3 of 9 studies (reviews only)" in page_text(window.page.browser)
    qtbot.mouseClick(window.page.filter_bar.buttons["all"], Qt.MouseButton.LeftButton)
    assert len(type_icons(window.page.browser)) == 10


def test_listed_above_link_shows_the_study_on_hover(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5#where-should-i-start")
    (first, *_) = links(window.page.browser, "listed above")
    assert first.href == "matrixdesk:/alcohol/B5/entry/supervising-offenders-review"
    # B5's source gives no hover notes, so the study's own headline and date stand in for one.
    assert first.tooltip == "Supervising offenders is about the quality of the relationship (2002)"


def test_discussion_link_unfolds_the_bite_and_highlights_the_heading(
    qtbot: QtBot, main_window
) -> None:
    window = _open_b5(qtbot, main_window)
    browser = window.page.browser
    assert SKILLS_HEADING not in page_text(browser)  # the Matrix Bite starts folded
    (click, *_) = links(browser, "click")
    assert click.tooltip == f"Go to “{SKILLS_HEADING}” in the Matrix Bite"
    with qtbot.waitSignal(window.page_shown):
        click_link(qtbot, browser, click)
    assert window.page.state.bite_open
    assert is_in_view(browser, SKILLS_HEADING)
    highlight = Colours.from_palette(window.page.palette()).highlight
    assert background_of(browser, SKILLS_HEADING) == highlight


def test_cross_cell_link_navigates_and_back_returns(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5#what-is-this-cell-about")
    browser = window.page.browser
    (a4, *_) = links(browser, "cell A4")
    assert a4.tooltip.startswith("Cell A4, Interventions; Psychosocial therapies")
    top = browser.place.top()  # the text at the top of the view, to the pixel
    with qtbot.waitSignal(window.page_shown):
        click_link(qtbot, browser, a4)
    assert str(window.current) == "matrixdesk:/alcohol/A4"
    assert "does not include this cell" in page_text(browser)
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert str(window.current) == "matrixdesk:/alcohol/B5#what-is-this-cell-about"
    assert window.page.state.bite_open
    assert is_at_top(browser, top)
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.ForwardButton)
    assert str(window.current) == "matrixdesk:/alcohol/A4"


def test_keyboard_alone_reaches_b5_and_its_bite(qtbot: QtBot, main_window) -> None:
    window = main_window()
    table = window.home.table
    assert table.current() is table.cell_button("A1")
    table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert str(window.current) == "matrixdesk:/alcohol/B5"
    browser = window.page.browser
    assert browser.hasFocus()
    tab_to(qtbot, browser, "action:bite/open")
    assert browser.textCursor().charFormat().anchorHref() == "action:bite/open"
    assert browser.textCursor().selectedText() == "▸ Open Matrix Bite guide and commentary"
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert window.page.state.bite_open
    assert SKILLS_HEADING in page_text(browser)


def test_a_cell_outside_the_pack_gets_an_honest_page(qtbot: QtBot, main_window) -> None:
    window = main_window()
    drug = next(a for a in window.window_actions.matrices.actions() if a.data() == "drug")
    drug.trigger()
    assert window.home.title.text() == "Drug Treatment Matrix"
    _click_cell(qtbot, window, "C3")
    text = page_text(window.page.browser)
    assert "Management/supervision; Medical treatment" in text
    assert "Getting the balance right" in text
    assert "Column C: Management/supervision · Row 3: Medical treatment" in text
    assert "The installed content pack does not include this cell’s studies or Matrix Bite." in text
    assert "https://findings.org.uk/PHP/dl.php?file=Matrix/Drugs/C3.htm" in text
    assert not window.page.filter_bar.isVisible()


def test_header_click_lists_a_row(qtbot: QtBot, main_window) -> None:
    window = main_window()
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(window.home.table.rows[4], Qt.MouseButton.LeftButton)
    assert str(window.current) == "matrixdesk:/alcohol/row/5"
    listed = [link.href for link in links(window.page.browser) if link.text in CODES_OF_ROW_5]
    assert listed == [f"matrixdesk:/alcohol/{code}" for code in CODES_OF_ROW_5]
    assert "Matrix Bites course: Containing crime, protecting families." in page_text(
        window.page.browser
    )


def test_grid_cells_say_what_they_are_on_hover(main_window) -> None:
    window = main_window()
    b5, e3 = (window.home.table.cell_button(code) for code in ("B5", "E3"))
    assert b5 is not None and e3 is not None
    assert shown_text(b5.toolTip()) == (
        "B5 · Practitioners; Safeguarding the community\n"
        "What if the therapist works for the jailer?\nMainly for frontline staff"
    )
    assert "Mainly for commissioners" in e3.toolTip()
    assert "not in the installed pack" in e3.toolTip()


def test_copy_title_and_link(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    window.window_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == (
        "Alcohol Treatment Matrix cell B5: Practitioners; Safeguarding the community\n"
        "https://findings.org.uk/PHP/dl.php?file=Matrix/Alcohol/B5.htm"
    )


def test_open_at_a_section_unfolds_the_bite_there(main_window) -> None:
    window = main_window("alcohol/B5#trickier-situation")
    assert window.page.state.bite_open
    assert is_in_view(
        window.page.browser, "The trickier the situation, the more the worker matters"
    )


def test_zoom_and_last_page_survive_a_restart(qtbot: QtBot, main_window, config_dir) -> None:
    window = _open_b5(qtbot, main_window)
    size = window.page.browser.document().defaultFont().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoomed = window.page.browser.document().defaultFont().pointSizeF()
    assert zoomed > size
    window.close()
    again = main_window(folder=config_dir)
    assert str(again.current) == "matrixdesk:/alcohol/B5"
    assert again.page.zoom_steps == 2
    assert again.page.browser.document().defaultFont().pointSizeF() == zoomed
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.page.browser.document().defaultFont().pointSizeF() == size


def test_navigator_jumps_and_marks_the_cell(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    navigator = window.navigator
    a5 = navigator.cell_button("A5")
    assert a5 is not None
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(a5, Qt.MouseButton.LeftButton)
    assert str(window.current) == "matrixdesk:/alcohol/A5"
    assert a5.marked and navigator.current() is a5
    assert not any(cell.marked for cell in navigator.cells if cell is not a5)
    assert "The interventions: why is the record so poor?" in page_text(window.page.browser)


def test_listed_above_click_highlights_the_study(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5#trickier-situation")
    browser = window.page.browser
    document_link = next(
        link
        for link in links(browser, "listed above")
        if link.href.endswith("not-my-job-domestic-violence")
    )
    with qtbot.waitSignal(window.page_shown):
        click_link(qtbot, browser, document_link)
    study = "‘Not my job’ perception and lack of confidence impede assessment of domestic violence"
    highlight = Colours.from_palette(window.page.palette()).highlight
    assert background_of(browser, study) == highlight
    cursor = browser.document().find(study)
    assert browser.viewport().rect().intersects(browser.cursorRect(cursor))
    assert window.page.state.bite_open  # the reader's place in the bite is kept


def _dark_palette() -> QPalette:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    return dark


def test_reading_colours_follow_a_dark_palette() -> None:
    colours = Colours.from_palette(_dark_palette())
    assert QColor(colours.text).lightness() > 200
    assert QColor(colours.highlight).lightness() < 128  # a highlight that keeps text readable


@pytest.fixture
def switch_to_dark(qapp: QApplication) -> Iterator[Callable[[], QPalette]]:
    """Call to switch the application to a dark palette, as Qt does when the system does; the
    palette the tests run with comes back afterwards."""
    light = QApplication.palette()

    def switch() -> QPalette:
        QApplication.setPalette(_dark_palette())
        return QApplication.palette()

    yield switch
    QApplication.setPalette(light)


def _lightness(widget: QWidget, rect: QRect) -> float:
    """The mean lightness (0-255) of what `widget` shows in `rect`."""
    image = widget.grab(rect).toImage()
    samples = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    ]
    return sum(samples) / len(samples)


def test_switching_to_dark_restyles_the_page_grid_and_breadcrumb(
    qtbot: QtBot, main_window: WindowFactory, switch_to_dark
) -> None:
    """Shown in light colours first, then the system switches to dark: the page already on
    screen, its breadcrumb and the home grid (drawn from a cache of cards) all change."""
    window = main_window("alcohol/B5")
    window.go_home()  # as it will be below: a card is drawn afresh for each state it is in
    a1 = window.home.table.cell_button("A1")
    assert a1 is not None
    assert _lightness(a1, a1.rect()) > 128
    window.navigate("alcohol/B5")
    browser = window.page.browser

    def link_colours() -> set[str]:
        return {link.colour for link in links(browser)}

    light = Colours.from_palette(window.page.palette())
    assert link_colours() == {light.link}
    dark = Colours.from_palette(switch_to_dark())
    assert dark.link != light.link
    qtbot.waitUntil(lambda: link_colours() == {dark.link})
    assert f"color: {dark.link}" in window.page.breadcrumb.text()
    window.go_home()
    assert _lightness(a1, a1.rect()) < 128


def test_back_returns_to_where_the_reader_had_scrolled(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5#practitioner-skills")
    bar = window.page.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    bar.setValue(bar.value() + 900)  # read on past the heading
    left_at = window.page.browser.place.top()
    window.navigate("alcohol/A4")
    with qtbot.waitSignal(window.page_shown):
        window.go_back()
    QApplication.processEvents()  # let any deferred scrolling run: it must not move the page
    assert is_at_top(window.page.browser, left_at)


def test_opening_the_bite_by_keyboard_keeps_the_readers_place(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    browser = window.page.browser
    tab_to(qtbot, browser, "action:bite/open")
    top = browser.place.top()
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert window.page.state.bite_open
    assert browser.textCursor().charFormat().anchorHref() == "action:bite/close"
    assert is_at_top(browser, top)  # the same text stays on top
    scroll = browser.verticalScrollBar().value()
    qtbot.keyClick(browser, Qt.Key.Key_Tab)  # carries on into the bite, not back to the top
    assert browser.verticalScrollBar().value() >= scroll - 30


def test_zooming_keeps_the_same_words_at_the_top(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5#trickier-situation")
    browser = window.page.browser
    QApplication.processEvents()  # the deferred scroll to the heading

    before = browser.cursorForPosition(QPoint(0, 0)).position()
    window.zoom_by(3)
    after = browser.cursorForPosition(QPoint(0, 0)).position()
    assert abs(after - before) < 80  # within a line or so of text


def test_filter_offers_only_the_types_the_cell_has(main_window) -> None:
    window = main_window("alcohol/B5")
    buttons = window.page.filter_bar.buttons
    assert buttons["all"].text() == "All studies (9)"
    assert buttons["K"].text() == "Key studies (4)" and buttons["K"].isEnabled()
    assert buttons["S"].text() == "Seminal studies (0)" and not buttons["S"].isEnabled()


def test_a_later_page_is_not_scrolled_by_an_earlier_one(qtbot: QtBot, main_window) -> None:
    window = main_window()
    window.navigate("alcohol/B5#trickier-situation")
    window.navigate("alcohol/B5")
    QApplication.processEvents()  # the earlier page's deferred scroll, if it were to run
    assert window.page.browser.verticalScrollBar().value() == 0


def test_a_missing_heading_opens_the_cell_and_says_so(main_window) -> None:
    window = main_window("alcohol/B5#no-such-heading")
    assert str(window.current) == "matrixdesk:/alcohol/B5"
    assert "Cell B5 has no heading 'no-such-heading'" in window.statusBar().currentMessage()


def test_hovering_a_listed_above_link_shows_its_study(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5#where-should-i-start")
    browser = window.page.browser
    (listed, *_) = links(browser, "listed above")
    where = point_of(browser, listed.position)
    hover = QHelpEvent(QEvent.Type.ToolTip, where, browser.viewport().mapToGlobal(where))
    QApplication.sendEvent(browser.viewport(), hover)
    qtbot.waitUntil(QToolTip.isVisible)
    assert (
        shown_text(QToolTip.text())
        == "Supervising offenders is about the quality of the relationship (2002)"
    )
    # The pointer moves off the link, onto other words: the note goes with it, at once.
    away = QPoint(where.x(), where.y() + 3 * browser.fontMetrics().lineSpacing())
    qtbot.mouseMove(browser.viewport(), away)
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_copy_gives_the_pages_words_and_a_rich_copy_gives_web_addresses(
    qtbot: QtBot, main_window
) -> None:
    window = main_window("alcohol/B5#practitioner-skills")
    browser = window.page.browser
    browser.selectAll()
    mime = browser.createMimeDataFromSelection()
    text, html = mime.text(), mime.html()
    assert "\ufffc" not in text  # no stand-ins for the type icons
    interface_words = ("Close Matrix Bite", "Unfold", "Show all", "Search this pack for", "▾")
    for interface in interface_words:
        assert interface not in text and interface not in html
    assert "Key Relationship with therapist seems more important" in text  # labels, as words
    assert "matrixdesk:" not in html and "action:" not in html and "icon:" not in html
    # A link to another cell becomes its web address; links within the page, plain words.
    assert 'href="https://findings.org.uk/PHP/dl.php?file=Matrix/Alcohol/A4.htm"' in html
    assert "<b>" in html  # headlines stay bold


def test_copy_link_location_gives_the_web_address(qtbot: QtBot, main_window) -> None:
    from PySide6.QtGui import QAction, QGuiApplication

    window = main_window("alcohol/B5#what-is-this-cell-about")
    browser = window.page.browser
    (a4, *_) = links(browser, "cell A4")
    menu = browser.createStandardContextMenu(point_of(browser, a4.position))
    assert menu.findChild(QAction, "link-copy") is not None  # Qt's own, which copies matrixdesk:
    menus: list = []

    def answer() -> None:
        shown = QApplication.activePopupWidget()
        if shown is None:
            QTimer.singleShot(10, answer)
            return
        menus.append([action.text() for action in shown.actions()])
        next(a for a in shown.actions() if a.objectName() == "link-copy").trigger()
        shown.close()

    QTimer.singleShot(0, answer)
    where = point_of(browser, a4.position)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, browser.mapToGlobal(where))
    QApplication.sendEvent(browser.viewport(), event)
    qtbot.waitUntil(lambda: bool(menus))
    assert "Copy &web address" in menus[0]
    assert QGuiApplication.clipboard().text().endswith("Matrix/Alcohol/A4.htm")


def _icon_colour(action: QAction) -> QColor:
    """The colour of the most opaque pixel of `action`'s icon at toolbar size."""
    image = action.icon().pixmap(24, 24).toImage()
    pixels = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    return max(pixels, key=lambda colour: colour.alpha())


@pytest.mark.parametrize("name", [n for n in PALETTES if "dark" in n])
def test_toolbar_icons_keep_3_to_1_when_the_palette_turns_dark(
    qtbot: QtBot, main_window: WindowFactory, name: str
) -> None:
    """In a narrow window Back, Forward and Home show as icons alone."""
    window = main_window()
    light = QApplication.palette()
    try:
        QApplication.setPalette(PALETTES[name])
        background = PALETTES[name].color(QPalette.ColorRole.Window)
        qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window) == background)
        actions = window.window_actions
        for action in (actions.back, actions.forward, actions.home):
            assert contrast(_icon_colour(action), background) >= MARK_CONTRAST, action.text()
    finally:
        QApplication.setPalette(light)
