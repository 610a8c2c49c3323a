"""HTML written into Markdown sources, which the pack does not take.

Python-Markdown's raw-HTML handling is switched off (`markdown_ext`), so a tag or an entity in a
source would reach the reader as the literal text `<b>` or `&amp;`. They are refused instead,
with their line, so the editor can write Markdown (or the character itself). Code spans, where
`<b>` is meant literally, are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from matrixdesk.authoring.sources import Fragment

_CODE_SPAN = re.compile(r"(`+).+?\1")
# An opening or closing tag, or a comment: not an autolink (<https://...>, <name@host>).
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--)>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def markup_problems(fragment: Fragment) -> Iterator[tuple[int, str]]:
    """(line, message) for each line of `fragment` with an HTML tag or entity in it. A
    container's opening line is skipped: a panel's title is plain text, shown as typed."""
    for offset, line in enumerate(fragment.lines):
        if line.startswith(":::"):
            continue
        prose = _CODE_SPAN.sub("", line)
        if (tag := _TAG.search(prose)) and tag.group().startswith("<!--"):
            yield (
                fragment.first_line + offset,
                (
                    f"HTML ('{tag.group()}') is not taken in sources; a note for editors is "
                    "a line of its own holding only <!-- editor: what to check -->"
                ),
            )
        elif tag:
            yield (
                fragment.first_line + offset,
                (
                    f"HTML ('{tag.group()}') is not taken in sources: write it as Markdown "
                    "(**bold**, *italic*, [text](address)), or in `backticks` to show it as it is"
                ),
            )
        elif entity := _ENTITY.search(prose):
            yield (
                fragment.first_line + offset,
                (f"HTML entity '{entity.group()}': type the character itself (sources are UTF-8)"),
            )
