"""What the reader has chosen on one page: folds, filter, highlight. Kept apart from the content."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


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


def fold_key(section_slug: str, index: int) -> str:
    """Names block `index` of a Matrix Bite section; search hits name their block the same way."""
    return f"{section_slug}/{index}"


def section_anchor(slug: str) -> str:
    return f"section-{slug}"


def entry_anchor(slug: str) -> str:
    return f"entry-{slug}"
