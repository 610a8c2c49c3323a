"""A kept place in words, and whether the pack has it: a bookmark's, the history's, a note's or a
CPD entry's place, by its address. The window and the command line (`matrixdesk cpd export`)
ask the same questions of the same pack, so they answer alike. No Qt."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from matrixdesk.core.addresses import Address, DocumentAddress, Place, SearchAddress, parse_place
from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.core.views import CellPage
from matrixdesk.page.parts import MatrixContext


class PlaceTitles:
    def __init__(
        self,
        store: ContentStore,
        contexts: Mapping[str, MatrixContext],
        shown: Callable[[], CellPage | None] = lambda: None,
    ) -> None:
        """`shown()`: the cell page on screen, if any, so its own titles need no query."""
        self.store = store
        self.contexts = contexts
        self.shown = shown

    @classmethod
    def of_pack(cls, store: ContentStore) -> PlaceTitles:
        """For a pack with no window: every matrix's context read from it."""
        from matrixdesk.page.place_page import matrix_context  # pages: not before the first paint

        contexts = {}
        for matrix in store.matrices():
            context = matrix_context(store, matrix.key)
            if context is not None:
                contexts[matrix.key] = context
        return cls(store, contexts)

    def of_place(self, place: Place) -> str:
        """What the window's title says for `place`."""
        if isinstance(place, SearchAddress):
            return f"Search: {place.query}"
        if isinstance(place, DocumentAddress):
            return "Document"
        context = self.contexts[place.matrix]
        if place.cell:
            return f"{place.cell} {context.cells[place.cell].title} · {context.matrix.name}"
        if place.column or place.row:
            axes = context.matrix.columns if place.column else context.matrix.rows
            key = place.column or place.row
            axis = next((a for a in axes if a.key == key), None)
            kind = "Column" if place.column else "Row"
            return f"{kind} {key} {axis.name if axis else ''} · {context.matrix.name}"
        return context.matrix.name

    def title(self, address: str) -> str:
        """A place's title for a bookmark, the history or a CPD entry: the cell's, with the
        study or heading it opens at; a document's own."""
        place = parse_place(address)
        if isinstance(place, DocumentAddress):
            document = self.store.document(place.slug)
            return document.title if document else place.slug
        if not isinstance(place, Address) or place.matrix not in self.contexts:
            return address
        title = self.of_place(place)
        anchor = place.entry or place.section
        if anchor and place.cell:
            shown = self.shown()
            same = shown is not None and shown.summary.address == Address(place.matrix, place.cell)
            page = shown if same else self.store.cell_page(place.matrix, place.cell)
            names = {e.slug: e.headline for e in page.entries} if page else {}
            names |= {s.slug: s.title for s in page.sections} if page else {}
            title = f"{names[anchor]} · {title}" if anchor in names else title
        return title

    def exists(self, address: str) -> bool:
        """Whether this pack has the place `address` names (with its study or heading)."""
        place = parse_place(address)
        try:
            if isinstance(place, DocumentAddress):
                return self.store.document(place.slug) is not None
            if not isinstance(place, Address) or place.matrix not in self.contexts:
                return False
            if place.cell is None or not (place.entry or place.section):
                return place.cell is None or place.cell in self.contexts[place.matrix].cells
            page = self.store.cell_page(place.matrix, place.cell)
        except PackError:
            return False
        if page is None:
            return False
        slugs = {entry.slug for entry in page.entries} | {s.slug for s in page.sections}
        return (place.entry or place.section) in slugs
