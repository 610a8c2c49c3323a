"""The cell page query, through the SQLAlchemy ORM.

Kept apart from `store` because importing SQLAlchemy costs more than Qt's whole start-up; the store
imports this module only when a page is first needed (or while warming up after the first paint).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session, configure_mappers, selectinload

from matrixdesk.core import models as m
from matrixdesk.core.pack import connect_read_only
from matrixdesk.core.views import (
    Axis,
    BlockView,
    CellPage,
    CellSummary,
    EntryView,
    LinkView,
    SectionView,
)


def create_pack_engine(path: Path) -> Engine:
    configure_mappers()  # once, up front, rather than inside the first page load
    return create_engine("sqlite://", creator=lambda: connect_read_only(path))


def load_cell_page(engine: Engine, matrix: str, code: str) -> CellPage | None:
    with Session(engine) as session:
        cell = session.scalars(
            select(m.Cell)
            .join(m.Cell.matrix)
            .where(m.Matrix.key == matrix, m.Cell.code == code)
            .options(
                selectinload(m.Cell.matrix),
                selectinload(m.Cell.column),
                selectinload(m.Cell.row),
                selectinload(m.Cell.entries).selectinload(m.Entry.types),
                selectinload(m.Cell.entries)
                .selectinload(m.Entry.discussions)
                .selectinload(m.EntryDiscussion.section),
                selectinload(m.Cell.sections).selectinload(m.Section.blocks),
                selectinload(m.Cell.sections).selectinload(m.Section.parent),
            )
        ).one_or_none()
        if cell is None:
            return None
        links = session.scalars(select(m.Link).where(m.Link.cell_id == cell.id).order_by(m.Link.id))
        return CellPage(
            summary=CellSummary(
                matrix=cell.matrix.key,
                code=cell.code,
                title=cell.title,
                headline=cell.headline,
                online_url=cell.online_url,
                has_content=cell.has_content,
                column=Axis(cell.column.key, cell.column.name, cell.column.audience),
                row=Axis(cell.row.key, cell.row.name, cell.row.course_title),
            ),
            intro_html=cell.intro_html,
            intro_text=cell.intro_text,
            entries=tuple(_entry_view(entry) for entry in cell.entries),
            sections=tuple(_section_view(section) for section in cell.sections),
            acknowledgement_html=cell.acknowledgement_html,
            acknowledgement_text=cell.acknowledgement_text,
            links=tuple(_link_view(link) for link in links),
        )


def _entry_view(entry: m.Entry) -> EntryView:
    return EntryView(
        slug=entry.slug,
        types=tuple(t.type_code for t in entry.types),
        headline=entry.headline,
        byline=entry.byline,
        annotation_html=entry.annotation_html,
        annotation_text=entry.annotation_text,
        document_url=entry.document_url,
        note=entry.note,
        search_query=entry.search_query,
        discussed_in=tuple(d.section.slug for d in entry.discussions),
    )


def _section_view(section: m.Section) -> SectionView:
    return SectionView(
        slug=section.slug,
        title=section.title,
        level=section.level,
        parent_slug=section.parent.slug if section.parent else None,
        blocks=tuple(BlockView(b.kind, b.title, b.html, b.text) for b in section.blocks),
    )


def _link_view(link: m.Link) -> LinkView:
    resolved = any(
        target is not None
        for target in (link.target_cell_id, link.target_entry_id, link.target_section_id)
    ) or link.address.startswith(("http://", "https://"))
    return LinkView(link.origin, link.text, link.address, resolved)
