"""What the user database hands out: frozen values, never rows or live objects, so the reader
can keep them, pass them between threads and compare them."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Final

from matrixdesk.core.schema import CELL_CODES
from matrixdesk.core.search_marks import Marked


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    address: str
    title: str
    """The place's title when it was bookmarked (kept if the pack later drops the place)."""
    label: str | None
    """The reader's own name for it, if they renamed it."""
    created: str
    updated: str

    @property
    def name(self) -> str:
        """What the Bookmarks menu shows: the reader's label, else the title."""
        return self.label or self.title


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    address: str
    text: str
    """As typed: plain text or simple Markdown."""
    created: str
    updated: str


@dataclass(frozen=True, slots=True)
class NoteHit:
    """A note that a search found, with a few words around the first match marked."""

    note: Note
    snippet: Marked


@dataclass(frozen=True, slots=True)
class BiteProgress:
    matrix: str
    cell: str
    read_at: str | None
    discussed_at: str | None


@dataclass(frozen=True, slots=True)
class MatrixProgress:
    """One matrix's Matrix Bites course: which of its 25 bites are read and discussed."""

    matrix: str
    read: frozenset[str]
    """Cell codes of the bites marked read."""
    discussed: frozenset[str]
    """Cell codes of the bites marked discussed with a team."""
    total: int = len(CELL_CODES)

    def read_in_row(self, row: str) -> int:
        """How many of a row's five bites are read ("3 of 5")."""
        return sum(1 for code in self.read if code[1:] == row)

    def next_unread(
        self, after: str | None = None, among: Container[str] = CELL_CODES
    ) -> str | None:
        """The first unread bite in the grid's reading order (A1, B1, ... E5) after the cell
        `after` (from the start if None), coming round; only cells in `among` (those whose
        bite the pack holds). None when every one is read."""
        start = CELL_CODES.index(after) + 1 if after else 0
        order = CELL_CODES[start:] + CELL_CODES[:start]
        return next((code for code in order if code in among and code not in self.read), None)


@dataclass(frozen=True, slots=True)
class HistoryItem:
    address: str
    title: str
    visited_at: str


ACTIVITY_WORDS: Final = {
    "reading": "reading",
    "team-discussion": "team discussion",
    "supervision": "supervision",
    "training": "training",
}
"""How each activity key (`values.ACTIVITIES`) is said, in the log and its exports."""


def hours_and_minutes(minutes: int) -> str:
    """A duration as people say it: "45 min", "2 h", "3 h 20 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


@dataclass(frozen=True, slots=True)
class CpdDetails:
    """What the reader writes in a CPD entry: everything but its id and stamps."""

    date: str
    """The day of the activity, e.g. 2026-01-31."""
    activity: str
    """One of `values.ACTIVITIES`; said as ACTIVITY_WORDS has it."""
    places: tuple[str, ...]
    """The places it was about, by their long addresses (cells, studies, bite sections)."""
    minutes: int
    mode: str
    """"individual" or "participatory" (`values.MODES`)."""
    learned: str
    """What I learned."""
    practice: str
    """How it will change my practice."""
    standard: str
    """The standard or code it relates to (free text)."""
    evidence: str
    """An evidence reference (free text)."""


@dataclass(frozen=True, slots=True)
class CpdEntry:
    id: str
    details: CpdDetails
    created: str
    updated: str

    def missing_places(self, known: Container[str]) -> tuple[str, ...]:
        """Its places that are not among the `known` addresses (the installed pack's): shown
        as no longer in this pack, with their address, and kept."""
        return tuple(place for place in self.details.places if place not in known)


@dataclass(frozen=True, slots=True)
class Orphans:
    """Bookmarks and notes whose place the pack no longer has: listed with their text, never
    deleted (a later edition may bring the place back)."""

    bookmarks: tuple[Bookmark, ...]
    notes: tuple[Note, ...]
