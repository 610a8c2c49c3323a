"""The rows of a pack, added through the ORM in one fixed order so the same sources always give
the same ids, and so the same bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from matrixdesk.authoring.compiled import (
    Compiled,
    CompiledCell,
    CompiledDocument,
    CompiledEntry,
    CompiledSection,
)
from matrixdesk.authoring.render import PlacedLink, Rendered
from matrixdesk.authoring.search_rows import SearchRows
from matrixdesk.authoring.sources import ContentSources
from matrixdesk.core import models as m
from matrixdesk.core.addresses import Address, DocumentAddress
from matrixdesk.core.schema import STUDY_TYPES

# Links found while adding rows: (where the link sits, the row it sits in, the link). They are
# resolved to row ids once every cell and document exists.
_Pending = list[tuple[str, m.Base | None, PlacedLink]]


@dataclass
class _CellRows:
    """One cell's rows, kept by slug until every cell exists and links can be resolved."""

    cell: m.Cell
    entries: dict[str, m.Entry] = field(default_factory=dict)
    sections: dict[str, m.Section] = field(default_factory=dict)
    pending_links: _Pending = field(default_factory=list)


_Axes = dict[str, tuple[m.Matrix, dict[str, m.MatrixColumn], dict[str, m.MatrixRow]]]


class PackRows:
    """Adds every row in one fixed order, so the same sources always give the same ids and bytes."""

    def __init__(self, session: Session, content: ContentSources, compiled: Compiled) -> None:
        self.session = session
        self.content = content
        self.compiled = compiled
        self.search = SearchRows()
        self.documents: dict[str, m.Document] = {}

    def add_all(self, info: m.PackInfo) -> None:
        session = self.session
        session.add(info)
        assert self.content.pack is not None, "the compiler writes only sources without problems"
        session.add_all(
            m.CreditLine(position=position, role=credit.role, name=name)
            for position, (credit, name) in enumerate(
                (credit, name) for credit in self.content.pack.credits for name in credit.names
            )
        )
        session.add_all(
            m.StudyType(code=code, label=label, position=i)
            for i, (code, label) in enumerate(STUDY_TYPES.items())
        )
        axes = self._add_matrices()
        # Documents come before cells, which point at them; their search rows come after the
        # cells', so that the index's own order puts the matrices' content first.
        document_links = [self._add_document(document) for document in self.compiled.documents]
        cell_rows = [self._add_cell(cell, axes) for cell in self.compiled.cells]
        for document in self.compiled.documents:
            self._index_document(document)
        session.flush()
        by_code = {(rows.cell.matrix.key, rows.cell.code): rows.cell for rows in cell_rows}
        for rows in cell_rows:
            session.add_all(self._links(rows.pending_links, by_code, rows))
        for pending in document_links:
            session.add_all(self._links(pending, by_code, None))
        session.flush()
        self.search.write(session.connection())

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

    def _add_document(self, compiled: CompiledDocument) -> _Pending:
        source = compiled.source
        document = m.Document(
            slug=source.slug,
            title=source.title,
            authors=source.authors,
            source=source.source,
            year=source.year,
            original_url=source.original_url,
            summary_html=_html(compiled.summary),
            summary_text=_text(compiled.summary),
            key_points_html=_html(compiled.key_points),
            key_points_text=_text(compiled.key_points),
            commentary_html=_html(compiled.commentary),
            commentary_text=_text(compiled.commentary),
        )
        self.session.add(document)
        self.documents[source.slug] = document
        return [("document", document, link) for link in compiled.links]

    def _index_document(self, compiled: CompiledDocument) -> None:
        source = compiled.source
        byline = ", ".join(part for part in (source.authors, source.source, source.year) if part)
        body = " ".join(part.text for part in compiled.parts if part)
        self.search.add("document", source.title, f"{byline} {body}", DocumentAddress(source.slug))

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
        # The title is what a result shows as its title; the headline opens the body, where a
        # result's snippet shows it.
        body = "\n".join(part for part in (source.headline, _text(cell.intro)) if part)
        self.search.add("cell", f"{source.code} {source.title}", body, address)
        rows_out.pending_links += [("intro", None, link) for link in _links_of(cell.intro)]
        for compiled in cell.entries:
            self._add_entry(rows_out, compiled, address)
        for compiled_section in cell.sections:
            self._add_section(rows_out, compiled_section, address)
        for compiled in cell.entries:
            entry = rows_out.entries[compiled.source.slug]
            entry.discussions = [
                m.EntryDiscussion(position=i, section=rows_out.sections[slug])
                for i, slug in enumerate(compiled.discussed_in)
            ]
        if cell.acknowledgement:
            self.search.add("commentary", "Acknowledgements", cell.acknowledgement.text, address)
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
            annotation=[
                m.AnnotationBlock(position=i, kind=b.kind, html=b.stored_html, text=b.text)
                for i, b in enumerate(compiled.annotation.blocks)
            ],
            annotation_text=compiled.annotation.text,
            document_url=source.document_url,
            document=self.documents.get(source.document_slug or ""),
            note=source.note,
            search_query=source.search_query,
            types=[m.EntryType(type_code=code, position=i) for i, code in enumerate(source.types)],
        )
        rows.cell.entries.append(entry)
        rows.entries[source.slug] = entry
        rows.pending_links += [("entry", entry, link) for link in compiled.annotation.links]
        title = "" if source.search_query else source.headline
        if source.byline:
            title += f" ({source.byline})"
        address = Address(cell.matrix, cell.cell, entry=source.slug)
        self.search.add("entry", title, compiled.annotation.text, address, types=source.types)

    def _add_section(self, rows: _CellRows, compiled: CompiledSection, cell: Address) -> None:
        source = compiled.source
        blocks = [
            m.Block(position=i, kind=b.kind, title=b.title, html=b.stored_html, text=b.text)
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
        for index, block in enumerate(blocks):
            title = f"{source.title} {block.title or ''}"
            self.search.add(
                "commentary", title, block.text, address, block=f"{source.slug}/{index}"
            )
        rows.pending_links += [("block", blocks[link.block], link) for link in compiled.body.links]

    def _links(
        self,
        pending: _Pending,
        by_code: dict[tuple[str, str], m.Cell],
        rows: _CellRows | None,
    ) -> list[m.Link]:
        """Link rows for links found in a cell (`rows`) or in a document."""
        links = []
        for origin, holder, placed in pending:
            target = placed.target
            link = m.Link(
                cell_id=rows.cell.id if rows else None,
                origin=origin,
                origin_id=getattr(holder, "id", None),
                text=target.text,
                address=target.address,
            )
            target_cell = by_code.get((target.matrix or "", target.cell or ""))
            if target.kind == "cell" and target_cell is not None:
                link.target_cell_id = target_cell.id
            elif target.kind == "document":
                link.target_document_id = self.documents[target.slug or ""].id
            elif target.kind == "entry" and rows:
                link.target_entry_id = rows.entries[target.slug or ""].id
            elif target.kind == "section" and rows:
                link.target_section_id = rows.sections[target.slug or ""].id
            links.append(link)
        return links


def _links_of(rendered: Rendered | None) -> tuple[PlacedLink, ...]:
    return rendered.links if rendered else ()


def _html(rendered: Rendered | None) -> str | None:
    return rendered.html if rendered else None


def _text(rendered: Rendered | None) -> str | None:
    return rendered.text if rendered else None
