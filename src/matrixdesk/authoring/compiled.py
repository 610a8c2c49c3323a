"""Sources rendered to HTML blocks and cross-checked: what the pack writer turns into rows."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from matrixdesk.authoring.link_titles import LinkTitles
from matrixdesk.authoring.markdown_ext import CONTAINER_KINDS
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.render import FragmentRenderer, PlacedLink, Rendered
from matrixdesk.authoring.sources import (
    CellSource,
    ContentSources,
    DocumentSource,
    EntrySource,
    Fragment,
    SectionSource,
)
from matrixdesk.core.schema import ANNOTATION_BLOCK_KINDS, COLUMN_KEYS, ROW_KEYS

_EMPTY = Rendered((), ())


@dataclass(frozen=True, slots=True)
class CompiledEntry:
    source: EntrySource
    annotation: Rendered

    @property
    def annotation_line(self) -> int:
        """The annotation's first line with words on it, for messages about it."""
        fragment = self.source.annotation
        return next(
            (fragment.first_line + i for i, line in enumerate(fragment.lines) if line.strip()),
            self.source.line,
        )

    @property
    def discussed_in(self) -> tuple[str, ...]:
        """Matrix Bite headings this study's "For discussion" links point at, in order."""
        return tuple(
            link.target.slug or ""
            for link in self.annotation.links
            if link.target.kind == "section"
        )


@dataclass(frozen=True, slots=True)
class CompiledSection:
    source: SectionSource
    body: Rendered


@dataclass(frozen=True, slots=True)
class CompiledCell:
    source: CellSource
    intro: Rendered | None
    entries: tuple[CompiledEntry, ...]
    sections: tuple[CompiledSection, ...]
    acknowledgement: Rendered | None


@dataclass(frozen=True, slots=True)
class CompiledDocument:
    source: DocumentSource
    summary: Rendered | None
    key_points: Rendered | None
    commentary: Rendered | None

    @property
    def parts(self) -> tuple[Rendered | None, ...]:
        return (self.summary, self.key_points, self.commentary)

    @property
    def links(self) -> list[PlacedLink]:
        return [link for part in self.parts if part for link in part.links]


@dataclass(frozen=True, slots=True)
class Compiled:
    cells: list[CompiledCell]
    documents: list[CompiledDocument]


@dataclass(frozen=True, slots=True)
class _Known:
    """What links may point at: for the whole pack, and (while checking one cell) in that cell."""

    cells: dict[tuple[str, str], set[str]]
    """Every cell, with the slugs of its Matrix Bite headings (for `cell:A4#slug` links)."""
    documents: set[str]
    entries: frozenset[str] | set[str] = frozenset()
    sections: frozenset[str] | set[str] = frozenset()

    @property
    def matrices(self) -> set[str]:
        return {matrix for matrix, _ in self.cells}


def compile_content(content: ContentSources, problems: ProblemLog) -> Compiled:
    """Render every cell and document and report everything that does not fit together."""
    renderer = FragmentRenderer(LinkTitles(content))
    # Document slugs are file names, so they are unique.
    known = _Known(
        {
            key: {section.slug for section in cell.sections}
            for key, cell in _check_cell_set(content, problems).items()
        },
        {d.slug for d in content.documents},
    )

    def render(fragment: Fragment | None, matrix: str = "", code: str = "") -> Rendered | None:
        return None if fragment is None else renderer.render(fragment, matrix, code, problems)

    documents = []
    for document in content.documents:
        compiled_document = CompiledDocument(
            document,
            render(document.summary),
            render(document.key_points),
            render(document.commentary),
        )
        _check_links(document.path, compiled_document.links, known, problems)
        documents.append(compiled_document)
    cells = []
    for cell in content.cells:
        where = (cell.matrix, cell.code)
        compiled = CompiledCell(
            source=cell,
            intro=render(cell.intro, *where),
            entries=tuple(
                CompiledEntry(e, render(e.annotation, *where) or _EMPTY) for e in cell.entries
            ),
            sections=tuple(
                CompiledSection(s, render(s.body, *where) or _EMPTY) for s in cell.sections
            ),
            acknowledgement=render(cell.acknowledgement, *where),
        )
        _check_cell(compiled, known, problems)
        cells.append(compiled)
    return Compiled(cells, documents)


def all_links(cell: CompiledCell) -> list[PlacedLink]:
    parts = [
        cell.intro,
        cell.acknowledgement,
        *(e.annotation for e in cell.entries),
        *(s.body for s in cell.sections),
    ]
    return [link for part in parts if part for link in part.links]


def _check_cell_set(
    content: ContentSources, problems: ProblemLog
) -> dict[tuple[str, str], CellSource]:
    """Valid, unique cell codes, each in the file named after it; every matrix complete. Returns
    the cells found, by (matrix, code)."""
    valid_codes = {column + row for column in COLUMN_KEYS for row in ROW_KEYS}
    seen: dict[tuple[str, str], CellSource] = {}
    for cell in content.cells:
        key = (cell.matrix, cell.code)
        if cell.code not in valid_codes:
            problems.add(
                cell.path,
                cell.code_line,
                f"unknown cell code '{cell.code}' "
                "(cells are A1 to E5: a column letter A-E, then a row 1-5)",
            )
        elif cell.path.stem != cell.code:
            problems.add(
                cell.path,
                cell.code_line,
                f"this file says it is cell {cell.code}, but a cell's file is named after its "
                f"code: correct the code, or rename the file {cell.code}.md",
            )
        elif key in seen:
            problems.add(
                cell.path,
                cell.code_line,
                f"cell {cell.code} is already defined in {seen[key].path.name}",
            )
        else:
            seen[key] = cell
    for matrix in content.matrices:
        for code in sorted(valid_codes - {code for m, code in seen if m == matrix.key}):
            if (matrix.path.parent / f"{code}.md").exists():
                continue  # its file is there, with problems of its own (reported already)
            problems.add(
                matrix.path,
                1,
                f"the {matrix.key} matrix has no file for cell {code} "
                f"(add {code}.md beside this file)",
            )
    return seen


def _check_cell(cell: CompiledCell, known: _Known, problems: ProblemLog) -> None:
    path = cell.source.path
    here = replace(
        known,
        entries=_unique_slugs(
            path, [(e.source.slug, e.source.line) for e in cell.entries], "study", problems
        ),
        sections=_unique_slugs(
            path, [(s.source.slug, s.source.line) for s in cell.sections], "heading", problems
        ),
    )
    for entry in cell.entries:
        _check_annotation(entry, path, problems)
        slug = entry.source.document_slug
        if slug and slug not in known.documents:
            problems.add(
                path,
                entry.source.document_line,
                f"document 'doc:{slug}' is not in this pack "
                f"(documents: {_listing(known.documents)})",
            )
    _check_links(path, all_links(cell), here, problems)


def _check_annotation(entry: CompiledEntry, path: Path, problems: ProblemLog) -> None:
    """What a study's annotation may hold: what the page can set its lead before or above."""
    for block in entry.annotation.blocks:
        if block.kind not in ANNOTATION_BLOCK_KINDS:
            what = f"a '{block.kind}' container" if block.kind in CONTAINER_KINDS else "this"
            problems.add(
                path,
                entry.annotation_line,
                f"study '{entry.source.headline}': {what} cannot be part of a study's "
                "annotation, which holds paragraphs, lists and quotations (pull quotes, panels "
                "and folded text belong in the Matrix Bite)",
            )


def _check_links(path: Path, links: list[PlacedLink], known: _Known, problems: ProblemLog) -> None:
    for link in links:
        target = link.target
        if target.kind == "cell" and target.matrix not in known.matrices:
            problems.add(
                path,
                link.line,
                f"link to '{target.href}': there is no matrix '{target.matrix}' "
                f"(matrices: {_listing(known.matrices)})",
            )
        elif target.kind == "cell" and (target.matrix, target.cell) not in known.cells:
            problems.add(
                path,
                link.line,
                f"link to unknown cell '{target.href}' "
                f"(no such cell in the {target.matrix} matrix)",
            )
        elif target.kind == "cell" and target.slug:
            headings = known.cells[(target.matrix or "", target.cell or "")]
            if target.slug not in headings:
                problems.add(
                    path,
                    link.line,
                    f"link to missing heading '{target.href}' "
                    f"(headings in cell {target.cell}: {_listing(headings)})",
                )
        elif target.kind == "document" and target.slug not in known.documents:
            problems.add(
                path,
                link.line,
                f"link to missing document '{target.href}' "
                f"(documents: {_listing(known.documents)})",
            )
        elif target.kind == "entry" and target.slug not in known.entries:
            problems.add(
                path,
                link.line,
                f"link to missing study '{target.href}' (studies here: {_listing(known.entries)})",
            )
        elif target.kind == "section" and target.slug not in known.sections:
            problems.add(
                path,
                link.line,
                f"link to missing heading '{target.href}' "
                f"(headings here: {_listing(known.sections)})",
            )


def _unique_slugs(
    path: Path, slugs: list[tuple[str, int]], what: str, problems: ProblemLog
) -> set[str]:
    seen: dict[str, int] = {}
    for slug, line in slugs:
        if slug in seen:
            problems.add(
                path, line, f"duplicate {what} slug '{slug}' (also used on line {seen[slug]})"
            )
        elif slug:
            seen[slug] = line
    return set(seen)


def _listing(slugs: Collection[str]) -> str:
    return ", ".join(sorted(slugs)) or "none"
