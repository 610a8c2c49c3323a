"""A team discussion pack for one cell: a cover, the studies with their notes, the Matrix Bite's
discussion sections each followed by ruled space to write, the reader's own notes if chosen, and
a discussion record sheet whose fields are those of a participatory CPD entry.

Only what the pack holds: where it has nothing for a part, the pack says so. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from matrixdesk.core.views import CellPage, PackSummary, SectionView
from matrixdesk.page.cell_page import cell_header
from matrixdesk.page.note_places import gone_place, note_places
from matrixdesk.page.parts import MatrixContext, Page, Part
from matrixdesk.page.printable import print_section, study_list
from matrixdesk.page.state import PageState, all_unfolded

DISCUSSION_TITLE = "issues to consider"
"""How the Matrix Bite's discussion heading starts ("Issues to consider and discuss")."""
WRITING_LINES = 7
"""Ruled lines after each discussion section."""
PAGE_BREAK = '<p style="page-break-before: always"></p>'  # an empty block that only breaks
RECORD_ANCHOR = "record-sheet"
"""Names the record sheet's heading."""
RECORD_FIELDS = (
    ("Date", 1),
    ("Facilitator", 1),
    ("Attendees (names and roles)", 2),
    ("Time spent (minutes)", 1),
    ("Points agreed", 4),
    ("Actions (who, what, by when)", 4),
)
CPD_FIELDS = (
    "What I learned",
    "How it will change my practice",
    "Standard or code it relates to",
)


@dataclass(frozen=True, slots=True)
class NoteLine:
    """One of the reader's notes on the cell: where on the page it is, in words, and its text."""

    place: str
    text: str


def note_lines(page: CellPage, notes: Iterable[tuple[str, str]]) -> list[NoteLine]:
    """The reader's notes (address, text) on the cell `page`, in page order, each with its
    place in words."""
    address = str(page.summary.address)
    places = note_places(address, page)
    order = {place.address: index for index, place in enumerate(places)}
    labels = {place.address: place.label for place in places}
    listed = sorted(notes, key=lambda note: order.get(note[0], len(order)))
    title = f"{page.summary.code} {page.summary.title}"
    return [NoteLine(labels.get(at) or gone_place(at, title), text) for at, text in listed]


def discussion_sections(page: CellPage) -> list[SectionView]:
    """The Matrix Bite's "Issues to consider and discuss" sections and their subsections."""
    found: list[SectionView] = []
    parents: set[str] = set()
    for section in page.sections:
        if section.title.casefold().startswith(DISCUSSION_TITLE) or section.parent_slug in parents:
            found.append(section)
            parents.add(section.slug)
    return found


def discussion_pack(
    page: CellPage,
    context: MatrixContext,
    pack: PackSummary,
    my_notes: Sequence[NoteLine] | None,
) -> Page:
    """The whole pack; `my_notes` None leaves the reader's notes out."""
    state = all_unfolded(page, PageState())
    sections = discussion_sections(page)
    parts = [_cover(page, context, pack, my_notes is not None), Part(PAGE_BREAK)]
    parts.append(study_list(page, state))
    parts.append(Part(PAGE_BREAK + '<h2 class="bite">For discussion</h2>', "For discussion"))
    if not sections:
        parts.append(_said("This cell’s Matrix Bite has no “Issues to consider” section."))
    for section in sections:
        parts.append(print_section(section, state))
        if section.blocks or section.level > 2:
            parts.append(writing_space())
    if my_notes is not None:
        parts.append(_my_notes(my_notes))
    parts.append(record_sheet(page, context))
    return Page(tuple(parts))


def _said(words: str) -> Part:
    return Part(f'<p class="muted">{escape(words)}</p>', words)


def _cover(page: CellPage, context: MatrixContext, pack: PackSummary, with_notes: bool) -> Part:
    summary = page.summary
    column, row = summary.column, summary.row
    lines = [
        f"Mainly for {column.description} (column {column.key}: {column.name}).",
        f"Row {row.key}: {row.name}. {row.description}.",
        f"From {pack.title}, edition {pack.edition}"
        + (f", published by {pack.publisher}." if pack.publisher else "."),
        f"Online: {summary.online_url}",
    ]
    inside = ["The studies, with their notes", "For discussion: each question, then space to write"]
    if with_notes:
        inside.append("My notes on this cell")
    inside.append("Discussion record sheet (for a participatory CPD entry)")
    header = cell_header(summary, context)
    return Part(
        '<p class="kicker">Team discussion pack</p>'
        + header.html
        + "".join(f'<p class="cover">{escape(line)}</p>' for line in lines)
        + '<h2 class="contents">In this pack</h2><ol>'
        + "".join(f"<li>{escape(item)}</li>" for item in inside)
        + "</ol>",
        "\n".join(["Team discussion pack", header.text, *lines, "In this pack", *inside]),
    )


def writing_space(lines: int = WRITING_LINES) -> Part:
    """Ruled lines to write on: an empty line's height above each rule."""
    return Part(
        '<p class="write-label">Our discussion:</p>'
        + '<p class="write">&nbsp;</p><hr class="write">' * lines,
        "Our discussion:",
    )


def _my_notes(notes: Sequence[NoteLine]) -> Part:
    heading = '<h2 class="notes">My notes on this cell</h2>'
    if not notes:
        return Part(heading + '<p class="muted">No notes on this cell yet.</p>', "My notes")
    items = "".join(
        f'<p class="note-place">{escape(note.place)}</p>'
        f'<p class="note">{escape(note.text).replace(chr(10), "<br>")}</p>'
        for note in notes
    )
    return Part(
        heading + items,
        "\n\n".join(["My notes on this cell", *(f"{n.place}\n{n.text}" for n in notes)]),
    )


def record_sheet(page: CellPage, context: MatrixContext) -> Part:
    """A sheet to fill in at the meeting, with what a participatory CPD entry asks for."""
    summary = page.summary
    cell = f"{context.matrix.name}, cell {summary.code}: {summary.title}"

    def rows(fields: Sequence[tuple[str, int]]) -> str:
        return "".join(
            f'<tr><td width="30%" class="field">{escape(label)}</td>'
            f"<td>{'<br>' * space}&nbsp;</td></tr>"
            for label, space in fields
        )

    table = '<table class="record" width="100%" border="1" cellspacing="0" cellpadding="6">'
    return Part(
        f'<h2 class="record" style="page-break-before: always"><a name="{RECORD_ANCHOR}"></a>'
        + "Discussion record</h2>"
        + f'<p class="cover">{escape(cell)}</p>'
        + table
        + rows(RECORD_FIELDS)
        + "</table>"
        + '<h3 class="record">For each attendee’s CPD log</h3>'
        + '<p class="muted">Activity: team discussion · Type: participatory · '
        + f"Places: {escape(summary.code)} {escape(summary.title)} and the sections discussed "
        + "· Evidence: this record sheet.</p>"
        + table
        + rows([(label, 2) for label in CPD_FIELDS])
        + "</table>",
        "\n".join(["Discussion record", cell, *(label for label, _ in RECORD_FIELDS)]),
    )
