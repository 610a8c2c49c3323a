"""The one internal address scheme every place in the app is named by.

    matrixdesk:/alcohol                          a matrix's home grid
    matrixdesk:/alcohol/column/B                 the five cells of a column
    matrixdesk:/alcohol/row/5                    the five cells of a row
    matrixdesk:/alcohol/B5                       a cell page
    matrixdesk:/alcohol/B5#practitioner-skills   a Matrix Bite heading on that page
    matrixdesk:/alcohol/B5/entry/<slug>          one study in the cell's list
    matrixdesk:/doc/<slug>                       a document the pack carries
    matrixdesk:/search?q=<words>&matrix=&type=   a search and its filters

History, bookmarks, `--open`, cross-cell links and search results all use these strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode

SCHEME = "matrixdesk"
# A matrix key: the name of its source folder and the first part of its addresses.
MATRIX_KEY_PATTERN = r"[a-z][a-z0-9-]*"

_ADDRESS = re.compile(
    rf"^(?:matrixdesk:)?/?(?P<matrix>{MATRIX_KEY_PATTERN})"
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

    @classmethod
    def parse(cls, text: str) -> Address | None:
        """Read `matrixdesk:/alcohol/B5#slug` or the short `alcohol/B5#slug`; None if neither."""
        match = _ADDRESS.match(text.strip())
        if match is None:
            return None
        return cls(**match.groupdict())


DOCUMENT_SEGMENT = "doc"
SEARCH_SEGMENT = "search"
RESERVED_MATRIX_KEYS = (DOCUMENT_SEGMENT, SEARCH_SEGMENT)
# A slug: lower-case letters and digits in words joined by single hyphens.
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_DOCUMENT = re.compile(rf"^(?:matrixdesk:)?/?doc/(?P<slug>{SLUG_PATTERN})/?$")
_SEARCH = re.compile(r"^(?:matrixdesk:)?/?search\?(?P<query>.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class DocumentAddress:
    """`matrixdesk:/doc/<slug>`: a document the pack carries."""

    slug: str

    def __str__(self) -> str:
        return f"{SCHEME}:/{DOCUMENT_SEGMENT}/{self.slug}"


@dataclass(frozen=True, slots=True)
class SearchAddress:
    """`matrixdesk:/search?q=…&matrix=…&type=…`: a search and its filters."""

    query: str
    matrix: str | None = None
    type_code: str | None = None

    def __str__(self) -> str:
        fields = {"q": self.query, "matrix": self.matrix, "type": self.type_code}
        return f"{SCHEME}:/{SEARCH_SEGMENT}?" + urlencode(
            {key: value for key, value in fields.items() if value}, quote_via=quote
        )


Place = Address | DocumentAddress | SearchAddress


def parse_place(text: str) -> Place | None:
    """Any internal address, long or short form; None if the text is not one."""
    text = text.strip()
    if match := _DOCUMENT.match(text):
        return DocumentAddress(match.group("slug"))
    if match := _SEARCH.match(text):
        fields = parse_qs(match.group("query"))
        return SearchAddress(
            query=fields.get("q", [""])[0],
            matrix=fields.get("matrix", [None])[0],
            type_code=fields.get("type", [None])[0],
        )
    return Address.parse(text)
