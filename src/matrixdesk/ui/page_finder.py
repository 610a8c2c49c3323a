"""Marking matches on the page: the find bar's text, or a search result's matched words."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QTextCursor

from matrixdesk.ui.find_bar import FindBar
from matrixdesk.ui.page_find import marks, matches, text_pattern, words_pattern
from matrixdesk.ui.reading_browser import ReadingBrowser
from matrixdesk.ui.theme import Colours


class PageFinder(QObject):
    def __init__(
        self,
        browser: ReadingBrowser,
        bar: FindBar,
        unfold: Callable[[re.Pattern[str]], bool],
        hidden: Callable[[re.Pattern[str]], int],
    ) -> None:
        """`unfold(pattern)` opens folded text holding a match and re-renders the page (which
        calls `remark`); it returns False when there was nothing to open. `hidden(pattern)`
        counts matches in studies the type filter hides, which find says are there."""
        super().__init__(browser)
        self.browser = browser
        self.bar = bar
        self.unfold = unfold
        self.hidden = hidden
        self.pattern: re.Pattern[str] | None = None
        self._matches: list[QTextCursor] = []
        self._hidden = 0
        self._current = -1
        bar.find_requested.connect(self._on_find)
        bar.step_requested.connect(self.step)
        bar.closed.connect(self._on_closed)

    def reveal_words(self, words: list[str]) -> None:
        """Mark `words` (a search result's) where they show, and make the first match from the
        top of the view the current one. Folded text is left as it is: the caller unfolds what
        the result points into."""
        self.pattern = words_pattern(words)
        self._mark_from(self._top(), unfold=False)

    def forget(self) -> None:
        """A new page: marks from the last one (a search result's words) do not carry over,
        unless the reader is using the find bar."""
        if not self.bar.isVisible():
            self.pattern = None
            self._matches, self._current = [], -1
            self.browser.setExtraSelections([])

    def remark(self, from_position: int | None) -> None:
        """Mark again after the page was rebuilt (folds, zoom, colours)."""
        if self.pattern is not None:
            self._mark_from(from_position, unfold=False)

    @Slot(int)
    def step(self, delta: int) -> None:
        if self._matches:
            self._current = (self._current + delta) % len(self._matches)
            self._select_current()

    @Slot(str)
    def _on_find(self, text: str) -> None:
        self.pattern = text_pattern(text)
        self._mark_from(self._top())

    @Slot()
    def _on_closed(self) -> None:
        self.pattern = None
        self._matches, self._current = [], -1
        self.browser.setExtraSelections([])
        self.browser.setFocus()

    def _top(self) -> int:
        return self.browser.place.top().position

    def _mark_from(self, position: int | None, unfold: bool = True) -> None:
        if self.pattern is None:
            self._matches, self._current = [], -1
            self.browser.setExtraSelections([])
            self.bar.show_count(0, 0)
            return
        if unfold and self.unfold(self.pattern):
            return  # the page was rebuilt, and marked again from the same place
        self._matches = matches(self.browser.document(), self.pattern)
        self._hidden = self.hidden(self.pattern)
        colours = Colours.from_palette(self.browser.palette())
        self.browser.setExtraSelections(marks(self._matches, colours.find_mark))
        if position is not None:
            self._current = next(
                (i for i, m in enumerate(self._matches) if m.selectionStart() >= position), 0
            )
        if self._matches:
            self._select_current()
        else:
            self._current = -1
            self.bar.show_count(0, 0, self._hidden)

    def _select_current(self) -> None:
        self._current = min(self._current, len(self._matches) - 1)
        cursor = self._matches[self._current]
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        self.browser.setTextCursor(cursor)
        bar.setValue(value)  # the match is brought into view below, with a margin, not to an edge
        self.browser.place.show(cursor.selectionStart())
        self.bar.show_count(self._current + 1, len(self._matches), self._hidden)
