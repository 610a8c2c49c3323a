"""Limits on what a source may hold, checked before Python-Markdown sees the text.

Python-Markdown recurses once for every level of nested lists, quotations and containers, and
its inline parsing takes time that grows with the square of a paragraph's length (it rebuilds
the paragraph's text after every link or emphasis it finds), far worse still for nested brackets
or link addresses that never close: a source nested a few hundred levels deep ends in a
RecursionError, and twenty thousand unclosed links take minutes. No real content is written like
that, so such text is refused with its line, at once, instead. Each check reads the text once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from matrixdesk.authoring.sources import Fragment

MAX_SOURCE_BYTES = 512 * 1024  # B5, the largest cell, is about 40 kB; an analysis, 20-60 kB
MAX_NESTING = 12  # lists in lists, quotations in quotations
MAX_BRACKET_DEPTH = 8  # a link's text may hold brackets, but not brackets in brackets in ...
# The longest paragraph of the matrices is 1,334 characters. At this length the worst inline
# text (a link or emphasis every few characters) takes Python-Markdown about 40 ms.
MAX_PARAGRAPH_CHARS = 6_000
_INDENT_WIDTH = 4
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)+")
_CONTAINER_OPEN = re.compile(r"^:::[ \t]*\S")
_CONTAINER_CLOSE = re.compile(r"^:::[ \t]*$")


def nesting_problems(fragment: Fragment) -> Iterator[tuple[int, str]]:
    """(line, message) for the first place in `fragment` of each kind of nesting deeper than
    content ever is: one message of a kind is enough to find the rest."""
    reported: set[str] = set()
    links = _LinkScan()
    open_container: int | None = None
    paragraph_start, paragraph_length = 0, 0
    for offset, line in enumerate(fragment.lines):
        number = fragment.first_line + offset
        found: list[tuple[str, str]] = []
        if line.strip():
            paragraph_start = paragraph_start or number
            paragraph_length += len(line) + 1
            if paragraph_length > MAX_PARAGRAPH_CHARS and "paragraph" not in reported:
                reported.add("paragraph")
                yield (
                    paragraph_start,
                    (
                        f"this paragraph is over {MAX_PARAGRAPH_CHARS:,} characters long; split it "
                        "with blank lines (is a blank line missing?)"
                    ),
                )
        else:
            paragraph_start, paragraph_length = 0, 0
        expanded = line.expandtabs(_INDENT_WIDTH)
        indent = len(expanded) - len(expanded.lstrip())
        if indent // _INDENT_WIDTH > MAX_NESTING:
            found.append(("indent", f"lists may nest at most {MAX_NESTING} levels deep"))
        quotes = _QUOTE_MARKS.match(line)
        if quotes and quotes.group().count(">") > MAX_NESTING:
            found.append(("quote", f"quotations ('>') may nest at most {MAX_NESTING} deep"))
        if _CONTAINER_OPEN.match(line):
            if open_container is not None:
                found.append(
                    (
                        "container",
                        f"a ':::' container starts inside the one opened on line "
                        f"{open_container}; close that one with a ':::' line first "
                        "(containers do not nest)",
                    )
                )
            open_container = number
        elif _CONTAINER_CLOSE.match(line):
            open_container = None
        if not line.strip():
            found += links.end_paragraph()
        found += links.read(line, number)
        for kind, message in found:
            if kind not in reported:
                reported.add(kind)
                yield links.line_of(kind, number), message
    for kind, message in links.end_paragraph():
        if kind not in reported:
            yield links.line_of(kind, fragment.first_line + len(fragment.lines) - 1), message


@dataclass
class _LinkScan:
    """Square brackets and link addresses, read a character at a time across a paragraph.

    A `](` opens a link's address, which ends at the matching `)` (or, written `](<...`, at
    `>`). Markdown allows both to run over lines, but not past the end of a paragraph.
    """

    depth: int = 0  # unclosed [
    address: int = 0  # unclosed ( in a link address, 0 outside one
    angle: bool = False  # inside a <...> address
    address_line: int = 0
    previous: str = ""

    def read(self, line: str, number: int) -> list[tuple[str, str]]:
        found = []
        escaped = False
        for char in line:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif self.angle:
                self.angle = char != ">"
                if not self.angle:
                    self.address = 0
            elif self.address:
                self.address += {"(": 1, ")": -1}.get(char, 0)
            elif char == "(" and self.previous == "]":
                self.address, self.address_line = 1, number
            elif char == "[":
                self.depth += 1
                if self.depth > MAX_BRACKET_DEPTH:
                    found.append(
                        (
                            "brackets",
                            f"square brackets nested more than {MAX_BRACKET_DEPTH} deep: is a "
                            "']' missing?",
                        )
                    )
                    self.depth = 0
            elif char == "]" and self.depth:
                self.depth -= 1
            if char == "<" and self.address == 1 and self.previous == "(":
                self.angle = True
            self.previous = "" if escaped else char
        return found

    def end_paragraph(self) -> list[tuple[str, str]]:
        unclosed = self.address > 0 or self.angle
        self.depth = self.address = 0
        self.angle = False
        self.previous = ""
        if unclosed:
            return [("address", "a link's address, after '](', is never closed with ')'")]
        return []

    def line_of(self, kind: str, number: int) -> int:
        return self.address_line if kind == "address" else number
