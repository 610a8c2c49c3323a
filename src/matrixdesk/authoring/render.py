"""Rendering Markdown fragments to the HTML blocks stored in the pack; problems get lines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from xml.etree import ElementTree

from markdown import Markdown

from matrixdesk.authoring.editor_marks import UNKNOWN_TARGET, unknown_link_message
from matrixdesk.authoring.limits import nesting_problems
from matrixdesk.authoring.markdown_ext import (
    CONTAINER_KINDS,
    LinkTarget,
    LinkTitler,
    MatrixExtension,
)
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.raw_markup import markup_problems
from matrixdesk.authoring.sources import Fragment

_BLOCK_KIND_BY_TAG = {"p": "paragraph", "blockquote": "quote", "ul": "list", "ol": "list"}


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    kind: str
    title: str | None
    html: str
    text: str

    @property
    def stored_html(self) -> str:
        """The block as the pack keeps it: a paragraph as its inline HTML, inside the <p> our
        own serializer writes (which has no attributes); any other block whole."""
        if self.kind == "paragraph":
            assert self.html.startswith("<p>") and self.html.endswith("</p>"), self.html[:20]
            return self.html[len("<p>") : -len("</p>")]
        return self.html


@dataclass(frozen=True, slots=True)
class PlacedLink:
    target: LinkTarget
    line: int
    block: int  # index of the block the link sits in


@dataclass(frozen=True, slots=True)
class Rendered:
    blocks: tuple[RenderedBlock, ...]
    links: tuple[PlacedLink, ...]

    @property
    def html(self) -> str:
        return "\n".join(block.html for block in self.blocks)

    @property
    def text(self) -> str:
        return " ".join(block.text for block in self.blocks)


class FragmentRenderer:
    """One Markdown instance reused for every fragment of a build (reset between fragments)."""

    def __init__(self, titles: LinkTitler | None = None) -> None:
        """`titles` gives every link its hover text as it is written."""
        self._extension = MatrixExtension()
        self._extension.state.titles = titles
        self._markdown = Markdown(extensions=[self._extension], output_format="html")

    def render(self, fragment: Fragment, matrix: str, cell: str, problems: ProblemLog) -> Rendered:
        state = self._extension.state
        self._markdown.reset()
        state.matrix, state.cell = matrix, cell
        refused = [*nesting_problems(fragment), *markup_problems(fragment)]
        for line, message in refused:
            problems.add(fragment.path, line, message)
        if refused:
            return Rendered((), ())
        try:
            self._markdown.convert("\n".join(fragment.lines))
        except RecursionError:  # a backstop: nesting_problems refuses what causes this
            problems.add(fragment.path, fragment.first_line, "this text nests too deeply to read")
            return Rendered((), ())

        for opening, message in state.container_problems:
            problems.add(fragment.path, fragment.line_of(opening), message)
        written = _WrittenLinks(fragment)
        for href in state.bad_links:
            problems.add(fragment.path, written.line_of(href), _bad_link_message(href))
        # Counted, so two on a line ("click [here](?) and [here](?)") are not one warning.
        unknown = Counter((written.line_of(UNKNOWN_TARGET), text) for text in state.unknown_links)
        for (line, text), count in unknown.items():
            problems.warn(fragment.path, line, unknown_link_message(text, count))
        for source in state.images:
            problems.add(
                fragment.path,
                written.line_of(source),
                f"images cannot be shown in MatrixDesk pages ('{source}'): describe the image "
                "in words, or link to where it can be seen with [text](https://...)",
            )
        links = tuple(self._place_links(written, state.links, state.blocks))
        blocks = tuple(self._block(element, fragment, problems) for element in state.blocks)
        return Rendered(blocks, links)

    @staticmethod
    def _place_links(
        written: _WrittenLinks,
        links: list[tuple[ElementTree.Element, LinkTarget]],
        blocks: list[ElementTree.Element],
    ) -> list[PlacedLink]:
        """Give each link its source line and the index of the block that holds it."""
        block_of = {id(a): i for i, block in enumerate(blocks) for a in block.iter("a")}
        return [
            PlacedLink(target, written.line_of(target.href), block_of[id(anchor)])
            for anchor, target in links
        ]

    def _block(
        self, element: ElementTree.Element, fragment: Fragment, problems: ProblemLog
    ) -> RenderedBlock:
        kind = _BLOCK_KIND_BY_TAG.get(element.tag, "other")
        title = None
        if element.tag == "div" and element.get("class") in CONTAINER_KINDS:
            kind = element.get("class", "other")
            # The title travels as the block's own field; the HTML shows it as .panel-title.
            title = element.attrib.pop("title", None)
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = "".join(element.itertext())
            problems.add(
                fragment.path,
                fragment.line_of(heading),
                f"heading '{heading}' is not allowed here: only ## and ### headings, in the "
                "Matrix Bite, start sections",
            )
        return RenderedBlock(kind, title, self._serialize(element), _plain_text(element, title))

    def _serialize(self, element: ElementTree.Element) -> str:
        html = self._markdown.serializer(element)
        for postprocessor in self._markdown.postprocessors:
            html = postprocessor.run(html)
        return html.strip()


class _WrittenLinks:
    """Where the links of a fragment are written, found in one pass over its lines: for each
    address, the lines of its links in order. Each link (or image) takes the next line of its
    address, so even a fragment of thousands of links is placed in linear time."""

    _LINK = re.compile(r"\]\(<?([^()<>\s]*)>?\)|<([^<>\s]+)>")

    def __init__(self, fragment: Fragment) -> None:
        self._first_line = fragment.first_line
        self._lines: defaultdict[str, deque[int]] = defaultdict(deque)
        for offset, line in enumerate(fragment.lines):
            for match in self._LINK.finditer(line):
                self._lines[match.group(1) or match.group(2)].append(fragment.first_line + offset)

    def line_of(self, href: str) -> int:
        """The line of the next link to `href` (`[text](href)` or `<href>`)."""
        for written in (href, href.removeprefix("mailto:")):
            lines = self._lines.get(written)
            if lines:
                return lines.popleft() if len(lines) > 1 else lines[0]
        return self._first_line


def _bad_link_message(href: str) -> str:
    if href.startswith("mailto:"):
        return (
            f"'{href.removeprefix('mailto:')}' in <angle brackets> becomes an e-mail link, which "
            "MatrixDesk cannot follow: write the address without the angle brackets"
        )
    return (
        f"unknown link target '{href}' (use cell:B5, cell:drug/B5, entry:<slug>, "
        "#<heading-slug>, doc:<slug> or an http(s) address; in a document, cell links "
        "name the matrix and there are no studies or headings to point at)"
    )


def _plain_text(element: ElementTree.Element, title: str | None) -> str:
    """The block's words with whitespace folded, without a container's title (stored apart)."""
    words = " ".join("".join(element.itertext()).split())
    if title and words.startswith(title):
        words = words[len(title) :].lstrip()
    return words
