"""The cell page query: everything one page shows, in six small SQL statements.

The reader queries the pack with the standard library's sqlite3, not SQLAlchemy: importing
SQLAlchemy's ORM costs about 220 ms and 47 MB in the reader's process, more than Qt's whole
start-up. SQLAlchemy stays the single definition of the tables (`models`) and writes the pack.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from matrixdesk.core.addresses import Address
from matrixdesk.core.views import (
    Axis,
    BlockView,
    CellPage,
    CellSummary,
    CitingEntry,
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
    SELECT e.id, e.slug, e.headline, e.byline, e.annotation_html, e.annotation_text,
           e.document_url, d.slug, d.title, e.note, e.search_query
    FROM entries e LEFT JOIN documents d ON d.id = e.document_id
    WHERE e.cell_id = ? ORDER BY e.position
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
    return CellSummary(
        matrix=row[0],
        code=row[1],
        title=row[2],
        headline=row[3],
        online_url=row[4],
        has_content=bool(row[5]),
        column=Axis(*row[6:9]),
        row=Axis(*row[9:12]),
    )


def load_cell_page(connection: sqlite3.Connection, matrix: str, code: str) -> CellPage | None:
    cell = connection.execute(_CELL, (matrix, code)).fetchone()
    if cell is None:
        return None
    cell_id, intro_html, intro_text, acknowledgement_html, acknowledgement_text = cell[12:]
    cell_id = (cell_id,)
    return CellPage(
        summary=cell_summary(cell),
        intro_html=intro_html,
        intro_text=intro_text,
        entries=_entries(connection, cell_id),
        sections=_sections(connection, cell_id),
        acknowledgement_html=acknowledgement_html,
        acknowledgement_text=acknowledgement_text,
    )


def _entries(connection: sqlite3.Connection, cell_id: tuple[int]) -> tuple[EntryView, ...]:
    types: defaultdict[int, list[str]] = defaultdict(list)
    for entry_id, code in connection.execute(_TYPES, cell_id):
        types[entry_id].append(code)
    discussed: defaultdict[int, list[str]] = defaultdict(list)
    for entry_id, slug in connection.execute(_DISCUSSIONS, cell_id):
        discussed[entry_id].append(slug)
    return tuple(
        EntryView(
            slug=slug,
            types=tuple(types[entry_id]),
            headline=headline,
            byline=byline,
            annotation_html=annotation_html,
            annotation_text=annotation_text,
            document_url=document_url,
            document_slug=document_slug,
            document_title=document_title,
            note=note,
            search_query=search_query,
            discussed_in=tuple(discussed[entry_id]),
        )
        for (
            entry_id,
            slug,
            headline,
            byline,
            annotation_html,
            annotation_text,
            document_url,
            document_slug,
            document_title,
            note,
            search_query,
        ) in connection.execute(_ENTRIES, cell_id)
    )


def _sections(connection: sqlite3.Connection, cell_id: tuple[int]) -> tuple[SectionView, ...]:
    blocks: defaultdict[int, list[BlockView]] = defaultdict(list)
    for section_id, kind, title, html, text in connection.execute(_BLOCKS, cell_id):
        blocks[section_id].append(BlockView(kind, title, html, text))
    return tuple(
        SectionView(slug, title, level, parent_slug, tuple(blocks[section_id]))
        for section_id, slug, title, level, parent_slug in connection.execute(_SECTIONS, cell_id)
    )


_DOCUMENT = """
    SELECT id, slug, title, authors, source, year, original_url, summary_html, key_points_html,
           commentary_html
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
    cited_by = tuple(
        CitingEntry(str(Address(matrix, code, entry=entry)), headline, cell_title)
        for matrix, code, entry, headline, cell_title in connection.execute(_CITING, (row[0],))
    )
    _, slug, title, authors, source, year, url, summary, key_points, commentary = row
    return DocumentView(
        slug, title, authors, source, year, url, summary, key_points, commentary, cited_by
    )
