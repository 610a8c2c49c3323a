"""The reading pane as a screen reader meets it: a keyboard caret (caret browsing), and a link
that takes the keyboard's focus said with where it goes.

Qt exposes the pane's text to assistive technology (character, word, line and sentence at any
offset), but without a caret a screen reader cannot move through it: arrow keys only scroll.
Caret browsing gives it one, with caret events on every move. It is on from the start when an
assistive technology is listening, and F7 turns it on or off (as in web browsers), since for a
sighted reader the arrow keys scrolling the page is what they expect.

Qt's AT-SPI bridge has no hyperlink interface, and moving to a link with Tab sends no caret or
selection event: a screen reader would hear nothing, or the link's words alone ("click"). Here a
link taking focus sends those events, and is announced with its purpose.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QAccessible,
    QAccessibleTextCursorEvent,
    QAccessibleTextSelectionEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser

from matrixdesk.core.checked import is_web_address
from matrixdesk.ui.announce import announce


def caret_browsing_wanted() -> bool:
    """Caret browsing from the start: when a screen reader (or other AT) is listening."""
    return QAccessible.isActive()


def link_purpose(words: str, title: str, href: str) -> str:
    """What a screen reader hears as a link takes focus: its words, then where it goes."""
    if href.startswith("action:"):
        return words  # the app's own controls say what they do ("Open Matrix Bite")
    where = title or (f"web address {href}" if is_web_address(href) else "")
    return f"Link: {words}. {where}" if where else f"Link: {words}"


class LinkFocus:
    """Says each link the keyboard moves to, and tells AT where the caret now is. Moving to a
    link with Tab selects the link's words, but emits no signal at all (not `highlighted`,
    not the cursor's): the pane calls `link_focused` after Tab or Shift+Tab."""

    def __init__(self, browser: QTextBrowser) -> None:
        self.browser = browser

    def link_focused(self) -> None:
        browser = self.browser
        cursor = browser.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        href = cursor.charFormat().anchorHref()
        if not href or not _is_whole_link(cursor, href):
            return
        QAccessible.updateAccessibility(QAccessibleTextCursorEvent(browser, cursor.position()))
        QAccessible.updateAccessibility(QAccessibleTextSelectionEvent(browser, start, end))
        tip = cursor.charFormat().toolTip()
        announce(browser, link_purpose(cursor.selectedText(), tip, href))


def _is_whole_link(cursor: QTextCursor, href: str) -> bool:
    """Whether the selection is one link's words, from its first character to its last."""
    if not cursor.hasSelection():
        return False
    first = QTextCursor(cursor.document())
    first.setPosition(cursor.selectionStart() + 1)
    return first.charFormat().anchorHref() == href
