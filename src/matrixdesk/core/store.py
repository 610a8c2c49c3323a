"""ContentStore: the read-only query API over one pack. All it returns is frozen view data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, selectinload

from matrixdesk.core import models as m
from matrixdesk.core.pack import open_pack_engine
from matrixdesk.core.views import (
    Axis,
    BlockView,
    CellPage,
    CellSummary,
    EntryView,
    LinkView,
    MatrixView,
    PackSummary,
    SectionView,
)


class ContentStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @classmethod
    def open(cls, path: Path) -> ContentStore:
        """Open a pack read-only; raises `PackError` with a user-facing reason if it is unusable."""
        return cls(open_pack_engine(path))

    def close(self) -> None:
        self._engine.dispose()

    def summary(self) -> PackSummary:
        with self._engine.connect() as connection:
            application_id = connection.execute(text("PRAGMA application_id")).scalar_one()
            schema_version = connection.execute(text("PRAGMA user_version")).scalar_one()
        with Session(self._engine) as session:
            info = session.scalars(select(m.PackInfo)).one()
            return PackSummary(
                title=info.title,
                edition=info.edition,
                content_hash=info.content_hash,
                builder_version=info.builder_version,
                schema_version=schema_version,
                application_id=application_id,
            )

    def study_types(self) -> dict[str, str]:
        with Session(self._engine) as session:
            rows = session.scalars(select(m.StudyType).order_by(m.StudyType.position))
            return {row.code: row.label for row in rows}

    def matrices(self) -> tuple[MatrixView, ...]:
        with Session(self._engine) as session:
            matrices = session.scalars(
                select(m.Matrix)
                .options(selectinload(m.Matrix.columns), selectinload(m.Matrix.rows))
                .order_by(m.Matrix.position)
            )
            return tuple(_matrix_view(matrix) for matrix in matrices)

    def cells(self, matrix: str) -> tuple[CellSummary, ...]:
        """All 25 cells of a matrix, row by row (A1, B1, ... E5)."""
        with Session(self._engine) as session:
            cells = session.scalars(
                _cell_query()
                .where(m.Matrix.key == matrix)
                .order_by(m.MatrixRow.position, m.MatrixColumn.position)
            )
            return tuple(_cell_summary(cell) for cell in cells)

    def cell_page(self, matrix: str, code: str) -> CellPage | None:
        """Everything shown on one cell page, or None if the pack has no such cell."""
        with Session(self._engine) as session:
            cell = session.scalars(
                _cell_query()
                .where(m.Matrix.key == matrix, m.Cell.code == code)
                .options(
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
            links = session.scalars(
                select(m.Link).where(m.Link.cell_id == cell.id).order_by(m.Link.id)
            )
            return CellPage(
                summary=_cell_summary(cell),
                intro_html=cell.intro_html,
                intro_text=cell.intro_text,
                entries=tuple(_entry_view(entry) for entry in cell.entries),
                sections=tuple(_section_view(section) for section in cell.sections),
                acknowledgement_html=cell.acknowledgement_html,
                acknowledgement_text=cell.acknowledgement_text,
                links=tuple(_link_view(link) for link in links),
            )

    def counts(self) -> dict[str, int]:
        """How much the pack holds, for `matrixdesk info`."""
        with Session(self._engine) as session:

            def count(*criteria: object, model: type[m.Base] = m.Cell) -> int:
                query = select(func.count()).select_from(model)
                return session.scalar(query.where(*criteria)) or 0  # type: ignore[arg-type]

            return {
                "matrices": count(model=m.Matrix),
                "cells": count(),
                "cells with content": count(m.Cell.has_content.is_(True)),
                "entries": count(model=m.Entry),
                "sections": count(model=m.Section),
            }


def _cell_query():
    return (
        select(m.Cell)
        .join(m.Cell.matrix)
        .join(m.Cell.column)
        .join(m.Cell.row)
        .options(selectinload(m.Cell.matrix), selectinload(m.Cell.column), selectinload(m.Cell.row))
    )


def _column_axis(column: m.MatrixColumn) -> Axis:
    return Axis(column.key, column.name, column.audience)


def _row_axis(row: m.MatrixRow) -> Axis:
    return Axis(row.key, row.name, row.course_title)


def _matrix_view(matrix: m.Matrix) -> MatrixView:
    return MatrixView(
        key=matrix.key,
        name=matrix.name,
        tagline=matrix.tagline,
        columns=tuple(_column_axis(column) for column in matrix.columns),
        rows=tuple(_row_axis(row) for row in matrix.rows),
    )


def _cell_summary(cell: m.Cell) -> CellSummary:
    return CellSummary(
        matrix=cell.matrix.key,
        code=cell.code,
        title=cell.title,
        headline=cell.headline,
        online_url=cell.online_url,
        has_content=cell.has_content,
        column=_column_axis(cell.column),
        row=_row_axis(cell.row),
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
