"""Helpers that read and click the reading pane the way a user sees it (test support, no tests)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from matrixdesk.page.parts import TYPES_ANCHOR


@dataclass(frozen=True)
class Fragment:
    text: str
    href: str
    tooltip: str
    position: int
    background: str | None
    colour: str
    underlined: bool
    anchors: tuple[str, ...]


def fragments(document: QTextDocument) -> list[Fragment]:
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            brush = fmt.background()
            found.append(
                Fragment(
                    text=fragment.text(),
                    href=fmt.anchorHref(),
                    tooltip=fmt.toolTip(),
                    position=fragment.position(),
                    background=brush.color().name()
                    if brush.style() != Qt.BrushStyle.NoBrush
                    else None,
                    colour=fmt.foreground().color().name(),
                    underlined=fmt.fontUnderline(),
                    anchors=tuple(fmt.anchorNames()),
                )
            )
            iterator += 1
        block = block.next()
    return found


def type_icons(browser: QTextBrowser) -> list[str]:
    """The type icons the pane draws beside the studies, in page order ("icon:K"), read from
    the marks it draws them by (`page.parts.TYPES_ANCHOR`)."""
    return [
        f"icon:{code}"
        for f in fragments(browser.document())
        for name in f.anchors
        if name.startswith(TYPES_ANCHOR)
        for code in name.removeprefix(TYPES_ANCHOR).split(".")
    ]


def hover(widget: QWidget, point: QPoint) -> str:
    """Hover `point` of `widget` as the mouse would: the tooltip Qt shows (and lays out)."""
    QToolTip.hideText()
    QApplication.sendEvent(
        widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    )
    return QToolTip.text() if QToolTip.isVisible() else ""


def links(browser: QTextBrowser, text: str | None = None) -> list[Fragment]:
    return [f for f in fragments(browser.document()) if f.href and (text is None or f.text == text)]


def point_of(browser: QTextBrowser, position: int) -> QPoint:
    """Scroll `position` into view and return where it is in the viewport."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position + 1)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    return rect.center()


def click_link(qtbot: QtBot, browser: QTextBrowser, link: Fragment) -> None:
    qtbot.mouseClick(
        browser.viewport(), Qt.MouseButton.LeftButton, pos=point_of(browser, link.position)
    )


def tab_to(qtbot: QtBot, browser: QTextBrowser, href: str) -> None:
    """Press Tab until the link to `href` has the focus, as a keyboard user walks a page's links;
    gives up after 60 presses (the caller checks where the cursor ended up)."""
    for _ in range(60):
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
        if browser.textCursor().charFormat().anchorHref() == href:
            return


def is_in_view(browser: QTextBrowser, text: str) -> bool:
    """Whether the paragraph or heading that is exactly `text` is (at least partly) on screen."""
    document = browser.document()
    block = document.begin()
    while block.isValid() and block.text() != text:
        block = block.next()
    assert block.isValid(), f"no paragraph or heading {text!r} on the page"
    cursor = QTextCursor(block)
    return browser.viewport().rect().contains(browser.cursorRect(cursor).center())


def background_of(browser: QTextBrowser, text: str) -> str | None:
    """The highlight behind the paragraph or words `text`, whether set on the block or the words."""
    cursor = browser.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not on the page"
    for brush in (cursor.blockFormat().background(), cursor.charFormat().background()):
        if brush.style() != Qt.BrushStyle.NoBrush:
            return brush.color().name()
    return None


def page_text(browser: QTextBrowser) -> str:
    return " ".join(browser.toPlainText().split())


def shown_text(text: str) -> str:
    """What Qt shows for a label's or tooltip's `text`: the words of rich text (Qt guesses, as it
    does for tooltips), else the text itself. So a test sees what the reader sees."""
    if not QtGui.Qt.mightBeRichText(text):  # QtGui's Qt namespace has the text functions
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def is_at_top(browser: QTextBrowser, spot: object) -> bool:
    """Whether the text of `spot` (a ReadingPlace.Spot, taken earlier) is where it was then: at
    the top of the view, to the pixel."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition(spot.position)  # type: ignore[attr-defined]
    return browser.cursorRect(cursor).top() == spot.offset  # type: ignore[attr-defined]
