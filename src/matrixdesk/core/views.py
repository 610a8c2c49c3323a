"""Immutable view data handed from the core to the UI and command line: no ORM objects escape."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.core.addresses import Address


@dataclass(frozen=True, slots=True)
class Credit:
    """A line of the content's credits: a role ("Developed with") and the names it credits."""

    role: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PackSummary:
    title: str
    edition: str
    content_hash: str
    builder_version: str
    schema_version: int
    application_id: int
    seal: str
    """The verified seal, "sha256:<digest>"."""
    publisher: str | None
    """Who publishes the content, if the pack says."""
    credits: tuple[Credit, ...]


@dataclass(frozen=True, slots=True)
class Axis:
    """A column (intervention level) or row (intervention type) of a matrix."""

    key: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class MatrixView:
    key: str
    name: str
    tagline: str | None
    columns: tuple[Axis, ...]
    rows: tuple[Axis, ...]


@dataclass(frozen=True, slots=True)
class CellSummary:
    matrix: str
    code: str
    title: str
    headline: str | None
    online_url: str
    has_content: bool
    column: Axis
    row: Axis

    @property
    def address(self) -> Address:
        return Address(self.matrix, self.code)


@dataclass(frozen=True, slots=True)
class EntryView:
    slug: str
    types: tuple[str, ...]
    headline: str
    byline: str | None
    annotation: tuple[BlockView, ...]
    """Paragraphs, lists and quotations (a paragraph as its inline HTML)."""
    annotation_text: str
    document_url: str | None
    document_slug: str | None
    """The document in this pack the study links to (opened in the app), if any."""
    document_title: str | None
    note: str | None
    search_query: str | None
    discussed_in: tuple[str, ...]
    """Slugs of the Matrix Bite headings its "For discussion" links point at, in link order."""


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str
    title: str | None
    html: str
    """For a paragraph its inline HTML, to go inside a <p>; any other block whole."""
    text: str


@dataclass(frozen=True, slots=True)
class SectionView:
    slug: str
    title: str
    level: int
    parent_slug: str | None
    blocks: tuple[BlockView, ...]


@dataclass(frozen=True, slots=True)
class CellPage:
    summary: CellSummary
    intro_html: str | None
    intro_text: str | None
    entries: tuple[EntryView, ...]
    sections: tuple[SectionView, ...]
    acknowledgement_html: str | None
    acknowledgement_text: str | None


@dataclass(frozen=True, slots=True)
class CitingEntry:
    """A study that links to a document, and where it is listed."""

    address: str
    headline: str
    cell_title: str


@dataclass(frozen=True, slots=True)
class DocumentPart:
    heading: str
    html: str
    text: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    slug: str
    title: str
    authors: str | None
    source: str | None
    year: str | None
    original_url: str | None
    parts: tuple[DocumentPart, ...]
    """Summary, key points and commentary, those the document has, in that order."""
    cited_by: tuple[CitingEntry, ...]
