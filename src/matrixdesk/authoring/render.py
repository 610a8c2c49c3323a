"""Rendering Markdown fragments to the HTML blocks stored in the pack; problems get lines."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

from markdown import Markdown

from matrixdesk.authoring.markdown_ext import CONTAINER_KINDS, LinkTarget, MatrixExtension
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.sources import Fragment

_BLOCK_KIND_BY_TAG = {"p": "paragraph", "blockquote": "quote", "ul": "list", "ol": "list"}


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    kind: str
    title: str | None
    html: str
    text: str


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

    def __init__(self) -> None:
        self._extension = MatrixExtension()
        self._markdown = Markdown(extensions=[self._extension], output_format="html")

    def render(self, fragment: Fragment, matrix: str, cell: str, problems: ProblemLog) -> Rendered:
        state = self._extension.state
        self._markdown.reset()
        state.matrix, state.cell = matrix, cell
        self._markdown.convert("\n".join(fragment.lines))

        for opening, message in state.container_problems:
            problems.add(fragment.path, fragment.line_of(opening), message)
        for href in state.bad_links:
            problems.add(
                fragment.path,
                fragment.line_of(f"]({href})"),
                f"unknown link target '{href}' (use cell:B5, cell:drug/B5, entry:<slug>, "
                "#<heading-slug>, doc:<slug> or an http(s) address; in a document, cell links "
                "name the matrix and there are no studies or headings to point at)",
            )
        links = tuple(self._place_links(fragment, state.links, state.blocks))
        blocks = tuple(self._block(element, fragment, problems) for element in state.blocks)
        return Rendered(blocks, links)

    @staticmethod
    def _place_links(
        fragment: Fragment,
        links: list[tuple[ElementTree.Element, LinkTarget]],
        blocks: list[ElementTree.Element],
    ) -> list[PlacedLink]:
        """Give each link its source line and the index of the block that holds it."""
        block_of = {id(a): i for i, block in enumerate(blocks) for a in block.iter("a")}
        seen: dict[str, int] = {}
        placed = []
        for anchor, target in links:
            needle = f"]({target.href})"
            line = fragment.line_of(needle, seen.get(needle, 0))
            seen[needle] = seen.get(needle, 0) + 1
            placed.append(PlacedLink(target, line, block_of[id(anchor)]))
        return placed

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


def _plain_text(element: ElementTree.Element, title: str | None) -> str:
    """The block's words with whitespace folded, without a container's title (stored apart)."""
    words = " ".join("".join(element.itertext()).split())
    if title and words.startswith(title):
        words = words[len(title) :].lstrip()
    return words
