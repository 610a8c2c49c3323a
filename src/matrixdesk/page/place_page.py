"""The page at a place, for the command line and for printing: a cell page with what it needs
to be printed, another page as built, or why there is none. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.core.addresses import Address, DocumentAddress, Place
from matrixdesk.core.store import ContentStore
from matrixdesk.core.views import CellPage
from matrixdesk.page.cell_page import cell_page
from matrixdesk.page.other_pages import axis_listing, document_page, not_in_pack
from matrixdesk.page.parts import MatrixContext, Page
from matrixdesk.page.state import PageState, all_unfolded, at_place


@dataclass(frozen=True, slots=True)
class CellAt:
    """A cell page the pack holds, as a place opens it."""

    page: CellPage
    context: MatrixContext
    state: PageState


@dataclass(frozen=True, slots=True)
class OtherPage:
    """A page that is not a cell's (a listing, a document, a cell the pack has no page for)."""

    page: Page
    title: str
    context: MatrixContext | None


def matrix_context(store: ContentStore, key: str) -> MatrixContext | None:
    matrix = next((m for m in store.matrices() if m.key == key), None)
    if matrix is None:
        return None
    return MatrixContext(matrix, {cell.code: cell for cell in store.cells(matrix.key)})


def page_at(store: ContentStore, place: Place | None) -> CellAt | OtherPage | str:
    """What is at `place`, or why there is no page there (in words, to follow "cannot: ")."""
    if isinstance(place, DocumentAddress):
        document = store.document(place.slug)
        if document is None:
            return f"there is no document {place.slug}"
        return OtherPage(document_page(document), document.title, None)
    if not isinstance(place, Address):
        return "only pages can be rendered: a cell, a column, a row or a document"
    context = matrix_context(store, place.matrix)
    if context is None:
        return f"there is no matrix '{place.matrix}' in this pack"
    if place.column or place.row:
        axis, key = ("column", place.column) if place.column else ("row", place.row)
        listing = axis_listing(context, axis, key or "")
        return OtherPage(listing, f"{axis.title()} {key}", context)
    if place.cell is None:
        return "the home grid is not a page: give a cell, a column, a row or a document"
    summary = context.cells[place.cell]
    page = store.cell_page(context.matrix.key, place.cell) if summary.has_content else None
    if page is None:
        return OtherPage(not_in_pack(summary, context), f"{summary.code} {summary.title}", context)
    if place.section and place.section not in {s.slug for s in page.sections}:
        return f"cell {place.cell} has no Matrix Bite heading '{place.section}'"
    if place.entry and place.entry not in {e.slug for e in page.entries}:
        return f"cell {place.cell} has no study '{place.entry}'"
    state, _ = at_place(page, place, PageState())
    return CellAt(page, context, state)


def rendered(found: CellAt | OtherPage, unfold_all: bool) -> Page:
    """The page as the reader's pane builds it."""
    if isinstance(found, OtherPage):
        return found.page
    state = all_unfolded(found.page, found.state) if unfold_all else found.state
    return cell_page(found.page, found.context, state)
