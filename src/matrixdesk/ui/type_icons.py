"""The study type icons, drawn in the margin beside each study's first line.

The page marks each study with an anchor naming its types (`page.parts.TYPES_ANCHOR`); the
reading pane draws their icons there after painting the text. As images in the text they would
be U+FFFC to screen readers and in copies; the type is in the words already ("Key").
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPainter, QTextBlock
from PySide6.QtWidgets import QTextEdit

from matrixdesk.page.cell_page import TYPE_TOOLTIPS
from matrixdesk.page.parts import TYPES_ANCHOR
from matrixdesk.ui.icons import type_icon_image

ICON_GAP = 3  # pixels between two icons of one study, at 100 %


def _types(block: QTextBlock) -> list[str]:
    """The type codes a block's study carries, or none if it is not a study's first line."""
    iterator = block.begin()
    if iterator.atEnd():
        return []
    for name in iterator.fragment().charFormat().anchorNames():
        if name.startswith(TYPES_ANCHOR):
            return name.removeprefix(TYPES_ANCHOR).split(".")
    return []


def visible_blocks(view: QTextEdit) -> Iterator[QTextBlock]:
    viewport = view.viewport()
    block = view.cursorForPosition(QPoint(0, 0)).block()
    last = view.cursorForPosition(QPoint(0, viewport.height())).block()
    while block.isValid():
        yield block
        if block == last:
            break
        block = block.next()


def icon_places(view: QTextEdit, size: int, hang: int) -> list[tuple[QRect, str]]:
    """Where each visible study's icons go, in viewport pixels, with their type codes: in the
    `hang` pixels left of the study's first line, centred on it."""
    scroll = QPoint(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    gap = max(1, round(ICON_GAP * size / 17))
    places = []
    for block in visible_blocks(view):
        codes = _types(block)
        if not codes:
            continue
        layout = block.layout()
        if layout.lineCount() == 0:
            continue
        line = layout.lineAt(0)
        origin = layout.position() + line.position()
        top = round(origin.y() + (line.height() - size) / 2)
        left = round(origin.x()) - hang
        for code in codes:
            places.append((QRect(left - scroll.x(), top - scroll.y(), size, size), code))
            left += size + gap
    return places


def paint_icons(view: QTextEdit, places: list[tuple[QRect, str]]) -> None:
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for rect, code in places:
        painter.drawImage(rect, type_icon_image(code))
    painter.end()


def icon_tooltip(places: list[tuple[QRect, str]], point: QPoint) -> tuple[QRect, str] | None:
    """The icon under `point`, with the words for its type."""
    for rect, code in places:
        if rect.contains(point):
            return rect, TYPE_TOOLTIPS.get(code, code)
    return None
