"""What the reader of content sources produces: plain data, before rendering and cross-checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from matrixdesk.core.views import Credit


@dataclass(frozen=True, slots=True)
class Fragment:
    """A run of Markdown lines from one file, remembering where it starts for line numbers."""

    path: Path
    lines: tuple[str, ...]
    first_line: int

    @property
    def is_blank(self) -> bool:
        return not any(line.strip() for line in self.lines)

    def line_of(self, needle: str, occurrence: int = 0) -> int:
        """File line of the `occurrence`-th line containing `needle` (else the first line)."""
        seen = 0
        for offset, line in enumerate(self.lines):
            if needle in line:
                if seen == occurrence:
                    return self.first_line + offset
                seen += 1
        return self.first_line


@dataclass(frozen=True, slots=True)
class AxisSource:
    key: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class MatrixSource:
    path: Path
    key: str
    name: str
    tagline: str | None
    position: int
    columns: tuple[AxisSource, ...]
    rows: tuple[AxisSource, ...]


@dataclass(frozen=True, slots=True)
class EntrySource:
    line: int
    slug: str
    types: tuple[str, ...]
    headline: str
    byline: str | None
    document_url: str | None
    document_slug: str | None
    document_line: int
    note: str | None
    search_query: str | None
    annotation: Fragment


@dataclass(frozen=True, slots=True)
class SectionSource:
    line: int
    slug: str
    title: str
    level: int
    parent_slug: str | None
    body: Fragment


@dataclass(frozen=True, slots=True)
class CellSource:
    path: Path
    matrix: str
    code: str
    code_line: int
    title: str
    headline: str | None
    online_url: str
    intro: Fragment | None = None
    entries: tuple[EntrySource, ...] = ()
    sections: tuple[SectionSource, ...] = ()
    acknowledgement: Fragment | None = None

    @property
    def has_content(self) -> bool:
        return bool(self.intro or self.entries or self.sections)


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """An Effectiveness Bank analysis or other document carried in the pack."""

    path: Path
    slug: str
    title: str
    authors: str | None
    source: str | None
    year: str | None
    original_url: str | None
    summary: Fragment | None
    key_points: Fragment | None
    commentary: Fragment | None


@dataclass(frozen=True, slots=True)
class PackSource:
    path: Path
    title: str
    edition: str
    publisher: str | None = None
    credits: tuple[Credit, ...] = ()


@dataclass
class ContentSources:
    """Everything read from one source folder."""

    pack: PackSource | None = None
    matrices: list[MatrixSource] = field(default_factory=list)
    cells: list[CellSource] = field(default_factory=list)
    documents: list[DocumentSource] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
