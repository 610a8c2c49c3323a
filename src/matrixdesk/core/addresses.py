"""The one internal address scheme every place in the app is named by.

    matrixdesk:/alcohol                    a matrix's home grid
    matrixdesk:/alcohol/B5                 a cell page
    matrixdesk:/alcohol/B5#practitioner-skills   a Matrix Bite heading on that page
    matrixdesk:/alcohol/B5/entry/<slug>    one study in the cell's list

History, bookmarks, `--open`, cross-cell links and search results all use these strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEME = "matrixdesk"

_ADDRESS = re.compile(
    r"^(?:matrixdesk:/)?/?(?P<matrix>[a-z][a-z0-9-]*)"
    r"(?:/(?P<cell>[A-Z][0-9])(?:/entry/(?P<entry>[a-z0-9-]+))?(?:#(?P<section>[a-z0-9-]+))?)?/?$"
)


@dataclass(frozen=True, slots=True)
class Address:
    matrix: str
    cell: str | None = None
    entry: str | None = None
    section: str | None = None

    def __str__(self) -> str:
        text = f"{SCHEME}:/{self.matrix}"
        if self.cell:
            text += f"/{self.cell}"
            if self.entry:
                text += f"/entry/{self.entry}"
            if self.section:
                text += f"#{self.section}"
        return text

    @classmethod
    def parse(cls, text: str) -> Address | None:
        """Read `matrixdesk:/alcohol/B5#slug` or the short `alcohol/B5#slug`; None if neither."""
        match = _ADDRESS.match(text.strip())
        if match is None:
            return None
        return cls(**match.groupdict())
