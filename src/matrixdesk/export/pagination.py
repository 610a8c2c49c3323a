"""Pages cut from a document laid out as one tall page, so each page's text can leave room at
its foot for the notes that page refers to (`footnotes`).

Pages are cut only between lines, never through one: each line of the document (table cells
included) is a strip from its top to its bottom, and strips that overlap are kept together
(the cells of a table row side by side). A table row of several cells, a list item, and a
heading with the line after it are not split either, unless they would take more than half a
page. Page breaks the HTML asks for (`page-break-before`/`-after: always`) are kept.

The rule for notes: a page takes strips while the strips and the notes they refer to fit; a
strip whose notes do not fit goes to the next page, with its notes. A line is never parted
from its notes and a note never runs on to another page, so the number a reader sees is
always explained on the same page. A strip taller than a whole page (lines side by side,
taller than the paper) gets a page to itself, and is cut by the page's edge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat

from matrixdesk.export.footnotes import references


@dataclass(frozen=True, slots=True)
class PageSlice:
    """One page: the part of the tall layout it shows (document pixels, top to bottom) and the
    notes it refers to, in number order."""

    top: float
    bottom: float
    notes: tuple[int, ...]


@dataclass(slots=True)
class _Strip:
    top: float
    bottom: float
    notes: list[int] = field(default_factory=list)
    group: object = None
    """Strips of one group (a table row, a list item) stay on one page."""
    in_table: bool = False
    break_before: bool = False
    keep_with_next: bool = False


def block_boxes(document: QTextDocument) -> list[tuple[float, float, QTextBlock]]:
    """Every block with lines (table cells' included): its top and bottom, and the block."""
    layout = document.documentLayout()
    layout.documentSize()  # the whole document laid out: Qt lays out lazily, on demand
    boxes = []
    block = document.begin()
    while block.isValid():
        if block.isVisible() and block.layout().lineCount():
            box = layout.blockBoundingRect(block)
            boxes.append((box.top(), box.bottom(), block))
        block = block.next()
    return boxes


def paginate(
    document: QTextDocument,
    height: float,
    foot_height: Callable[[Sequence[int]], float],
    table_edge: float,
) -> list[PageSlice]:
    """Cut `document` (laid out with no page height) into pages of `height`, less the room
    `foot_height` says each page's notes take. A page that starts or ends inside a table shows
    up to `table_edge` more above or below its text, for the cells' padding and borders."""
    strips = _strips(document, height / 2)
    if not strips:
        return [PageSlice(0.0, 0.0, ())]
    pages: list[PageSlice] = []
    top, notes, last = 0.0, list[int](), strips[0]
    for strip in strips:
        with_these = list(dict.fromkeys([*notes, *strip.notes]))  # each note once a page
        fits = strip.bottom - top + foot_height(sorted(with_these)) <= height
        if strip is not strips[0] and (strip.break_before or not fits):
            room = height - foot_height(sorted(notes))
            pages.append(_page(top, last, strip, notes, room, table_edge))
            gap = strip.top - last.bottom
            top = strip.top - (min(gap, table_edge) if strip.in_table else 0.0)
            with_these = list(dict.fromkeys(strip.notes))
        notes, last = with_these, strip
    room = height - foot_height(sorted(notes))
    pages.append(_page(top, last, None, notes, room, table_edge))
    return pages


def _page(
    top: float,
    last: _Strip,
    following: _Strip | None,
    notes: list[int],
    room: float,
    table_edge: float,
) -> PageSlice:
    """The page from `top` to the foot of its last strip: a table's bottom padding and border
    too, while they fit, and never the next strip's text."""
    bottom = last.bottom
    if last.in_table:
        below = following.top - 1 if following is not None else bottom + table_edge
        bottom = max(bottom, min(below, bottom + table_edge, top + room))
    return PageSlice(top, bottom, tuple(sorted(notes)))


def _strips(document: QTextDocument, keep_within: float) -> list[_Strip]:
    """The document's lines, top to bottom, those that must stay together made one: lines
    side by side always; a row's, a list item's, a heading and the line after it only while
    they are no taller than `keep_within`, so that what a page cannot hold is still cut."""
    marks: dict[int, list[int]] = {}
    numbers: dict[int, int] = {}
    for reference in references(document):
        block = document.findBlock(reference.position).position()
        marks.setdefault(block, []).append(reference.position)
        numbers[reference.position] = reference.number
    lines = sorted(_lines(document, marks, numbers), key=lambda strip: strip.top)
    strips: list[_Strip] = []
    for line in lines:
        last = strips[-1] if strips else None
        together = last is not None and (
            line.top < last.bottom - 0.5
            or (
                ((line.group is not None and line.group == last.group) or last.keep_with_next)
                and line.bottom - last.top <= keep_within
            )
        )
        if last is not None and together and not line.break_before:
            last.bottom = max(last.bottom, line.bottom)
            last.notes.extend(line.notes)
            last.keep_with_next = line.keep_with_next
            last.group = line.group
        else:
            strips.append(line)
    return strips


def _lines(
    document: QTextDocument, marks: dict[int, list[int]], numbers: dict[int, int]
) -> Iterator[_Strip]:
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    after = QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter
    break_next = False
    for top, _, block in block_boxes(document):
        form = block.blockFormat()
        table = QTextCursor(block).currentTable()
        group: object = None
        if block.textList() is not None:
            group = ("item", block.blockNumber())
        elif table is not None and table.columns() > 1:
            group = ("row", table.firstPosition(), table.cellAt(block.position()).row())
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            start = block.position() + line.textStart()
            end = start + line.textLength()
            notes = [numbers[p] for p in marks.get(block.position(), ()) if start <= p < end]
            yield _Strip(
                top + line.y(),
                top + line.y() + line.height(),
                notes,
                group,
                table is not None,
                number == 0 and (break_next or bool(form.pageBreakPolicy() & always)),
                form.headingLevel() > 0,
            )
            break_next = False
        break_next = bool(form.pageBreakPolicy() & after)
