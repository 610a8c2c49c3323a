"""What hovering a link in the content says, worked out when the pack is built.

The compiler knows every cell, study, heading and document, so it writes each link's `title`
(and marks a link to a cell the pack holds only by title) into the HTML it stores. The reader adds
nothing to stored HTML: it shows the pack's pages as they are, and their tooltips as plain text.
"""

from __future__ import annotations

from matrixdesk.authoring.markdown_ext import LinkTarget
from matrixdesk.authoring.sources import CellSource, ContentSources


class LinkTitles:
    def __init__(self, content: ContentSources) -> None:
        self._cells: dict[tuple[str, str], CellSource] = {
            (cell.matrix, cell.code): cell for cell in content.cells
        }
        self._matrix_names = {matrix.key: matrix.name for matrix in content.matrices}
        self._documents = {document.slug: document.title for document in content.documents}

    def title(self, target: LinkTarget, here: str) -> str | None:
        """The hover text for a link to `target` written in matrix `here` ("" in a document);
        None where there is nothing to say (a target that does not exist is a problem the
        compiler reports)."""
        if target.kind == "external":
            return f"{target.address} (needs internet)"
        if target.kind == "document":
            title = self._documents.get(target.slug or "")
            return f"Open “{title}” in MatrixDesk" if title else None
        cell = self._cells.get((target.matrix or "", target.cell or ""))
        if cell is None:
            return None
        if target.kind == "entry":
            entry = next((e for e in cell.entries if e.slug == target.slug), None)
            if entry is None:
                return None
            return entry.note or entry.headline + (f" ({entry.byline})" if entry.byline else "")
        if target.kind == "section":
            section = next((s for s in cell.sections if s.slug == target.slug), None)
            return f"Go to “{section.title}” in the Matrix Bite" if section else None
        matrix = "" if cell.matrix == here else f"{self._matrix_names.get(cell.matrix)} "
        place = f"{matrix}cell {cell.code}"
        if target.slug:  # a heading of another cell's Matrix Bite
            section = next((s for s in cell.sections if s.slug == target.slug), None)
            return f"Go to “{section.title}” in the Matrix Bite of {place}" if section else None
        headline = f": {cell.headline}" if cell.headline else ""
        absent = "" if cell.has_content else " (not in this pack)"
        return f"{place[0].upper()}{place[1:]}, {cell.title}{headline}{absent}"

    def is_absent(self, target: LinkTarget) -> bool:
        """A link to a cell the pack knows only by title."""
        cell = self._cells.get((target.matrix or "", target.cell or ""))
        return target.kind == "cell" and cell is not None and not cell.has_content
