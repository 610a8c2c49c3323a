"""A cell page's outline: its studies and Matrix Bite headings as places to go, and the Matrix
Bite and each folded passage as controls that open and close. The reader shows it beside the
page ("On this page"): the page's structure for a screen reader and the keyboard, which the
text alone cannot give them, and real controls for what in the text are only links."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.core.schema import FOLDED_BLOCK_KINDS
from matrixdesk.core.views import CellPage
from matrixdesk.page.state import (
    PageState,
    entry_anchor,
    fold_key,
    section_anchor,
    shown_entries,
    typed_count,
)

STUDIES_ANCHOR = "studies"
BITE_ANCHOR = "matrix-bite"
BITE_CONTROL = "bite"
"""The `control` of the Matrix Bite's item; a fold's is its `fold_key`."""


@dataclass(frozen=True, slots=True)
class OutlineItem:
    label: str
    anchor: str | None
    """Where in the page the item leads (an anchor name), if anywhere."""
    level: int
    """0 for the page's parts, 1 and 2 for what is inside them."""
    control: str | None = None
    """For something that opens and closes: BITE_CONTROL or a fold's key."""
    expanded: bool = False


def outline(page: CellPage, state: PageState) -> tuple[OutlineItem, ...]:
    shown = shown_entries(page, state)
    items = [OutlineItem(f"Studies ({typed_count(shown)})", STUDIES_ANCHOR, 0)]
    items += [
        OutlineItem(
            entry.headline if entry.search_query is None else "More studies (a search)",
            entry_anchor(entry.slug),
            1,
        )
        for entry in shown
    ]
    if not page.sections:
        return tuple(items)
    items.append(OutlineItem("Matrix Bite", BITE_ANCHOR, 0, BITE_CONTROL, state.bite_open))
    if not state.bite_open:
        return tuple(items)
    for section in page.sections:
        level = 1 if section.level == 2 else 2
        items.append(OutlineItem(section.title, section_anchor(section.slug), level))
        for index, block in enumerate(section.blocks):
            if block.kind in FOLDED_BLOCK_KINDS:
                key = fold_key(section.slug, index)
                label = block.title or f"{block.kind.capitalize()} text under “{section.title}”"
                items.append(OutlineItem(label, None, level + 1, key, key in state.unfolded))
    return tuple(items)
