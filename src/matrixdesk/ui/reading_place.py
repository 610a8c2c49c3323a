"""Where the reader is on a page, in the text itself rather than in pixels.

A place is a character position: the text at the top of the view. It survives what pixels do
not: a page laid out again (a fold opened, zoom, colours), the window resized, a restart. Jumps
(to a heading, a study, a search match) leave whole lines in sight above their target, so the
line before it is not clipped; a match is brought a third of the way down, not to an edge.

A page shown before its window has a size (the last page at start-up, --open) is laid out only
once the event loop runs, and the window's first resizes come then too: a move is made at once,
and made again once the event loop has run (and on any resize until then), unless another move
has been asked for in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QFontMetrics, QTextCursor
from PySide6.QtWidgets import QTextBrowser

MARGIN_LINES = 2  # whole lines kept in sight above a place jumped to


@dataclass(frozen=True, slots=True)
class Spot:
    """The text at the top of the view: its position, and where its line's top is from the view's
    top edge, so that the same page laid out the same way comes back to the pixel."""

    position: int
    offset: int = 0


class ReadingPlace(QObject):
    def __init__(self, browser: QTextBrowser) -> None:
        super().__init__(browser)
        self.browser = browser
        self._moves = 0  # lets a deferred move see that another has been asked for since
        self._settling: Callable[[], None] | None = None

    def top(self) -> Spot:
        """The text at the top of the view: found in the text column, not its margin, on the
        first line whose top is at the view's top edge or just above it."""
        document = self.browser.document()
        # Qt lays a document out lazily, and a hit test can meet a layout made for the view's
        # last width: asking the document's size has it laid out as it now is.
        document.size()
        x = int(document.rootFrame().frameFormat().leftMargin())
        position = self.browser.cursorForPosition(QPoint(x, 0)).position()
        return Spot(position, self._rect_top(position))

    def keep_top(self, spot: Spot) -> None:
        """Scroll so that the text of `spot` is at the top of the view (as the reader left it)."""
        self._move(lambda: self._scroll_by(self._rect_top(spot.position) - spot.offset))

    def jump_to(self, position: int) -> None:
        """Bring `position` (a heading or study) near the top, whole lines above it in sight."""
        self._move(lambda: self._scroll_by(self._rect_top(position) - self._margin()))

    def show(self, position: int) -> None:
        """Bring `position` (a match) into view a third of the way down, unless it is already
        comfortably in view (a margin from either edge)."""

        def move() -> None:
            top, height, margin = self._rect_top(position), self._height(), self._margin()
            if not margin <= top <= height - 2 * margin:
                self._scroll_by(top - height // 3)

        self._move(move)

    def forget(self) -> None:
        """A new page: a move still settling was for the old one."""
        self._moves += 1
        self._settling = None

    def resized(self, top_before: Spot | None) -> None:
        """The view changed size (and the page was laid out again): make the move still settling
        again, or else keep the text that was at the top (None: the page's start) at the top."""
        if self._settling is not None:
            self._settling()
        elif top_before is not None:
            self._scroll_by(self._rect_top(top_before.position) - top_before.offset)

    def _move(self, move: Callable[[], None]) -> None:
        self._moves += 1
        self._settling = move
        move()
        moves = self._moves
        QTimer.singleShot(0, lambda: self._settle(moves))

    def _settle(self, moves: int) -> None:
        if moves == self._moves and self._settling is not None:
            self._settling()
            self._settling = None

    def _rect_top(self, position: int) -> int:
        document = self.browser.document()
        cursor = QTextCursor(document)
        cursor.setPosition(max(0, min(position, document.characterCount() - 1)))
        return self.browser.cursorRect(cursor).top()

    def _scroll_by(self, pixels: int) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + pixels)

    def _height(self) -> int:
        return self.browser.viewport().height()

    def _margin(self) -> int:
        return MARGIN_LINES * QFontMetrics(self.browser.document().defaultFont()).lineSpacing()
