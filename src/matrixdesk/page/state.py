"""What the reader has chosen on one page: folds, filter, highlight. Kept apart from the content,
with the rules for how a place, a search hit or a find changes it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from matrixdesk.core.addresses import Address
from matrixdesk.core.schema import FOLDED_BLOCK_KINDS
from matrixdesk.core.views import CellPage, EntryView


@dataclass(frozen=True, slots=True)
class PageState:
    bite_open: bool = False
    type_filter: str | None = None
    """Show only studies with this type code (S, K, R or G); None shows the whole list."""
    unfolded: frozenset[str] = field(default_factory=frozenset)
    """`fold_key`s of the extra/supplementary text the reader unfolded."""
    highlight: str | None = None
    """Anchor name of the heading or study to highlight ("section-<slug>" / "entry-<slug>")."""

    def with_bite(self, is_open: bool) -> PageState:
        return replace(self, bite_open=is_open)

    def with_filter(self, code: str | None) -> PageState:
        return replace(self, type_filter=code)

    def toggled_fold(self, key: str) -> PageState:
        return replace(self, unfolded=self.unfolded ^ {key})

    def highlighting(self, anchor: str | None) -> PageState:
        return replace(self, highlight=anchor)


def shown_entries(page: CellPage, state: PageState) -> list[EntryView]:
    """The page's studies the type filter lets through, in order."""
    return [e for e in page.entries if state.type_filter is None or state.type_filter in e.types]


def typed_count(entries: Iterable[EntryView]) -> int:
    """How many of `entries` are studies: the "more" entry, a stored search, is not one."""
    return sum(1 for e in entries if e.search_query is None)


def fold_key(section_slug: str, index: int) -> str:
    """Names block `index` of a Matrix Bite section; search hits name their block the same way."""
    return f"{section_slug}/{index}"


def section_anchor(slug: str) -> str:
    return f"section-{slug}"


def entry_anchor(slug: str) -> str:
    return f"entry-{slug}"


def at_place(page: CellPage, place: Address, state: PageState) -> tuple[PageState, str | None]:
    """`state` as it must be to show `place` on `page`, and the anchor to bring into view: a
    Matrix Bite heading opens the bite; a study hidden by the type filter clears the filter.
    The place's heading or study is highlighted."""
    anchor = None
    if place.section:
        state = state.with_bite(True)
        anchor = section_anchor(place.section)
    elif place.entry:
        anchor = entry_anchor(place.entry)
        entry = next((e for e in page.entries if e.slug == place.entry), None)
        if entry and state.type_filter and state.type_filter not in entry.types:
            state = state.with_filter(None)
    return state.highlighting(anchor), anchor


def folded_keys(page: CellPage) -> set[str]:
    """The `fold_key`s of the page's folded (extra and supplementary) text."""
    return {
        fold_key(section.slug, index)
        for section in page.sections
        for index, block in enumerate(section.blocks)
        if block.kind in FOLDED_BLOCK_KINDS
    }


def all_unfolded(page: CellPage, state: PageState) -> PageState:
    """`state` with the Matrix Bite open (if the page has one) and all folded text unfolded."""
    return replace(state, bite_open=bool(page.sections), unfolded=frozenset(folded_keys(page)))


def unfolded_for(page: CellPage, state: PageState, pattern: re.Pattern[str]) -> PageState:
    """`state` with the Matrix Bite and any folded text opened where `pattern` occurs in them."""
    for section in page.sections:
        texts = [section.title, *(f"{b.title or ''} {b.text}" for b in section.blocks)]
        if not state.bite_open and any(pattern.search(text) for text in texts):
            state = state.with_bite(True)
        for index, block in enumerate(section.blocks):
            key = fold_key(section.slug, index)
            if (
                block.kind in FOLDED_BLOCK_KINDS
                and key not in state.unfolded
                and pattern.search(block.text)
            ):
                state = state.toggled_fold(key)
    if (
        not state.bite_open
        and page.acknowledgement_text
        and pattern.search(page.acknowledgement_text)
    ):
        state = state.with_bite(True)
    return state


def unfolded_block(page: CellPage, state: PageState, key: str) -> PageState:
    """`state` with the Matrix Bite open and the block `key` (a `fold_key`) unfolded if it is
    folded text; `state` itself if the page has no such block."""
    for section in page.sections:
        for index, block in enumerate(section.blocks):
            if fold_key(section.slug, index) == key:
                state = state.with_bite(True)
                if block.kind in FOLDED_BLOCK_KINDS and key not in state.unfolded:
                    state = state.toggled_fold(key)
                return state
    return state
