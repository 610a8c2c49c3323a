"""The cell page query: everything one page shows, in six small SQL statements.

The reader queries the pack with the standard library's sqlite3, not SQLAlchemy: importing
SQLAlchemy's ORM costs about 220 ms and 47 MB in the reader's process, more than Qt's whole
start-up. SQLAlchemy stays the single definition of the tables (`models`) and writes the pack.

Every value becomes view data through a check (`checked`), and a page's parts must fit together
(studies point at headings the page has), so a pack made or altered by anything but our writer is
refused as damaged instead of reaching the UI.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from matrixdesk.core import checked
from matrixdesk.core.addresses import Address
from matrixdesk.core.checked import PackValueError
from matrixdesk.core.schema import (
    ANNOTATION_BLOCK_KINDS,
    BLOCK_KINDS,
    CELL_CODES,
    COLUMN_KEYS,
    DOCUMENT_PARTS,
    ROW_KEYS,
    SECTION_LEVELS,
    STUDY_TYPES,
)
from matrixdesk.core.views import (
    Axis,
    BlockView,
    CellPage,
    CellSummary,
    CitingEntry,
    DocumentPart,
    DocumentView,
    EntryView,
    SectionView,
)

_SUMMARY = """
    SELECT m.key, c.code, c.title, c.headline, c.online_url, c.has_content,
           col.key, col.name, col.audience, r.key, r.name, r.course_title{more}
    FROM cells c
    JOIN matrices m ON m.id = c.matrix_id
    JOIN matrix_columns col ON col.id = c.column_id
    JOIN matrix_rows r ON r.id = c.row_id
"""
CELL_SUMMARIES = _SUMMARY.format(more="") + "WHERE m.key = ? ORDER BY r.position, col.position"
_CELL = (
    _SUMMARY.format(
        more=", c.id, c.intro_html, c.intro_text, c.acknowledgement_html, c.acknowledgement_text"
    )
    + "WHERE m.key = ? AND c.code = ?"
)
_ENTRIES = """
    SELECT e.id, e.slug, e.headline, e.byline, e.annotation_text,
           e.document_url, d.slug, d.title, e.note, e.search_query
    FROM entries e LEFT JOIN documents d ON d.id = e.document_id
    WHERE e.cell_id = ? ORDER BY e.position
"""
_ANNOTATIONS = """
    SELECT a.entry_id, a.kind, a.html, a.text
    FROM annotation_blocks a JOIN entries e ON e.id = a.entry_id
    WHERE e.cell_id = ? ORDER BY a.entry_id, a.position
"""
_TYPES = """
    SELECT t.entry_id, t.type_code FROM entry_types t JOIN entries e ON e.id = t.entry_id
    WHERE e.cell_id = ? ORDER BY t.entry_id, t.position
"""
_DISCUSSIONS = """
    SELECT d.entry_id, s.slug FROM entry_discussions d JOIN sections s ON s.id = d.section_id
    WHERE s.cell_id = ? ORDER BY d.entry_id, d.position
"""
_SECTIONS = """
    SELECT s.id, s.slug, s.title, s.level, p.slug
    FROM sections s LEFT JOIN sections p ON p.id = s.parent_id
    WHERE s.cell_id = ? ORDER BY s.position
"""
_BLOCKS = """
    SELECT b.section_id, b.kind, b.title, b.html, b.text
    FROM blocks b JOIN sections s ON s.id = b.section_id
    WHERE s.cell_id = ? ORDER BY b.section_id, b.position
"""


def cell_summary(row: tuple) -> CellSummary:
    """A row that starts with the columns of CELL_SUMMARIES, as a CellSummary."""
    matrix, code = (
        checked.text(row[0], "a matrix key"),
        checked.one_of(row[1], CELL_CODES, "a cell code"),
    )
    what = f"cell {matrix}/{code}"
    return CellSummary(
        matrix=matrix,
        code=code,
        title=checked.text(row[2], f"the title of {what}"),
        headline=checked.optional_text(row[3], f"the headline of {what}"),
        online_url=checked.web_address(row[4], f"the online address of {what}"),
        has_content=bool(checked.one_of(row[5], (0, 1), f"whether {what} has content")),
        column=axis(row[6:9], COLUMN_KEYS, f"the column of {what}"),
        row=axis(row[9:12], ROW_KEYS, f"the row of {what}"),
    )


def axis(row: tuple, keys: tuple[str, ...], what: str) -> Axis:
    """(key, name, description) as an Axis whose key is one of `keys`."""
    key, name, description = row
    return Axis(
        checked.one_of(key, keys, f"the key of {what}"),
        checked.text(name, f"the name of {what}"),
        checked.text(description, f"the description of {what}"),
    )


def load_cell_page(connection: sqlite3.Connection, matrix: str, code: str) -> CellPage | None:
    cell = connection.execute(_CELL, (matrix, code)).fetchone()
    if cell is None:
        return None
    summary = cell_summary(cell)
    what = f"cell {summary.matrix}/{summary.code}"
    cell_id, intro_html, intro_text, acknowledgement_html, acknowledgement_text = cell[12:]
    cell_id = (cell_id,)
    sections = _sections(connection, cell_id, what)
    return CellPage(
        summary=summary,
        intro_html=checked.optional_text(intro_html, f"the intro of {what}"),
        intro_text=checked.optional_text(intro_text, f"the intro of {what}"),
        entries=_entries(connection, cell_id, what, {s.slug for s in sections}),
        sections=sections,
        acknowledgement_html=checked.optional_text(
            acknowledgement_html, f"the acknowledgement of {what}"
        ),
        acknowledgement_text=checked.optional_text(
            acknowledgement_text, f"the acknowledgement of {what}"
        ),
    )


def _entries(
    connection: sqlite3.Connection, cell_id: tuple[int], cell: str, headings: set[str]
) -> tuple[EntryView, ...]:
    types: defaultdict[int, list[str]] = defaultdict(list)
    for entry_id, code in connection.execute(_TYPES, cell_id):
        types[entry_id].append(checked.one_of(code, STUDY_TYPES, f"a study type in {cell}"))
    discussed: defaultdict[int, list[str]] = defaultdict(list)
    for entry_id, slug in connection.execute(_DISCUSSIONS, cell_id):
        discussed[entry_id].append(checked.one_of(slug, headings, f"a heading in {cell}"))
    annotations: defaultdict[int, list[BlockView]] = defaultdict(list)
    for entry_id, kind, html, text in connection.execute(_ANNOTATIONS, cell_id):
        annotations[entry_id].append(
            BlockView(
                checked.one_of(kind, ANNOTATION_BLOCK_KINDS, f"a study's text in {cell}"),
                None,
                checked.text(html, f"a study's text in {cell}"),
                checked.text(text, f"a study's text in {cell}"),
            )
        )
    entries = tuple(
        _entry(
            row,
            tuple(types[row[0]]),
            tuple(discussed[row[0]]),
            tuple(annotations[row[0]]),
            cell,
        )
        for row in connection.execute(_ENTRIES, cell_id)
    )
    _unique([entry.slug for entry in entries], f"the studies of {cell}")
    return entries


def _entry(
    row: tuple,
    types: tuple[str, ...],
    discussed_in: tuple[str, ...],
    annotation: tuple[BlockView, ...],
    cell: str,
) -> EntryView:
    (
        _,
        slug,
        headline,
        byline,
        annotation_text,
        document_url,
        document_slug,
        document_title,
        note,
        search_query,
    ) = row
    what = f"a study in {cell}"
    if not types:
        raise PackValueError(f"{what} has no type")
    return EntryView(
        slug=checked.slug(slug, what),
        types=types,
        headline=checked.text(headline, what),
        byline=checked.optional_text(byline, what),
        annotation=annotation,
        annotation_text=checked.text(annotation_text, what),
        document_url=checked.optional_web_address(document_url, f"the document of {what}"),
        document_slug=checked.optional_slug(document_slug, f"the document of {what}"),
        document_title=checked.optional_text(document_title, f"the document of {what}"),
        note=checked.optional_text(note, what),
        search_query=checked.optional_text(search_query, what),
        discussed_in=discussed_in,
    )


def _sections(
    connection: sqlite3.Connection, cell_id: tuple[int], cell: str
) -> tuple[SectionView, ...]:
    what = f"a Matrix Bite heading in {cell}"
    blocks: defaultdict[int, list[BlockView]] = defaultdict(list)
    for section_id, kind, title, html, text in connection.execute(_BLOCKS, cell_id):
        blocks[section_id].append(
            BlockView(
                checked.one_of(kind, BLOCK_KINDS, f"a kind of text in {cell}"),
                checked.optional_text(title, f"a panel title in {cell}"),
                checked.text(html, f"a passage in {cell}"),
                checked.text(text, f"a passage in {cell}"),
            )
        )
    sections: list[SectionView] = []
    for section_id, slug, title, level, parent_slug in connection.execute(_SECTIONS, cell_id):
        parent = checked.optional_slug(parent_slug, what)
        if parent is not None and parent not in {s.slug for s in sections}:
            raise PackValueError(f"{what} belongs to no heading before it")
        sections.append(
            SectionView(
                checked.slug(slug, what),
                checked.text(title, what),
                checked.one_of(level, SECTION_LEVELS, f"the level of {what}"),
                parent,
                tuple(blocks[section_id]),
            )
        )
    _unique([section.slug for section in sections], f"the Matrix Bite headings of {cell}")
    return tuple(sections)


def _unique(slugs: list[str], what: str) -> None:
    if len(set(slugs)) != len(slugs):
        raise PackValueError(f"two of {what} have the same slug")


_DOCUMENT = """
    SELECT id, slug, title, authors, source, year, original_url, summary_html, summary_text,
           key_points_html, key_points_text, commentary_html, commentary_text
    FROM documents WHERE slug = ?
"""
_CITING = """
    SELECT m.key, c.code, e.slug, e.headline, c.title
    FROM entries e JOIN cells c ON c.id = e.cell_id JOIN matrices m ON m.id = c.matrix_id
    WHERE e.document_id = ? ORDER BY m.position, c.id, e.position
"""


def load_document(connection: sqlite3.Connection, slug: str) -> DocumentView | None:
    row = connection.execute(_DOCUMENT, (slug,)).fetchone()
    if row is None:
        return None
    document_id, slug, title, authors, source, year, url, *texts = row
    what = f"document {slug}"
    cited_by = tuple(
        CitingEntry(
            str(
                Address(
                    checked.text(matrix, what),
                    checked.one_of(code, CELL_CODES, what),
                    entry=checked.slug(entry, what),
                )
            ),
            checked.text(headline, what),
            checked.text(cell_title, what),
        )
        for matrix, code, entry, headline, cell_title in connection.execute(_CITING, (document_id,))
    )
    return DocumentView(
        checked.slug(slug, what),
        checked.text(title, what),
        checked.optional_text(authors, what),
        checked.optional_text(source, what),
        checked.optional_text(year, what),
        checked.optional_web_address(url, f"the original of {what}"),
        tuple(
            DocumentPart(heading, checked.text(html, what), checked.text(text, what))
            for heading, html, text in zip(DOCUMENT_PARTS, texts[::2], texts[1::2], strict=True)
            if html is not None
        ),
        cited_by,
    )


# Every statement above with parameters that match nothing: the store runs them once at open.
READER_STATEMENTS: tuple[tuple[str, tuple[object, ...]], ...] = (
    (_CELL, ("", "")),
    *(
        (statement, (-1,))
        for statement in (_ENTRIES, _ANNOTATIONS, _TYPES, _DISCUSSIONS, _SECTIONS, _BLOCKS)
    ),
    (_DOCUMENT, ("",)),
    (_CITING, (-1,)),
)
