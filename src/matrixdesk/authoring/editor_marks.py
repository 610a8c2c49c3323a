"""Notes to the editor inside a source, which the pack never shows.

Two forms, both reported by `check` and `build` as warnings with their line, so nothing an
editor still has to decide is lost between an import and a published pack:

* a line of its own holding only `<!-- editor: what to check -->`;
* a link whose target is not known yet, `[listed above](?)`: built as its words, without a link.

`matrixdesk import-page` writes both for what a page saved as text cannot say (docs/authoring.md).
"""

from __future__ import annotations

import re
from dataclasses import replace

from matrixdesk.authoring.frontmatter import SourceText
from matrixdesk.authoring.problems import ProblemLog

UNKNOWN_TARGET = "?"
_MARK = re.compile(r"^[ \t]*<!--[ \t]*editor:[ \t]*(?P<note>.*?)[ \t]*-->[ \t]*$")


def editor_mark(note: str) -> str:
    """The source line that carries `note` for the editor."""
    return f"<!-- editor: {' '.join(note.replace('--', '–').split())} -->"


def unknown_link(text: str) -> str:
    return f"[{text}]({UNKNOWN_TARGET})"


def take_editor_marks(source: SourceText, problems: ProblemLog) -> SourceText:
    """`source` with each editor's mark turned into a blank line (so every other line keeps its
    number), each reported as a warning at its line. A mark stands between blocks: inside a
    paragraph it would split it."""
    body = list(source.body)
    for offset, line in enumerate(body):
        if match := _MARK.match(line):
            note = match.group("note") or "(no note)"
            problems.warn(source.path, source.body_first_line + offset, f"for the editor: {note}")
            body[offset] = ""
    return replace(source, body=body)


def unknown_link_message(text: str, count: int = 1) -> str:
    links = f"the link '[{text}]({UNKNOWN_TARGET})'"
    if count > 1:
        links = f"the {count} links '[{text}]({UNKNOWN_TARGET})' on this line"
    return (
        f"where {links} goes is not known yet: give its target "
        "(cell:…, entry:<slug>, #<heading-slug>, doc:<slug> or a web address), or take away "
        "the brackets if it is no link; until then it is built as its words alone"
    )
