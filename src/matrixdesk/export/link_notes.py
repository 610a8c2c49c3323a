"""Links on paper: each link's hover note and web address become a numbered note, marked "[n]"
after the link's words; the same note twice keeps its number. `links_to_footnotes` makes them
footnotes, printed at the foot of the page that refers to them (`footnotes`, `paged`);
`links_to_notes` lists them under "Notes" at the end instead.

Works on the laid-out document's own structure (fragments and their formats, through a text
cursor), not on HTML text. Paper cannot follow a link: only web links stay links in a PDF (a
click opens them); the app's own addresses are never written into the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from matrixdesk.export.footnotes import footnote_mark, fragments

NOTES_HEADING = "Notes"


@dataclass(frozen=True, slots=True)
class _Run:
    """Consecutive fragments of one link (or of one hover note): a bold word in a link splits
    it into several."""

    start: int
    end: int
    href: str
    note: str
    words: str


def links_to_notes(
    document: QTextDocument,
    web_address: Callable[[str], str | None],
    before_anchor: str | None = None,
    not_notes: frozenset[str] = frozenset(),
) -> int:
    """Number `document`'s notes and list them at its end (or just before the block holding the
    anchor named `before_anchor`); the number of notes. `web_address` says what a link's
    address is on paper: a web address, or None to print none. Hover texts in `not_notes`
    (the app's own, about the screen) are no notes."""
    superscript = QTextCharFormat()
    superscript.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    numbers = _mark_notes(document, web_address, not_notes, lambda _n, _w: superscript)
    if numbers:
        _list_notes(document, numbers, before_anchor)
    return len(numbers)


def links_to_footnotes(
    document: QTextDocument,
    web_address: Callable[[str], str | None],
    not_notes: frozenset[str] = frozenset(),
) -> int:
    """Number `document`'s notes as footnotes: each mark carries its note, for the page
    layout to print at the foot of the mark's page. The number of notes; the arguments as
    `links_to_notes`'s."""
    return len(_mark_notes(document, web_address, not_notes, footnote_mark))


def _mark_notes(
    document: QTextDocument,
    web_address: Callable[[str], str | None],
    not_notes: frozenset[str],
    mark: Callable[[int, str], QTextCharFormat],
) -> dict[str, int]:
    """Each note's words and number, its marks inserted in the format `mark` gives."""
    runs = _runs(document)
    numbers: dict[str, int] = {}
    marks: list[tuple[int, str]] = []
    for run in runs:
        _unlink(document, run, web_address)
        url = web_address(run.href) if run.href else None
        words = "" if run.note in not_notes else run.note
        if url and url != run.words.strip() and url not in words:
            words = f"{words} {url}".strip()
        if words:
            marks.append((run.end, words))
            numbers.setdefault(words, len(numbers) + 1)
    cursor = QTextCursor(document)
    for position, words in reversed(marks):
        cursor.setPosition(position)
        cursor.insertText(f"[{numbers[words]}]", mark(numbers[words], words))
    return numbers


def _runs(document: QTextDocument) -> list[_Run]:
    runs: list[_Run] = []
    for fragment in fragments(document):
        form = fragment.charFormat()
        href = form.anchorHref() if form.isAnchor() else ""
        note = " ".join(form.toolTip().split())
        if not (href or note):
            continue
        start, end = fragment.position(), fragment.position() + fragment.length()
        last = runs[-1] if runs else None
        if last and last.end == start and (last.href, last.note) == (href, note):
            runs[-1] = _Run(last.start, end, href, note, last.words + fragment.text())
        else:
            runs.append(_Run(start, end, href, note, fragment.text()))
    return runs


def _unlink(document: QTextDocument, run: _Run, web_address: Callable[[str], str | None]) -> None:
    """The run as plain words (a web link stays a link), without its tooltip."""
    cursor = QTextCursor(document)
    cursor.setPosition(run.start)
    cursor.setPosition(run.end, QTextCursor.MoveMode.KeepAnchor)
    plain = QTextCharFormat()
    plain.setToolTip("")
    keep = run.href.startswith(("http://", "https://")) and web_address(run.href) == run.href
    if run.href and not keep:
        plain.setAnchor(False)
        plain.setAnchorHref("")
    cursor.mergeCharFormat(plain)


def _list_notes(
    document: QTextDocument, numbers: dict[str, int], before_anchor: str | None
) -> None:
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    position = _anchor_block(document, before_anchor) if before_anchor else None
    items = "".join(
        f'<p class="footnote">[{number}] {escape(words)}</p>' for words, number in numbers.items()
    )
    html = f'<h2 class="notes">{NOTES_HEADING}</h2>{items}'
    if position:  # at the end of the block before, in a block of its own
        cursor.setPosition(position - 1)
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    cursor.insertHtml(html)


def _anchor_block(document: QTextDocument, name: str) -> int | None:
    """Where the block holding the anchor `name` starts."""
    for fragment in fragments(document):
        if name in fragment.charFormat().anchorNames():
            return document.findBlock(fragment.position()).position()
    return None
