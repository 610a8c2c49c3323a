"""Text laid out in lines of a given width, for the grid's cards and headings: wrapped between
words, and inside a word only when the word alone is wider than the line, so that no text is ever
cut off or elided, however narrow the grid or large the text."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

BREAK_AFTER = ("/", "/\u200b")  # "Management/supervision" may break after its slash


def wrapped(
    text: str,
    font: QFont,
    width: float,
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    indent: float = 0,
) -> QTextLayout:
    """`text` laid out in lines `width` wide, the first line at y = 0 and `indent` in (room for
    a row heading's key); draw it with `QTextLayout.draw`, measure it with `height`."""
    layout = QTextLayout(text.replace(*BREAK_AFTER), font)
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    top, left = 0.0, indent
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(width - left, 1.0))
        line.setPosition(QPointF(left, top))
        top, left = top + line.height(), 0
    layout.endLayout()
    return layout


def height(layout: QTextLayout) -> int:
    """Whole pixels enough for every line of `layout`."""
    count = layout.lineCount()
    if not count:
        return 0
    last = layout.lineAt(count - 1)
    return math.ceil(last.y() + last.height())


def bold(font: QFont) -> QFont:
    """`font`, bold: the grid's codes and keys."""
    bolder = QFont(font)
    bolder.setBold(True)
    return bolder


def widest_word(text: str, font: QFont) -> int:
    """Width of the longest word in `text`: narrower than this, `wrapped` breaks inside it."""
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(w) for w in text.replace("/", "/ ").split()), default=0)
