"""The one internal address scheme every place in the app is named by.

    matrixdesk:/alcohol                          a matrix's home grid
    matrixdesk:/alcohol/column/B                 the five cells of a column
    matrixdesk:/alcohol/row/5                    the five cells of a row
    matrixdesk:/alcohol/B5                       a cell page
    matrixdesk:/alcohol/B5#practitioner-skills   a Matrix Bite heading on that page
    matrixdesk:/alcohol/B5/entry/<slug>          one study in the cell's list

History, bookmarks, `--open`, cross-cell links and search results all use these strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEME = "matrixdesk"

_ADDRESS = re.compile(
    r"^(?:matrixdesk:)?/?(?P<matrix>[a-z][a-z0-9-]*)"
    r"(?:/column/(?P<column>[A-E])|/row/(?P<row>[1-5])"
    r"|/(?P<cell>[A-E][1-5])(?:/entry/(?P<entry>[a-z0-9-]+))?(?:#(?P<section>[a-z0-9-]+))?)?/?$"
)


@dataclass(frozen=True, slots=True)
class Address:
    matrix: str
    cell: str | None = None
    entry: str | None = None
    section: str | None = None
    column: str | None = None
    row: str | None = None

    def __str__(self) -> str:
        text = f"{SCHEME}:/{self.matrix}"
        if self.column:
            return f"{text}/column/{self.column}"
        if self.row:
            return f"{text}/row/{self.row}"
        if self.cell:
            text += f"/{self.cell}"
            if self.entry:
                text += f"/entry/{self.entry}"
            if self.section:
                text += f"#{self.section}"
        return text

    @property
    def page(self) -> Address:
        """The same page without a place on it: what history and the navigator care about."""
        return Address(self.matrix, self.cell, column=self.column, row=self.row)

    @classmethod
    def parse(cls, text: str) -> Address | None:
        """Read `matrixdesk:/alcohol/B5#slug` or the short `alcohol/B5#slug`; None if neither."""
        match = _ADDRESS.match(text.strip())
        if match is None:
            return None
        return cls(**match.groupdict())
