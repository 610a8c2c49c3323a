"""A page as a sequence of parts, each with its HTML (for QTextBrowser's rich-text subset) and its
plain text. Controls such as "Open Matrix Bite" have HTML but no text: the text is the page's
words alone, as a reader would copy or quote them."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.core.views import CellSummary, MatrixView

UI_ANCHOR = "matrixdesk-ui"
"""The anchor name that marks the app's own words in a page's HTML (see `ui_words`)."""

TYPES_ANCHOR = "types:"
"""Starts the anchor name that carries a study's type codes ("types:K.R"): the reader draws
their icons in the margin beside it. Not images in the text, which would reach copies and
screen readers as U+FFFC; the type is in the words too ("Key")."""


NEEDS_INTERNET = "Needs internet"
OPEN_IN_APP = "Open in MatrixDesk"
SEARCH_HERE = "Show everything in this pack about this"
APP_TITLES = frozenset({NEEDS_INTERNET, OPEN_IN_APP, SEARCH_HERE})
"""What the app's own links say on hover: about the screen, not notes of the page's (paper
leaves them out)."""


def ui_words(html: str) -> str:
    """`html` (the app's own words, escaped) marked as such: copying from the page leaves them
    out, as the page's text does. An anchor with a name and no address is no link."""
    return f'<a class="ui" name="{UI_ANCHOR}">{html}</a>'


@dataclass(frozen=True, slots=True)
class Part:
    html: str
    text: str = ""
    """The part's words; empty for the app's own controls and notes."""


@dataclass(frozen=True, slots=True)
class Page:
    parts: tuple[Part, ...]

    @property
    def html(self) -> str:
        return "\n".join(part.html for part in self.parts if part.html)

    @property
    def text(self) -> str:
        """The page's words, a paragraph to a line, with no words of the app's own."""
        return "\n\n".join(part.text for part in self.parts if part.text) + "\n"


@dataclass(frozen=True, slots=True)
class MatrixContext:
    """What a page needs to know about its surroundings: matrix name and the cells it links to."""

    matrix: MatrixView
    cells: dict[str, CellSummary]
