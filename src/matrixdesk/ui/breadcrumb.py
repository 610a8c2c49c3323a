"""The breadcrumb above a page: matrix › column › row, each a link, reachable by keyboard; it
wraps in a narrow window or at a large zoom."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from matrixdesk.ui.focus_ring import draw_focus_ring
from matrixdesk.ui.theme import Colours


class Breadcrumb(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breadcrumb")
        self.setAccessibleName("Breadcrumb")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # onto a second line in a narrow window, never cut off
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._trail: list[tuple[str, str]] = []
        self._tail = ""

    def set_trail(self, links: list[tuple[str, str]], tail: str = "") -> None:
        """`links` are (address, text) pairs; `tail`, if any, the current page, not a link."""
        if (links, tail) == (self._trail, self._tail) and self.text():
            return
        self._trail, self._tail = links, tail
        self._render()
        # A label's accessible name stands in for its text: give it the trail in words.
        words = " › ".join([text for _, text in links] + ([tail] if tail else []))
        self.setAccessibleName(f"Breadcrumb: {words}" if words else "Breadcrumb")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.hasFocus():  # Qt marks the focused link faintly, if at all
            draw_focus_ring(self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()

    def _render(self) -> None:
        link = Colours.from_palette(self.palette()).link
        parts = [
            f'<a href="{href}" style="color: {link}; text-decoration: underline">{escape(text)}</a>'
            for href, text in self._trail
        ]
        if self._tail:
            parts.append(escape(self._tail))
        self.setText(" &#8250; ".join(parts))
