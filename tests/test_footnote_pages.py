"""Pages cut for footnotes (`export.pagination`, `export.footnotes`), on synthetic documents: each
page's notes are exactly those its text refers to and fit under its text; a line is never
parted from its notes; table rows of several cells and asked-for page breaks are kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QPdfWriter, QTextCursor, QTextDocument

from matrixdesk.export.footnotes import Foot, footnote_mark, references
from matrixdesk.export.link_notes import links_to_footnotes, links_to_notes
from matrixdesk.export.paged import BODY_FAMILY, PagedDocument, Running, page_layout
from matrixdesk.export.pagination import PageSlice, block_boxes

MARK, AGAIN = "※", "¤"
"""A new note's mark; the last note's mark again."""
SENTENCE = "Synthetic test text, not research, to fill a line or two of the page. "


def _paged(html: str, note_words: str) -> PagedDocument:
    def prepare(document: QTextDocument) -> None:
        number = 0
        found = document.find(MARK)
        while not found.isNull():
            number += found.selectedText() == MARK
            found.insertText(f"[{number}]", footnote_mark(number, f"{number}: {note_words}"))
            found = document.find(QRegularExpression(f"[{MARK}{AGAIN}]"), found)

    running = Running("Synthetic header", "Synthetic", "Synthetic footer")
    return PagedDocument(html, "", running, "Synthetic", prepare)


def _writer(tmp_path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(tmp_path / "synthetic.pdf"))
    writer.setPageLayout(page_layout("a4"))
    writer.setResolution(600)
    return writer


def _check_notes(document: QTextDocument, pages: list[PageSlice], foot: Foot, room: float) -> None:
    boxes = {block.position(): (top, block) for top, _, block in block_boxes(document)}
    for reference in references(document):
        block = document.findBlock(reference.position)
        top, _ = boxes[block.position()]
        line = block.layout().lineForTextPosition(reference.position - block.position())
        y = top + line.y() + line.height() / 2
        [page] = [page for page in pages if page.top <= y <= page.bottom]
        assert reference.number in page.notes
    for page in pages:
        inside = {
            r.number
            for r in references(document)
            if page.top <= _middle(document, boxes, r.position) <= page.bottom
        }
        assert sorted(page.notes) == sorted(inside)  # each once
        assert page.bottom - page.top + foot.height(page.notes) <= room + 0.5


def _middle(document: QTextDocument, boxes: dict, position: int) -> float:
    block = document.findBlock(position)
    line = block.layout().lineForTextPosition(position - block.position())
    return boxes[block.position()][0] + line.y() + line.height() / 2


def _foot(document: QTextDocument, writer: QPdfWriter, width: float) -> Foot:
    notes = {r.number: r.words for r in references(document)}
    return Foot(notes, writer, width, BODY_FAMILY)


def test_each_page_has_room_for_the_notes_its_lines_refer_to(qapp, tmp_path: Path) -> None:
    # Long notes, many to a page: the notes, not the text, decide where most pages end.
    paragraphs = "".join(
        f"<p>{SENTENCE * (1 + index % 4)}{MARK} {SENTENCE}{MARK if index % 3 else ''}"
        + (f" and again{AGAIN}, and again{AGAIN}" if index % 5 == 0 else "")
        + "</p>"
        for index in range(70)
    )
    paged = _paged(paragraphs, SENTENCE * 3)
    writer = _writer(tmp_path)
    document, body, pages = paged.pages(writer)
    assert len(pages) > 5
    _check_notes(document, pages, _foot(document, writer, body.width()), body.height())
    # Every line on exactly one page, whole.
    for top, _, block in block_boxes(document):
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            start, end = top + line.y(), top + line.y() + line.height()
            assert (
                [p for p in pages if p.top - 0.5 <= start and end <= p.bottom + 0.5]
                == [p for p in pages if p.top <= (start + end) / 2 <= p.bottom]
                != []
            )


def test_table_rows_of_several_cells_are_not_split_and_page_breaks_are_kept(
    qapp, tmp_path: Path
) -> None:
    rows = "".join(
        f"<tr><td>Row {index}{MARK}</td><td>{SENTENCE}<br>{SENTENCE}</td></tr>"
        for index in range(60)
    )
    html = (
        f"<p>{SENTENCE}</p><table border='1' cellpadding='6' width='100%'>{rows}</table>"
        f"<h2 style='page-break-before: always'>After the break</h2><p>{SENTENCE}</p>"
    )
    paged = _paged(html, "A synthetic note.")
    writer = _writer(tmp_path)
    document, body, pages = paged.pages(writer)
    _check_notes(document, pages, _foot(document, writer, body.width()), body.height())
    layout = document.documentLayout()
    for top, bottom, block in block_boxes(document):
        cell = QTextCursor(block).currentTable()
        if cell is not None:  # each cell's text whole on one page
            assert any(page.top <= top and bottom <= page.bottom for page in pages), block.text()
    heading = document.find("After the break").block()
    assert pages[-1].top <= layout.blockBoundingRect(heading).top() <= pages[-1].top + 1
    assert paged.paint(_writer(tmp_path)) == len(pages)


def _linked() -> QTextDocument:
    document = QTextDocument()
    document.setHtml(
        "<p>Synthetic text with <a href='matrixdesk:/alcohol/B3' title='A synthetic note'>a "
        "link</a>, <a href='matrixdesk:/alcohol/B3' title='A synthetic note'>the same "
        "note</a> and "
        "<a href='https://example.org/'>a web link</a>.</p><p>Synthetic end.</p>"
    )
    return document


def test_links_become_footnote_marks_that_carry_their_notes(qapp) -> None:
    document = _linked()
    on_paper = {"matrixdesk:/alcohol/B3": "https://example.org/b3"}
    assert links_to_footnotes(document, lambda href: on_paper.get(href, href)) == 2
    assert document.toPlainText().startswith(
        "Synthetic text with a link[1], the same note[1] and a web link[2]."
    )
    assert [(r.number, r.words) for r in references(document)] == [
        (1, "A synthetic note https://example.org/b3"),
        (1, "A synthetic note https://example.org/b3"),
        (2, "https://example.org/"),
    ]


def test_links_to_notes_still_lists_them_at_the_end(qapp) -> None:
    document = _linked()
    assert links_to_notes(document, lambda href: None) == 1
    assert document.toPlainText().endswith("Synthetic end.\nNotes\n[1] A synthetic note")
    assert references(document) == []  # end notes: no footnotes as well
