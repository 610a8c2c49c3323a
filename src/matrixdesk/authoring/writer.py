"""Writing compiled content to a pack: deterministic bytes, written aside, renamed on success."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from matrixdesk.authoring.compiled import CompiledCell, CompiledEntry, CompiledSection
from matrixdesk.authoring.render import PlacedLink, Rendered
from matrixdesk.authoring.sources import ContentSources
from matrixdesk.core import models as m
from matrixdesk.core.addresses import Address
from matrixdesk.core.schema import APPLICATION_ID, SCHEMA_VERSION, SEARCH_INDEX_DDL, STUDY_TYPES


def write_pack(
    content: ContentSources,
    cells: list[CompiledCell],
    content_hash: str,
    builder_version: str,
    out: Path,
) -> None:
    """Write the pack to a temporary file beside `out`, then rename it over `out` in one step."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _temporary_beside(out) as temporary:
        engine = create_engine(f"sqlite:///{temporary}")
        m.Base.metadata.create_all(engine)
        with Session(engine) as session:
            assert content.pack is not None, "the compiler writes only sources without problems"
            info = m.PackInfo(
                id=1,
                title=content.pack.title,
                edition=content.pack.edition,
                content_hash=content_hash,
                builder_version=builder_version,
            )
            _PackRows(session, content, cells).add_all(info)
            session.commit()
        engine.dispose()
        _finish(temporary)
        # mkstemp makes the file private (0600); a pack is installed for every user to read.
        temporary.chmod(0o666 & ~_current_umask())
        temporary.replace(out)


@contextlib.contextmanager
def _temporary_beside(out: Path) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _finish(path: Path) -> None:
    """Stamp the file, compact the search index and rewrite the file in canonical page order."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("VACUUM")
    finally:
        connection.close()
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


@dataclass
class _CellRows:
    """One cell's rows, kept by slug until every cell exists and links can be resolved."""

    cell: m.Cell
    entries: dict[str, m.Entry] = field(default_factory=dict)
    sections: dict[str, m.Section] = field(default_factory=dict)
    # (where the link sits, the row it sits in, the link); resolved once all cells are added.
    pending_links: list[tuple[str, m.Base | None, PlacedLink]] = field(default_factory=list)


_Axes = dict[str, tuple[m.Matrix, dict[str, m.MatrixColumn], dict[str, m.MatrixRow]]]


class _PackRows:
    """Adds every row in one fixed order, so the same sources always give the same ids and bytes."""

    def __init__(
        self, session: Session, content: ContentSources, cells: list[CompiledCell]
    ) -> None:
        self.session = session
        self.content = content
        self.cells = cells
        self.search_rows: list[dict[str, str]] = []

    def add_all(self, info: m.PackInfo) -> None:
        session = self.session
        session.add(info)
        session.add_all(
            m.StudyType(code=code, label=label, position=i)
            for i, (code, label) in enumerate(STUDY_TYPES.items())
        )
        axes = self._add_matrices()
        cell_rows = [self._add_cell(cell, axes) for cell in self.cells]
        session.flush()
        by_code = {(rows.cell.matrix.key, rows.cell.code): rows for rows in cell_rows}
        for rows in cell_rows:
            session.add_all(self._links(rows, by_code))
        session.flush()
        connection = session.connection()
        connection.exec_driver_sql(SEARCH_INDEX_DDL)
        connection.exec_driver_sql(
            "INSERT INTO search_index (title, body, kind, address, matrix, cell) "
            "VALUES (:title, :body, :kind, :address, :matrix, :cell)",
            self.search_rows,
        )

    def _add_matrices(self) -> _Axes:
        axes: _Axes = {}
        for source in sorted(self.content.matrices, key=lambda s: (s.position, s.key)):
            columns = {
                a.key: m.MatrixColumn(key=a.key, name=a.name, audience=a.description, position=i)
                for i, a in enumerate(source.columns)
            }
            rows = {
                a.key: m.MatrixRow(key=a.key, name=a.name, course_title=a.description, position=i)
                for i, a in enumerate(source.rows)
            }
            matrix = m.Matrix(
                key=source.key,
                name=source.name,
                tagline=source.tagline,
                position=source.position,
                columns=list(columns.values()),
                rows=list(rows.values()),
            )
            self.session.add(matrix)
            axes[source.key] = (matrix, columns, rows)
        return axes

    def _add_cell(self, cell: CompiledCell, axes: _Axes) -> _CellRows:
        source = cell.source
        matrix, columns, rows = axes[source.matrix]
        rows_out = _CellRows(
            m.Cell(
                matrix=matrix,
                column=columns[source.code[0]],
                row=rows[source.code[1]],
                code=source.code,
                title=source.title,
                headline=source.headline,
                online_url=source.online_url,
                has_content=source.has_content,
                intro_html=_html(cell.intro),
                intro_text=_text(cell.intro),
                acknowledgement_html=_html(cell.acknowledgement),
                acknowledgement_text=_text(cell.acknowledgement),
            )
        )
        self.session.add(rows_out.cell)
        address = Address(source.matrix, source.code)
        self._index(
            "cell", f"{source.code} {source.title} {source.headline or ''}", cell.intro, address
        )
        rows_out.pending_links += [("intro", None, link) for link in _links_of(cell.intro)]
        for compiled in cell.entries:
            self._add_entry(rows_out, compiled, address)
        for compiled in cell.sections:
            self._add_section(rows_out, compiled, address)
        for compiled in cell.entries:
            entry = rows_out.entries[compiled.source.slug]
            entry.discussions = [
                m.EntryDiscussion(position=i, section=rows_out.sections[slug])
                for i, slug in enumerate(compiled.discussed_in)
            ]
        if cell.acknowledgement:
            self._index("commentary", "Acknowledgements", cell.acknowledgement, address)
            rows_out.pending_links += [
                ("acknowledgement", None, link) for link in cell.acknowledgement.links
            ]
        return rows_out

    def _add_entry(self, rows: _CellRows, compiled: CompiledEntry, cell: Address) -> None:
        source = compiled.source
        entry = m.Entry(
            slug=source.slug,
            position=len(rows.entries),
            headline=source.headline,
            byline=source.byline,
            annotation_html=compiled.annotation.html,
            annotation_text=compiled.annotation.text,
            document_url=source.document_url,
            note=source.note,
            search_query=source.search_query,
            types=[m.EntryType(type_code=code, position=i) for i, code in enumerate(source.types)],
        )
        rows.cell.entries.append(entry)
        rows.entries[source.slug] = entry
        rows.pending_links += [("entry", entry, link) for link in compiled.annotation.links]
        title = "" if source.search_query else f"{source.headline} {source.byline or ''}"
        self._index(
            "entry", title, compiled.annotation, Address(cell.matrix, cell.cell, entry=source.slug)
        )

    def _add_section(self, rows: _CellRows, compiled: CompiledSection, cell: Address) -> None:
        source = compiled.source
        blocks = [
            m.Block(position=i, kind=b.kind, title=b.title, html=b.html, text=b.text)
            for i, b in enumerate(compiled.body.blocks)
        ]
        section = m.Section(
            slug=source.slug,
            position=len(rows.sections),
            level=source.level,
            title=source.title,
            parent=rows.sections.get(source.parent_slug or ""),
            blocks=blocks,
        )
        rows.cell.sections.append(section)
        rows.sections[source.slug] = section
        address = Address(cell.matrix, cell.cell, section=source.slug)
        for block, rendered in zip(blocks, compiled.body.blocks, strict=True):
            self._index("commentary", f"{source.title} {block.title or ''}", rendered.text, address)
        rows.pending_links += [("block", blocks[link.block], link) for link in compiled.body.links]

    def _links(self, rows: _CellRows, by_code: dict[tuple[str, str], _CellRows]) -> list[m.Link]:
        links = []
        for origin, holder, placed in rows.pending_links:
            target = placed.target
            link = m.Link(
                cell_id=rows.cell.id,
                origin=origin,
                origin_id=getattr(holder, "id", None),
                text=target.text,
                address=target.address,
            )
            target_rows = by_code.get((target.matrix or "", target.cell or ""))
            if target.kind == "cell" and target_rows:
                link.target_cell_id = target_rows.cell.id
            elif target.kind == "entry":
                link.target_entry_id = rows.entries[target.slug or ""].id
            elif target.kind == "section":
                link.target_section_id = rows.sections[target.slug or ""].id
            links.append(link)
        return links

    def _index(self, kind: str, title: str, body: Rendered | str | None, address: Address) -> None:
        text = body.text if isinstance(body, Rendered) else (body or "")
        self.search_rows.append(
            {
                "title": " ".join(title.split()),
                "body": text,
                "kind": kind,
                "address": str(address),
                "matrix": address.matrix,
                "cell": address.cell or "",
            }
        )


def _links_of(rendered: Rendered | None) -> tuple[PlacedLink, ...]:
    return rendered.links if rendered else ()


def _html(rendered: Rendered | None) -> str | None:
    return rendered.html if rendered else None


def _text(rendered: Rendered | None) -> str | None:
    return rendered.text if rendered else None
