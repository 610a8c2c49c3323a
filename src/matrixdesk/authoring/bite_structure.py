"""Telling a saved Matrix Bite's headings, pull quotes, panels and quotations from its prose.

A page saved as text keeps only lines, so each kind is recognised by how the web page lays it out:

* a section starts after two blank lines, its heading run into its first paragraph ("Where
  should I start? With an excellent…"); a heading alone on its line, before such a section, is a
  section whose own headings follow as sub-sections ("Issues to consider and discuss");
* a pull quote is a short line without a full stop whose words the text around it says again
  ("The glue of the supervision process…"), also when it is run into a paragraph;
* a panel is a short line without a full stop that is not said again: its title, with the text
  after it up to a quotation;
* a quotation is a paragraph that is one quote, “…”.

Every guess the layout leaves open is kept in `notes`, for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from matrixdesk.authoring.saved_page import Line

_SHORT_WORDS = 25
_HEADING_WORDS = 20
_ECHO = 0.75  # a pull quote's words found in the rest of its section, at least
_RUN_ON_WORDS = 6  # words (not counting small ones) of a pull quote run into a paragraph
_STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the and that this with for from are was were not but have has its their them they you "
        "your our who what when which into than then there these those more most can could",
    )
)
_ENDS_SENTENCE = re.compile(r"[.!?:;…”’\")]$")
_QUOTATION = re.compile(r"^“.*”[.]?$")
_WORD = re.compile(r"[a-z0-9’']+")
# A question mark ends a heading run into its text; else a word without punctuation followed by
# a capitalised one ("…the more the worker matters Issues discussed above…").
_QUESTION = re.compile(r"^(?P<heading>[^.!?]{3,}\?) (?=[“‘\"'(]?[A-Z0-9])")
_RUN_ON = re.compile(r"(?<=[a-z0-9’'”)]) (?=[A-Z][a-z’']* [a-z])")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "paragraph", "quote", "pullquote" or "panel"
    text: str  # a panel's blocks are in `inside`
    title: str = ""
    inside: tuple[Block, ...] = ()
    note: str = ""  # for the editor: what about this block is a guess


@dataclass
class Section:
    title: str
    level: int  # 2 or 3
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def bite_sections(lines: list[Line]) -> list[Section]:
    """The Matrix Bite's sections, in order, with their blocks."""
    sections: list[Section] = []
    parent_open = False  # a heading alone on its line: the sections after it are its own
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else None
        if _alone(line.text) and following is not None and following.blank_before >= 2:
            sections.append(Section(line.text, 2))
            sections[-1].notes.append(
                "this heading stands alone in the saved text, so the headings after it are "
                "taken as its sub-sections (###): check on the web page where they end"
            )
            parent_open = True
        elif line.blank_before >= 2 or not sections:
            heading, body, note = _split_heading(line.text)
            sections.append(Section(heading, 3 if parent_open else 2))
            if note:
                sections[-1].notes.append(note)
            if body:
                sections[-1].blocks.append(Block("paragraph", body))
        else:
            sections[-1].blocks.append(Block("paragraph", line.text))
    for section in sections:
        section.blocks = _set_apart(section.blocks)
    return sections


def _alone(text: str) -> bool:
    """Short and without a full stop: a heading, a pull quote or a panel's title."""
    return len(text.split()) <= _SHORT_WORDS and not _ENDS_SENTENCE.search(text)


def _split_heading(text: str) -> tuple[str, str, str]:
    """A section's first line as (heading, the text after it, a note if that is a guess)."""
    if match := _QUESTION.match(text):
        heading = match.group("heading")
        if len(heading.split()) <= _HEADING_WORDS:
            return heading, text[match.end() :], ""
    words = text.split()
    for match in _RUN_ON.finditer(text):
        heading = text[: match.start()]
        if len(heading.split()) > _HEADING_WORDS or _ENDS_SENTENCE.search(heading):
            break
        if len(heading.split()) >= 2 and not re.search(r"[.!?:;]", heading):
            note = (
                f"where this heading ends is a guess: the saved text runs it into the words "
                f"'{text[match.end() :][:40]}…'"
            )
            return heading, text[match.end() :], note
    if len(words) <= _HEADING_WORDS:
        return text, "", ""
    first = " ".join(words[:8])
    return (
        first,
        " ".join(words[8:]),
        "the saved text shows no end to this section's heading: its first words were taken; "
        "check the heading on the web page",
    )


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP_WORDS]


def _echoed(candidate: str, elsewhere: str, fewest: int = 3) -> bool:
    """Whether most of `candidate`'s words (at least `fewest` of them) are said again in
    `elsewhere`, as a pull quote's are."""
    words = _words(candidate)
    found = set(_words(elsewhere))
    return len(words) >= fewest and sum(w in found for w in words) >= _ECHO * len(words)


def _set_apart(blocks: list[Block]) -> list[Block]:
    """Find quotations, pull quotes (alone or run into a paragraph) and panels among blocks."""
    out: list[Block] = []
    number = 0
    while number < len(blocks):
        block = blocks[number]
        elsewhere = " ".join(b.text for i, b in enumerate(blocks) if i != number)
        number += 1
        if _QUOTATION.match(block.text):
            out.append(Block("quote", block.text))
        elif _alone(block.text) and _echoed(block.text, elsewhere):
            out.append(Block("pullquote", block.text))
        elif _alone(block.text) and number < len(blocks):
            inside = _panel_inside(blocks[number:])
            number += len(inside)
            out.append(
                Block(
                    "panel",
                    "",
                    title=block.text,
                    inside=tuple(inside),
                    note=(
                        "a short line not said again in the text is taken as a panel's title; "
                        "where the panel ends is a guess: check on the web page"
                    ),
                )
            )
        else:
            out += _pull_quote_inside(block, elsewhere)
    return out


def _panel_inside(blocks: list[Block]) -> list[Block]:
    """The blocks of a panel: up to and including its first quotation, else the next one."""
    for count, block in enumerate(blocks[:3], start=1):
        if _QUOTATION.match(block.text):
            return [
                Block("quote", b.text) if _QUOTATION.match(b.text) else b for b in blocks[:count]
            ]
    return blocks[:1]


def _pull_quote_inside(block: Block, elsewhere: str) -> list[Block]:
    """A paragraph, split around a pull quote the saved text ran into it: a span from the start
    of a sentence that ends without punctuation before a capitalised word, said again nearby."""
    text = block.text
    for start in [0, *(m.end() for m in re.finditer(r"[.!?”] ", text))]:
        for end in _RUN_ON.finditer(text, start):
            span = text[start : end.start()]
            if re.search(r"[.!?:;]", span) or len(span.split()) > _SHORT_WORDS:
                break
            rest = text[:start] + text[end.end() :]
            # More words than alone on a line: a sentence's start would pass with fewer.
            if _echoed(span, f"{rest} {elsewhere}", fewest=_RUN_ON_WORDS):
                note = (
                    "this pull quote is run into a paragraph in the saved text: the paragraph "
                    "was split around it; check where the web page puts it"
                )
                return [
                    *([Block("paragraph", text[:start].rstrip())] if start else []),
                    Block("pullquote", span, note=note),
                    Block("paragraph", text[end.end() :]),
                ]
    return [block]
