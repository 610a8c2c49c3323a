"""The reader's note marks in the page: a ✎ in the right margin beside the page's title, each
study and each Matrix Bite heading with notes, drawn by the reading pane after the text (as the
type icons are), and a tooltip that says so. For the eye and the mouse: a screen reader meets
the same marks in the outline and in the My notes tab, where they can be read and chosen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QTextBlock
from PySide6.QtWidgets import QTextEdit

from matrixdesk.page.note_places import NOTE_MARK
from matrixdesk.ui.theme import Colours
from matrixdesk.ui.type_icons import visible_blocks

PAGE_KEY = ""
"""The key of the mark beside the page's title: the notes on the page itself."""


def _key(block: QTextBlock, anchors: dict[str, int], on_page: int) -> str | None:
    """Which mark `block` carries: PAGE_KEY for the page's title, the anchor of a study or
    heading with notes, or None."""
    if on_page and block.blockFormat().headingLevel() == 1:
        return PAGE_KEY
    iterator = block.begin()
    while not iterator.atEnd():
        for name in iterator.fragment().charFormat().anchorNames():
            if name in anchors:
                return name
        iterator += 1
    return None


def mark_places(
    view: QTextEdit, anchors: dict[str, int], on_page: int, size: int
) -> list[tuple[QRect, str]]:
    """Where each visible mark goes, in viewport pixels, with its key: in the document's right
    margin, beside the first line of what it marks."""
    if not anchors and not on_page:
        return []
    document = view.document()
    margin = round(document.documentMargin())
    size = max(8, min(size, margin))
    scroll = QPoint(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    left = round(document.size().width()) - margin + (margin - size) // 2
    places = []
    for block in visible_blocks(view):
        key = _key(block, anchors, on_page)
        layout = block.layout()
        if key is None or layout.lineCount() == 0:
            continue
        line = layout.lineAt(0)
        top = round(layout.position().y() + line.position().y() + (line.height() - size) / 2)
        places.append((QRect(left - scroll.x(), top - scroll.y(), size, size), key))
    return places


def paint_marks(view: QTextEdit, places: list[tuple[QRect, str]]) -> None:
    if not places:
        return
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QColor(Colours.from_palette(view.palette()).accent))
    font = QFont(view.font())
    font.setPixelSize(places[0][0].height())
    font.setBold(True)
    painter.setFont(font)
    for rect, _key in places:
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, NOTE_MARK)
    painter.end()


def mark_tooltip(
    places: list[tuple[QRect, str]], counts: dict[str, int], point: QPoint
) -> tuple[QRect, str, str] | None:
    """The mark under `point`: where it is, its key, and what it says."""
    for rect, key in places:
        if rect.adjusted(-2, -2, 2, 2).contains(point):
            count = counts.get(key, 0)
            said = "a note" if count == 1 else f"{count} notes"
            return rect, key, f"You have {said} here: click to see it in My notes, beside the page"
    return None
