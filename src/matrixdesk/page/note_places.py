"""Where on a page a reader's note can belong, in words: the page itself, each of its studies and
each Matrix Bite heading, with the address a note on it is kept by and the anchor the page and
its outline mark it at. No Qt: the notes beside the page, the outline's markers and the Notes
panel all read the page the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass

from matrixdesk.core.addresses import Address, DocumentAddress, parse_place
from matrixdesk.core.views import CellPage
from matrixdesk.page.state import entry_anchor, section_anchor

PAGE, STUDY, HEADING = "page", "study", "heading"
NOTE_MARK = "\u270e"  # ✎, beside what has a note
GONE = "no longer in this pack"
"""Said of a note whose place this pack no longer has (it is listed, never dropped)."""
NOTE_PREVIEW_CHARS = 120
"""The most of a note's first line a list shows; the rest is a click away."""
# What simple Markdown starts a line with: headings, list items, quotations.
_LINE_MARKS = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)+")


@dataclass(frozen=True, slots=True)
class NotePlace:
    address: str
    """The place's address in its long form, as notes are kept by it."""
    label: str
    """The place in words, for a list of the page's places ("Study: …")."""
    kind: str
    """PAGE, STUDY or HEADING."""
    anchor: str | None = None
    """The anchor of a study or heading in the page (None for the page itself)."""


def page_of(address: str) -> str | None:
    """The address of the page `address` is on (a cell or a document), in long form; None for
    a place that is no page a note can be on (home, a column's listing, a search)."""
    place = parse_place(address)
    if isinstance(place, DocumentAddress):
        return str(place)
    if isinstance(place, Address) and place.cell is not None:
        return str(Address(place.matrix, place.cell))
    return None


def note_places(page_address: str, page: CellPage | None) -> tuple[NotePlace, ...]:
    """The places on the page at `page_address` a note can be on: the page, then (for a cell
    page whose content the pack holds, `page`) its studies and Matrix Bite headings in the
    order they are in the page. A cell's "more" entry is a search, not a study: it has none."""
    is_document = isinstance(parse_place(page_address), DocumentAddress)
    places = [NotePlace(page_address, "This document" if is_document else "This page", PAGE)]
    if page is None or is_document:
        return tuple(places)
    cell = page.summary.address
    places += [
        NotePlace(
            str(Address(cell.matrix, cell.cell, entry=entry.slug)),
            f"Study: {entry.headline}",
            STUDY,
            entry_anchor(entry.slug),
        )
        for entry in page.entries
        if entry.search_query is None
    ]
    places += [
        NotePlace(
            str(Address(cell.matrix, cell.cell, section=section.slug)),
            f"Heading: {section.title}",
            HEADING,
            section_anchor(section.slug),
        )
        for section in page.sections
    ]
    return tuple(places)


def gone_place(address: str, title: str, gone_first: bool = False) -> str:
    """A note's place that this pack no longer has, in words: `title` (what the window calls
    the address: for a study or heading gone, its cell's title), the part that is gone, and
    that it is gone; said first with `gone_first` (for a row that may be cut short)."""
    place = parse_place(address)
    part = ""
    if isinstance(place, Address) and (place.entry or place.section):
        kind, slug = ("study", place.entry) if place.entry else ("heading", place.section)
        part = f": {kind} “{(slug or '').replace('-', ' ')}”"
    return f"({GONE}) {title}{part}" if gone_first else f"{title}{part} ({GONE})"


def notes_said(count: int) -> str:
    """How many notes, in words, for a screen reader and a tooltip ("has 2 notes")."""
    return "" if count == 0 else "has a note" if count == 1 else f"has {count} notes"


def first_line(text: str, limit: int = NOTE_PREVIEW_CHARS) -> str:
    """A note's first line with words on it, as a list shows it: without the marks simple
    Markdown starts a line with (# heading, - or * list, > quotation), cut at a word near
    `limit` characters. Empty for a note with no words."""
    for line in text.splitlines():
        words = _LINE_MARKS.sub("", line.strip()).strip()
        if words:
            if len(words) <= limit:
                return words
            cut = words[:limit].rsplit(" ", 1)[0] if " " in words[:limit] else words[:limit]
            return cut.rstrip(" ,;:.") + "…"
    return ""
