"""SQLAlchemy tables of a content pack.

The compiler writes these; the reader only ever queries them through `ContentStore`, which turns
rows into frozen view objects. People and user data refer to rows by stable keys (matrix key, cell
code, entry and section slugs); the integer ids are private to one pack.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class PackInfo(Base):
    """The single metadata row: what this pack is and how it was made."""

    __tablename__ = "pack_info"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    edition: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text)
    builder_version: Mapped[str] = mapped_column(Text)
    # SHA-256 of the whole file, written in last (`core.seal`): checked before a pack is read.
    seal: Mapped[str] = mapped_column(Text)
    # Who publishes the content (shown in About); the credits are in `credits`.
    publisher: Mapped[str | None] = mapped_column(Text)
    # The publisher's signature of the seal, written after it and read by the seal as zeros
    # (`core.seal`); all zeros in an unsigned pack. Format 4 on.
    signature: Mapped[str] = mapped_column(Text)


class CreditLine(Base):
    """A name the content's web pages credit, under its role ("Developed with"), in page order."""

    __tablename__ = "credits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)


class StudyType(Base):
    __tablename__ = "study_types"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class Matrix(Base):
    __tablename__ = "matrices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    tagline: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)

    columns: Mapped[list[MatrixColumn]] = relationship(order_by="MatrixColumn.position")
    rows: Mapped[list[MatrixRow]] = relationship(order_by="MatrixRow.position")


class MatrixColumn(Base):
    """A column A-E: the intervention level."""

    __tablename__ = "matrix_columns"
    __table_args__ = (UniqueConstraint("matrix_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matrix_id: Mapped[int] = mapped_column(ForeignKey("matrices.id"))
    key: Mapped[str] = mapped_column(String(1))
    name: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class MatrixRow(Base):
    """A row 1-5: the intervention type, with the title of its Matrix Bites course."""

    __tablename__ = "matrix_rows"
    __table_args__ = (UniqueConstraint("matrix_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matrix_id: Mapped[int] = mapped_column(ForeignKey("matrices.id"))
    key: Mapped[str] = mapped_column(String(1))
    name: Mapped[str] = mapped_column(Text)
    course_title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class Cell(Base):
    __tablename__ = "cells"
    __table_args__ = (UniqueConstraint("matrix_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matrix_id: Mapped[int] = mapped_column(ForeignKey("matrices.id"))
    column_id: Mapped[int] = mapped_column(ForeignKey("matrix_columns.id"))
    row_id: Mapped[int] = mapped_column(ForeignKey("matrix_rows.id"))
    code: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    online_url: Mapped[str] = mapped_column(Text)
    # False for cells whose pages the pack knows only by title: the reader says so honestly.
    has_content: Mapped[bool]
    intro_html: Mapped[str | None] = mapped_column(Text)
    intro_text: Mapped[str | None] = mapped_column(Text)
    acknowledgement_html: Mapped[str | None] = mapped_column(Text)
    acknowledgement_text: Mapped[str | None] = mapped_column(Text)

    matrix: Mapped[Matrix] = relationship()
    column: Mapped[MatrixColumn] = relationship()
    row: Mapped[MatrixRow] = relationship()
    entries: Mapped[list[Entry]] = relationship(order_by="Entry.position")
    sections: Mapped[list[Section]] = relationship(order_by="Section.position")


class Document(Base):
    """An Effectiveness Bank analysis or other document carried in the pack, opened in the app."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    authors: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    year: Mapped[str | None] = mapped_column(Text)
    original_url: Mapped[str | None] = mapped_column(Text)
    summary_html: Mapped[str | None] = mapped_column(Text)
    summary_text: Mapped[str | None] = mapped_column(Text)
    key_points_html: Mapped[str | None] = mapped_column(Text)
    key_points_text: Mapped[str | None] = mapped_column(Text)
    commentary_html: Mapped[str | None] = mapped_column(Text)
    commentary_text: Mapped[str | None] = mapped_column(Text)


class Entry(Base):
    """One line of a cell's study list; the final `more` entry carries a stored search instead."""

    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("cell_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id"))
    slug: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    headline: Mapped[str] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    annotation_text: Mapped[str] = mapped_column(Text)
    document_url: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    note: Mapped[str | None] = mapped_column(Text)
    search_query: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document | None] = relationship()
    annotation: Mapped[list[AnnotationBlock]] = relationship(order_by="AnnotationBlock.position")
    types: Mapped[list[EntryType]] = relationship(order_by="EntryType.position")
    discussions: Mapped[list[EntryDiscussion]] = relationship(order_by="EntryDiscussion.position")


class AnnotationBlock(Base):
    """A paragraph, list or quotation of a study's annotation (a paragraph as its inline HTML:
    the page sets the study's lead before the first)."""

    __tablename__ = "annotation_blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    html: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class EntryType(Base):
    __tablename__ = "entry_types"

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("study_types.code"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class Section(Base):
    """A heading of the Matrix Bite; sub-sections point at their parent."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("cell_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"))
    slug: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)

    parent: Mapped[Section | None] = relationship(remote_side=[id])
    blocks: Mapped[list[Block]] = relationship(order_by="Block.position")


class Block(Base):
    """A paragraph, quotation, pull quote, panel, list or folded ("extra"/"supplementary") text;
    a paragraph is kept as its inline HTML, any other block whole."""

    __tablename__ = "blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class EntryDiscussion(Base):
    """A "For discussion" link from an entry to a Matrix Bite heading that discusses it."""

    __tablename__ = "entry_discussions"

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"))

    section: Mapped[Section] = relationship()


class Link(Base):
    """Every link written in the content, resolved at build time to what it points at."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("cells.id"))
    # Where the link sits: "intro", "entry", "block", "acknowledgement" (with that row's id) or
    # "document" (with the document's id; cell_id is then null).
    origin: Mapped[str] = mapped_column(String(16))
    origin_id: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    target_cell_id: Mapped[int | None] = mapped_column(ForeignKey("cells.id"))
    target_entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    target_section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"))
    target_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
