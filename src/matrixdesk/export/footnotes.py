"""Footnotes: a note's mark in the text carries the note itself (its number and words) in its
character format, so the page layout (`paged`) finds each note where it is referenced and
prints it at the foot of that page, under a short rule, in smaller type. A note referred to
from two pages is printed on both, with the same number.

    cursor.insertText("[3]", footnote_mark(3, "Cell B3, Practitioners; Medical treatment"))
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextFragment,
)

NOTE_NUMBER: Final = QTextFormat.Property.UserProperty.value + 1
"""A mark's character format property: the number of the note it refers to."""
NOTE_WORDS: Final = NOTE_NUMBER + 1
"""A mark's character format property: the words of the note it refers to."""
FOOT_POINTS: Final = 8.5
_MM_PER_INCH = 25.4
_ABOVE_RULE_MM, _BELOW_RULE_MM, _BETWEEN_MM = 4.0, 1.6, 0.8
_RULE_SHARE = 0.3
"""The rule above the notes runs a third of the text's width, as in a book."""


def footnote_mark(number: int, words: str) -> QTextCharFormat:
    """The format of a note's mark in the text ("[3]", raised)."""
    form = QTextCharFormat()
    form.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    form.setProperty(NOTE_NUMBER, number)
    form.setProperty(NOTE_WORDS, words)
    return form


@dataclass(frozen=True, slots=True)
class Reference:
    """A note's mark: where it is in the document, and the note."""

    position: int
    number: int
    words: str


def fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every run of text of one format in `document` (table cells included), in order."""
    block = document.begin()
    while block.isValid():
        runs = block.begin()
        while not runs.atEnd():
            yield runs.fragment()
            runs += 1
        block = block.next()


def references(document: QTextDocument) -> list[Reference]:
    """Every note mark in `document`, in document order."""
    return [
        Reference(
            fragment.position(),
            int(fragment.charFormat().property(NOTE_NUMBER)),
            str(fragment.charFormat().property(NOTE_WORDS)),
        )
        for fragment in fragments(document)
        if fragment.charFormat().hasProperty(NOTE_NUMBER)
    ]


class Foot:
    """The notes of a document laid out for a device at the text's width, each once, to be
    measured while pages are made and painted at the foot of each page that refers to them."""

    def __init__(
        self, notes: dict[int, str], device: QPagedPaintDevice, width: float, family: str
    ) -> None:
        self._dpi = device.logicalDpiY()
        self._width = width
        self._notes: dict[int, QTextDocument] = {}
        for number, words in notes.items():
            note = QTextDocument()
            font = note.defaultFont()
            font.setFamily(family)
            font.setPointSizeF(FOOT_POINTS)
            note.setDefaultFont(font)
            note.documentLayout().setPaintDevice(device)
            note.setDocumentMargin(0)
            note.setPlainText(f"[{number}] {words}")
            note.setTextWidth(width)
            self._notes[number] = note

    def _mm(self, mm: float) -> float:
        return mm / _MM_PER_INCH * self._dpi

    def height(self, numbers: Sequence[int]) -> float:
        """The room the notes `numbers` take at a page's foot, their rule included; 0 for
        none."""
        if not numbers:
            return 0.0
        notes = sum(self._notes[n].size().height() for n in numbers)
        space = self._mm(_ABOVE_RULE_MM + _BELOW_RULE_MM + _BETWEEN_MM * (len(numbers) - 1))
        return notes + space

    def paint(self, painter: QPainter, numbers: Sequence[int], bottom: float) -> None:
        """The rule and the notes `numbers`, their last line's foot at `bottom`."""
        if not numbers:
            return
        top = bottom - self.height(numbers) + self._mm(_ABOVE_RULE_MM)
        painter.save()
        painter.setPen(QPen(QColor("#000000"), self._dpi / 200))
        painter.drawLine(QPointF(0, top), QPointF(self._width * _RULE_SHARE, top))
        top += self._mm(_BELOW_RULE_MM)
        for number in numbers:
            note = self._notes[number]
            painter.save()
            painter.translate(0, top)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, 0, self._width, note.size().height())
            context.palette.setColor(context.palette.ColorRole.Text, QColor("#000000"))
            note.documentLayout().draw(painter, context)
            painter.restore()
            top += note.size().height() + self._mm(_BETWEEN_MM)
        painter.restore()
