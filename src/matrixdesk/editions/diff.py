"""What changed from one pack to another, cell by cell: studies and Matrix Bite sections added,
changed and removed (`matrixdesk pack diff OLD NEW`, and Help > What's new in this pack).

Studies and sections are matched by their slugs, the stable keys bookmarks and notes use, so a
study whose words changed is "changed", and one whose slug changed is one removed and one added.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.core.views import CellPage

_KINDS = ("added", "changed", "removed")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CellChanges:
    matrix: str
    code: str
    title: str
    page: str
    """"added", "removed" (the pack holds the cell's page now, or no longer) or "changed"."""
    studies: dict[str, tuple[str, ...]]
    """"added"/"changed"/"removed": the headlines of the studies so changed."""
    sections: dict[str, tuple[str, ...]]

    def lines(self) -> list[str]:
        heading = f"{self.matrix} {self.code} {self.title}"
        lines = [
            heading + {"added": " (page added)", "removed": " (page removed)"}.get(self.page, "")
        ]
        for label, changes in (("Studies", self.studies), ("Matrix Bite sections", self.sections)):
            for kind in _KINDS:
                if changes.get(kind):
                    lines.append(f"  {label} {kind}: " + "; ".join(changes[kind]))
        return lines


def pack_changes(old: ContentStore, new: ContentStore) -> list[CellChanges]:
    """Every cell whose page differs between `old` and `new`, in grid order."""
    found: list[CellChanges] = []
    matrices = [m.key for m in new.matrices()]
    matrices += [m.key for m in old.matrices() if m.key not in matrices]
    for matrix in matrices:
        before = _pages(old, matrix)
        after = _pages(new, matrix)
        for code in dict.fromkeys([*after, *before]):
            page_old, page_new = before.get(code), after.get(code)
            if page_old == page_new:
                continue
            shown = page_new or page_old
            assert shown is not None
            kind = "added" if page_old is None else "removed" if page_new is None else "changed"
            found.append(
                CellChanges(
                    matrix,
                    code,
                    shown.summary.title,
                    kind,
                    _compare(
                        {e.slug: e for e in page_old.entries} if page_old else {},
                        {e.slug: e for e in page_new.entries} if page_new else {},
                        lambda entry: entry.headline,
                    ),
                    _compare(
                        {s.slug: s for s in page_old.sections} if page_old else {},
                        {s.slug: s for s in page_new.sections} if page_new else {},
                        lambda section: section.title,
                    ),
                )
            )
    return found


def _pages(store: ContentStore, matrix: str) -> dict[str, CellPage | None]:
    if matrix not in {m.key for m in store.matrices()}:
        return {}
    return {
        cell.code: store.cell_page(matrix, cell.code) if cell.has_content else None
        for cell in store.cells(matrix)
    }


def _compare(
    old: Mapping[str, T], new: Mapping[str, T], name: Callable[[T], str]
) -> dict[str, tuple[str, ...]]:
    return {
        "added": tuple(name(new[s]) for s in new if s not in old),
        "changed": tuple(name(new[s]) for s in new if s in old and old[s] != new[s]),
        "removed": tuple(name(old[s]) for s in old if s not in new),
    }


def changes_text(old: ContentStore, new: ContentStore) -> str:
    """The changes in words, as `pack diff` prints them and the app shows them."""
    head = f"From edition {old.summary().edition} to edition {new.summary().edition}:"
    changes = pack_changes(old, new)
    if not changes:
        return f"{head}\nNo cell's page changed."
    return "\n".join([head, *(line for change in changes for line in change.lines())])


def run_diff(old: Path, new: Path) -> int:
    stores: list[ContentStore] = []
    try:
        for path in (old, new):
            stores.append(ContentStore.open(path))
        print(changes_text(*stores))
    except PackError as error:
        print(f"matrixdesk: {error.path}: {error.problem} Check the file.", file=sys.stderr)
        return 1
    finally:
        for store in stores:
            store.close()
    return 0
