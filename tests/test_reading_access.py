"""The page's outline, caret browsing and what is announced, driven through the real window.
(What a screen reader itself meets is tested through AT-SPI: test_accessibility_atspi_page.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QColor
from PySide6.QtWidgets import QApplication, QWidget

from matrixdesk.ui.disclosure import DisclosureButton
from matrixdesk.ui.theme import Colours
from matrixdesk.ui.wrapping_button import WrappingButton
from tests.reading_pane import page_text

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory

STUDY = "Working with men who physically abuse their partners"


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the app announces, as if a screen reader were listening."""
    heard: list[str] = []
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))

    def hear(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            heard.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(hear))
    yield heard


def _outline(window: MainWindow) -> dict[str, object]:
    return {button.accessibleName(): button for button in window.page.outline.buttons}


def test_the_outline_lists_the_studies_and_the_matrix_bite(main_window: WindowFactory) -> None:
    window = main_window("alcohol/B5")
    names = list(_outline(window))
    assert names[0] == "Studies (9)"
    assert (
        names[1]
        == "Relationship with therapist seems more important for offenders than other clients"
    )
    assert STUDY in names and names[-1] == "Matrix Bite"
    bite = _outline(window)["Matrix Bite"]
    assert isinstance(bite, DisclosureButton) and not bite.expanded
    assert "Issues to consider and discuss" not in names  # inside the bite, which is closed


def _outline_shown(window: MainWindow) -> list[tuple[str, int]]:
    """What the outline shows, top to bottom: each button's words and how far it stands in."""
    outline = window.page.outline
    shown = [b for b in outline.widget().findChildren(WrappingButton) if b.isVisible()]
    shown.sort(key=lambda button: button.y())
    return [(button.text(), button.indent) for button in shown]


def test_the_outline_is_the_same_after_other_pages_and_a_search(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    """Its buttons serve one page after another: nothing of one page is left on the next."""
    window = main_window("alcohol/B5")
    bite = _outline(window)["Matrix Bite"]
    qtbot.mouseClick(bite, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page.state.bite_open)
    opened = _outline_shown(window)
    assert any(indent > 0 for _, indent in opened), "the bite's headings stand in"
    window.navigate("alcohol/B4")
    assert _outline_shown(window) == []
    window.navigate("alcohol/B5#trickier-situation")  # the bite open, at a heading
    assert _outline_shown(window) == opened
    window.navigate("alcohol/B4")
    window.navigate("alcohol/B5")  # a new visit: the bite folded
    folded = _outline_shown(window)
    assert folded[-1] == ("\u25b8 Matrix Bite", 0) and len(folded) < len(opened)
    assert [text for text, _ in folded] == [b.text() for b in window.page.outline.buttons]


def test_an_outline_study_takes_the_reader_and_the_caret_there(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    browser = window.page.browser
    qtbot.mouseClick(_outline(window)[STUDY], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(browser.hasFocus)
    cursor = browser.textCursor()
    block = browser.document().findBlock(cursor.position())
    assert block.text().startswith(f"Guidance {STUDY}")
    assert browser.viewport().rect().contains(browser.cursorRect(cursor).center())


def test_the_outline_opens_the_matrix_bite_and_keeps_the_keyboard_on_it(
    qtbot: QtBot, main_window: WindowFactory, said: list[str]
) -> None:
    window = main_window("alcohol/B5")
    bite = _outline(window)["Matrix Bite"]
    bite.setFocus()
    qtbot.keyClick(bite, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.page.state.bite_open)
    assert "The trickier the situation, the more the worker matters" in page_text(
        window.page.browser
    )
    again = _outline(window)["Matrix Bite"]
    assert isinstance(again, DisclosureButton) and again.expanded and again.hasFocus()
    assert "Issues to consider and discuss" in _outline(window)
    assert "Matrix Bite expanded" in said
    qtbot.keyClick(again, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.page.state.bite_open)
    assert "Matrix Bite collapsed" in said


def test_f7_gives_the_page_a_caret_that_moves_by_line(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    browser = window.page.browser
    flags = browser.textInteractionFlags()
    assert not flags & Qt.TextInteractionFlag.TextSelectableByKeyboard  # no AT: arrows scroll
    browser.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_F7)
    assert window.window_actions.caret.isChecked()
    assert browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    start = browser.textCursor().position()
    qtbot.keyClick(browser, Qt.Key.Key_Down)
    assert browser.textCursor().position() > start


def test_a_screen_reader_gets_the_caret_when_the_page_takes_focus(
    qtbot: QtBot, main_window: WindowFactory, said: list[str]
) -> None:
    window = main_window("alcohol/B5")
    browser = window.page.browser
    window.window_actions.search_box.setFocus()
    browser.setFocus()
    qtbot.waitUntil(window.window_actions.caret.isChecked)
    assert browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_counts_filters_and_status_are_announced(
    qtbot: QtBot, main_window: WindowFactory, said: list[str]
) -> None:
    window = main_window("alcohol/B5")
    qtbot.mouseClick(window.page.filter_bar.buttons["R"], Qt.MouseButton.LeftButton)
    assert said[-1] == "Showing 3 of 9 studies (reviews only)."
    qtbot.mouseClick(window.page.filter_bar.buttons["all"], Qt.MouseButton.LeftButton)
    assert said[-1] == "Showing all 9 studies."
    window.window_actions.copy.trigger()
    assert said[-1] == "Copied the cell's title and web address."
    window.window_actions.find.trigger()
    qtbot.keyClicks(window.page.find_bar.field, "offender")
    assert said[-1].startswith("1 of ")
    box = window.window_actions.search_box
    with qtbot.waitSignal(window.results_shown):
        qtbot.keyClicks(box, "juggling")
        box.textEdited.emit(box.text())
    assert any(words.endswith("for “juggling”") for words in said)


def test_the_page_and_the_breadcrumb_show_when_they_have_the_keyboard(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    browser, crumb = window.page.browser, window.page.breadcrumb
    focus = QColor(Colours.from_palette(QApplication.palette()).focus)

    def ring(widget: QWidget) -> bool:
        image = widget.grab().toImage()
        return image.pixelColor(1, image.height() // 2) == focus

    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    assert ring(browser.viewport()) and not ring(crumb)
    crumb.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(crumb.hasFocus)
    assert ring(crumb) and not ring(browser.viewport())


def test_a_link_reached_with_tab_is_said_with_where_it_goes(
    qtbot: QtBot, main_window: WindowFactory, said: list[str]
) -> None:
    window = main_window("alcohol/B5")
    browser = window.page.browser
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    qtbot.keyClick(browser, Qt.Key.Key_Tab)
    assert browser.textCursor().selectedText() == "click"
    assert said[-1].startswith("Link: click.")
    assert "heading" in said[-1] or "Matrix Bite" in said[-1], said[-1]


class _WindowsShown(QObject):
    """Every widget shown as a window of its own while it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        shown = event.type() == QEvent.Type.Show
        if shown and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(f"{type(watched).__name__} {watched.objectName()!r}")
        return False


def test_building_the_outline_flashes_up_no_window_and_keeps_the_keyboard(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    """Each page builds the outline anew: none of its parts may show as a window of its own
    (which takes the keyboard from the reader's window on some desktops)."""
    window = main_window("alcohol/B5")
    watcher = _WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        window.navigate("alcohol/B4")
        window.navigate("alcohol/B5")
        bite = _outline(window)["Matrix Bite"]
        qtbot.mouseClick(bite, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.page.state.bite_open)
    finally:
        app.removeEventFilter(watcher)
    assert watcher.shown == []
    assert window.isActiveWindow()
