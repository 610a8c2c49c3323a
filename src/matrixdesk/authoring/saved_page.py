"""Reading a cell page saved from the findings website as plain text ("Save as… Text").

Such a text has one block a line: the page's title line, the site's chrome (funders, menus),
the cell's title, its intro, the legend of study types, one line per study ("K Title (byline).
Annotation"), the `more` line, then the Matrix Bite between its "Open"/"Close Matrix Bite"
buttons. Headings, pull quotes and panels are only lines among the others; `bite_blocks` tells
them apart. What the text cannot show is left to `page_markdown` to mark for the editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from matrixdesk.core.schema import TYPED_STUDY_CODES

TITLE_LINE = re.compile(
    r"^(?P<matrix>[A-Z][\w ]*? Matrix) cell (?P<code>[A-E][1-5]): (?P<title>\S.*?)\s*$"
)
_LEGEND = re.compile(r"Seminal studies.*Key studies", re.IGNORECASE)
_CHROME = re.compile(
    r"^(?:Links to other documents\. Hover over for notes"
    r"|(?:Matrix Bite )?Open Matrix Bite"
    r"|Close Matrix Bite"
    r"|.*\bOpens new window\b)",
    re.IGNORECASE,
)
_BITE_END = re.compile(r"^Close Matrix Bite", re.IGNORECASE)
_BITE_START = re.compile(r"^Matrix Bite Open Matrix Bite", re.IGNORECASE)
_CODES = "".join(TYPED_STUDY_CODES)
_STUDY = re.compile(rf"^(?P<codes>[{_CODES}](?: [{_CODES}])*) (?P<rest>\S.*)$")
# The title ends at the first "(…year)." : the byline, as the page prints it after the title.
_BYLINE = re.compile(r"^(?P<title>.+?) \((?P<byline>[^()]*?\b\d{4}[a-z]?)\)\.(?: (?P<rest>.*))?$")
_MORE = re.compile(r"^more(?: (?P<text>.*))?$")
_THANKS = re.compile(r"^(?:Thanks|With thanks|We thank|Acknowledg)", re.IGNORECASE)


class NotACellPageError(ValueError):
    """The text is not a cell page saved from the findings website."""


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    blank_before: int  # blank lines before it: two start a Matrix Bite section


@dataclass(frozen=True, slots=True)
class SavedStudy:
    types: tuple[str, ...]
    title: str
    byline: str | None  # None: the saved line has no "(…year)." after a title
    annotation: str


@dataclass
class SavedPage:
    matrix_name: str
    code: str
    title: str
    intro: list[str] = field(default_factory=list)
    studies: list[SavedStudy] = field(default_factory=list)
    more: str | None = None
    bite: list[Line] = field(default_factory=list)
    acknowledgement: list[str] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)
    """The parts the saved text holds, in page order; `missing` names the rest."""
    ends_early: bool = False
    """The text stops before the page's end: the last line read may be cut short."""

    @property
    def missing(self) -> list[str]:
        return [part for part in PAGE_PARTS if part not in self.reached]


PAGE_PARTS = ("intro", "studies", "more", "Matrix Bite", "acknowledgement", "end of the page")


def read_saved_page(text: str) -> SavedPage:
    """The parts of a saved cell page. Raises NotACellPageError if its first line is not a cell
    page's title line."""
    lines = _lines(text)
    if not lines or not (title := TITLE_LINE.match(lines[0].text)):
        first = lines[0].text[:80] if lines else "(the file is empty)"
        raise NotACellPageError(
            "this is not a cell page saved from the findings website: its first line should "
            "read like 'Alcohol Treatment Matrix cell B5: Practitioners; Safeguarding the "
            f"community', not '{first}'"
        )
    page = SavedPage(title.group("matrix"), title.group("code"), title.group("title"))
    rest = lines[1:]
    # The cell's title stands alone after the site's menus; the intro follows it.
    start = next((i for i, line in enumerate(rest) if line.text == page.title), None)
    if start is None:
        page.ends_early = True
        return page
    rest = rest[start + 1 :]
    intro = _until(rest, lambda line: bool(_LEGEND.search(line.text)))
    page.intro = [line.text for line in intro if not _CHROME.match(line.text)]
    if page.intro:
        page.reached.append("intro")
    rest = rest[len(intro) + 1 :]
    studies = _until(
        rest, lambda line: bool(_MORE.match(line.text) or _BITE_START.match(line.text))
    )
    _read_studies(page, studies)
    rest = rest[len(studies) :]
    if rest and (more := _MORE.match(rest[0].text)):
        page.more = more.group("text") or ""
        page.reached.append("more")
        rest = rest[1:]
    _read_bite(page, rest)
    return page


def _lines(text: str) -> list[Line]:
    lines, blank = [], 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = " ".join(raw.split())
        if stripped:
            lines.append(Line(stripped, blank))
            blank = 0
        else:
            blank += 1
    return lines


def _until(lines: list[Line], stop: Callable[[Line], bool]) -> list[Line]:
    """The lines before the first for which `stop(line)` is true (all of them if none is)."""
    return next((lines[:i] for i, line in enumerate(lines) if stop(line)), lines)


def _read_studies(page: SavedPage, lines: list[Line]) -> None:
    for line in lines:
        if _CHROME.match(line.text):
            continue
        if study := _STUDY.match(line.text):
            codes = tuple(study.group("codes").split())
            if byline := _BYLINE.match(study.group("rest")):
                page.studies.append(
                    SavedStudy(
                        codes,
                        byline.group("title"),
                        byline.group("byline"),
                        byline.group("rest") or "",
                    )
                )
            else:  # cut short, or printed without a year: all of it is the title
                page.studies.append(SavedStudy(codes, study.group("rest"), None, ""))
        elif page.studies:  # a second paragraph of the study above
            last = page.studies[-1]
            annotation = f"{last.annotation}\n\n{line.text}".strip()
            page.studies[-1] = SavedStudy(last.types, last.title, last.byline, annotation)
    if page.studies:
        page.reached.append("studies")


def _read_bite(page: SavedPage, lines: list[Line]) -> None:
    """The Matrix Bite: everything after the buttons that open it, up to the one that closes
    it at the page's end (the saved text repeats the closing button right after opening)."""
    body: list[Line] = []
    ended = False
    for number, line in enumerate(lines):
        if _BITE_END.match(line.text) and number and body:
            ended = True
            break
        if _CHROME.match(line.text):
            continue
        blank = line.blank_before if body else 2  # the first line starts a section
        body.append(Line(line.text, blank))
    if body:
        page.reached.append("Matrix Bite")
    thanks = len(body)
    while thanks and _THANKS.match(body[thanks - 1].text):
        thanks -= 1
    if ended and thanks < len(body):
        page.acknowledgement = [line.text for line in body[thanks:]]
        body = body[:thanks]
        page.reached.append("acknowledgement")
    page.bite = body
    if ended:
        page.reached.append("end of the page")
    else:
        page.ends_early = True
