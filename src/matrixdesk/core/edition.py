"""Editions: which of two packs is newer.

A pack's `edition` (pack.toml, `pack_info.edition`) is the date it was released, `YYYY-MM-DD`,
with `.N` after it for a second or later release on the same day (`2027-03-01.2`). Editions
order by date, then by that number (none counts as 1): that is all "newer" means. The compiler
refuses any other edition (format 4 on); a format-3 pack whose edition is not such a date cannot
be compared, so it can be read (`--pack`) but not installed.
"""

from __future__ import annotations

import datetime
import re

_EDITION = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\.([1-9]\d{0,2}))?$")
EDITION_FORM = "a date, YYYY-MM-DD, with .2, .3 … after it for a later release on the same day"


class Edition:
    """An edition, compared by its date, then its number. (A plain class, not a dataclass: it is
    defined on the way to the first paint, where a dataclass costs a millisecond.)"""

    __slots__ = ("date", "number", "text")

    def __init__(self, date: datetime.date, number: int, text: str) -> None:
        self.date, self.number, self.text = date, number, text

    def _key(self) -> tuple[datetime.date, int]:
        return (self.date, self.number)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Edition) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Edition) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Edition) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Edition) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Edition) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Edition({self.text!r})"


def parse_edition(text: str) -> Edition | None:
    """The edition `text` names, or None if it is not one (see `EDITION_FORM`)."""
    match = _EDITION.match(text)
    if match is None:
        return None
    year, month, day, number = match.groups()
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return Edition(date, int(number or 1), text)
