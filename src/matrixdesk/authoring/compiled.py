"""Sources rendered to HTML blocks and cross-checked: what the pack writer turns into rows."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.render import FragmentRenderer, PlacedLink, Rendered
from matrixdesk.authoring.sources import (
    CellSource,
    ContentSources,
    EntrySource,
    Fragment,
    SectionSource,
)
from matrixdesk.core.schema import COLUMN_KEYS, ROW_KEYS

_EMPTY = Rendered((), ())


@dataclass(frozen=True, slots=True)
class CompiledEntry:
    source: EntrySource
    annotation: Rendered

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


def compile_cells(content: ContentSources, problems: ProblemLog) -> list[CompiledCell]:
    """Render every cell and report everything that does not fit together, in one pass."""
    renderer = FragmentRenderer()
    known_cells = _check_cell_set(content, problems)
    compiled = []
    for cell in content.cells:

        def render(fragment: Fragment | None, cell: CellSource = cell) -> Rendered | None:
            return (
                None
                if fragment is None
                else renderer.render(fragment, cell.matrix, cell.code, problems)
            )

        result = CompiledCell(
            source=cell,
            intro=render(cell.intro),
            entries=tuple(CompiledEntry(e, render(e.annotation) or _EMPTY) for e in cell.entries),
            sections=tuple(CompiledSection(s, render(s.body) or _EMPTY) for s in cell.sections),
            acknowledgement=render(cell.acknowledgement),
        )
        _check_cell_links(result, known_cells, problems)
        compiled.append(result)
    return compiled


def all_links(cell: CompiledCell) -> list[PlacedLink]:
    parts = [
        cell.intro,
        cell.acknowledgement,
        *(e.annotation for e in cell.entries),
        *(s.body for s in cell.sections),
    ]
    return [link for part in parts if part for link in part.links]


def _check_cell_set(content: ContentSources, problems: ProblemLog) -> set[tuple[str, str]]:
    """Valid, unique cell codes; every matrix complete. Returns the (matrix, code) pairs found."""
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
            problems.add(
                matrix.path,
                1,
                f"the {matrix.key} matrix has no file for cell {code} "
                f"(add {code}.md beside this file)",
            )
    return set(seen)


def _check_cell_links(
    cell: CompiledCell, known_cells: set[tuple[str, str]], problems: ProblemLog
) -> None:
    path = cell.source.path
    entry_slugs = _unique_slugs(
        path, [(e.source.slug, e.source.line) for e in cell.entries], "study", problems
    )
    section_slugs = _unique_slugs(
        path, [(s.source.slug, s.source.line) for s in cell.sections], "heading", problems
    )
    for link in all_links(cell):
        target = link.target
        if target.kind == "cell" and (target.matrix, target.cell) not in known_cells:
            problems.add(
                path,
                link.line,
                f"link to unknown cell '{target.href}' "
                f"(no such cell in the {target.matrix} matrix)",
            )
        elif target.kind == "entry" and target.slug not in entry_slugs:
            problems.add(
                path,
                link.line,
                f"link to missing study '{target.href}' (studies here: {_listing(entry_slugs)})",
            )
        elif target.kind == "section" and target.slug not in section_slugs:
            problems.add(
                path,
                link.line,
                f"link to missing heading '{target.href}' "
                f"(headings here: {_listing(section_slugs)})",
            )


def _unique_slugs(path, slugs: list[tuple[str, int]], what: str, problems: ProblemLog) -> set[str]:
    seen: dict[str, int] = {}
    for slug, line in slugs:
        if slug in seen:
            problems.add(
                path, line, f"duplicate {what} slug '{slug}' (also used on line {seen[slug]})"
            )
        elif slug:
            seen[slug] = line
    return set(seen)


def _listing(slugs: set[str]) -> str:
    return ", ".join(sorted(slugs)) or "none"
