"""The Python-Markdown extension that gives content sources their matrix-specific syntax.

* Fenced containers for the Matrix Bite's set-apart text::

      ::: pullquote
      ::: panel Title of the panel
      ::: extra          (folded inline text, unfolded on request)
      ::: supplementary  (folded supplementary text)
      :::                (closes the container)

* Internal link targets, rewritten to `matrixdesk:` addresses: `cell:A4`, `cell:drug/B5`,
  `cell:A4#<slug>` (a Matrix Bite heading of another cell),
  `entry:<slug>` (a study in this cell's list), `#<slug>` (a Matrix Bite heading) and
  `doc:<slug>` (a document in the pack).
* `[words](?)`, a link whose target the editor has still to give (`editor_marks`), becomes its
  words alone.
* Raw HTML is switched off: sources stay Markdown, and the pack holds only HTML we generate.
  Images are noted so the renderer can refuse them: pages show no pictures.

The extension only records what it sees (links, container problems, top-level blocks); the renderer
turns that into line-numbered problems and pack rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Protocol
from xml.etree import ElementTree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from matrixdesk.authoring.cell_body import DOCUMENT_SCHEME
from matrixdesk.authoring.editor_marks import UNKNOWN_TARGET
from matrixdesk.core.addresses import Address, DocumentAddress
from matrixdesk.core.checked import is_web_address
from matrixdesk.core.schema import ABSENT_CLASS

CONTAINER_KINDS = ("pullquote", "panel", "extra", "supplementary")
_CONTAINER_START = re.compile(r"^:::[ \t]*(?P<kind>[A-Za-z-]*)[ \t]*(?P<title>.*?)[ \t]*$")
_CONTAINER_END = ":::"
_CELL_TARGET = re.compile(
    r"^cell:(?:(?P<matrix>[a-z][a-z0-9-]*)/)?(?P<code>[^/\s#]+)(?:#(?P<slug>[^\s#]+))?$"
)
_ENTRY_TARGET = re.compile(r"^entry:(?P<slug>.+)$")
_DOCUMENT_TARGET = re.compile(rf"^{DOCUMENT_SCHEME}(?P<slug>.+)$")


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What one link in the source points at, before anyone checks that it exists."""

    kind: str  # "cell", "entry", "section" or "external"
    href: str  # as written in the source
    text: str
    address: str  # the rewritten href: a matrixdesk: address or the external URL
    matrix: str | None = None
    cell: str | None = None
    slug: str | None = None


class LinkTitler(Protocol):
    def title(self, target: LinkTarget, here: str) -> str | None: ...

    def is_absent(self, target: LinkTarget) -> bool: ...


@dataclass
class RenderState:
    """What one conversion saw; reset by Markdown.reset() before the next fragment."""

    matrix: str = ""
    cell: str = ""
    titles: LinkTitler | None = None
    """Gives each link its hover text (set once, for a whole build)."""
    links: list[tuple[ElementTree.Element, LinkTarget]] = field(default_factory=list)
    bad_links: list[str] = field(default_factory=list)
    """Link targets (as written, entities decoded) that are no valid target here."""
    unknown_links: list[str] = field(default_factory=list)
    """The words of each `[words](?)` link, whose target is still to be given."""
    images: list[str] = field(default_factory=list)
    """The addresses of images (`![text](address)`), which pages cannot show."""
    container_problems: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[ElementTree.Element] = field(default_factory=list)

    def clear(self) -> None:
        self.links.clear()
        self.bad_links.clear()
        self.unknown_links.clear()
        self.images.clear()
        self.container_problems.clear()
        self.blocks.clear()


class ContainerProcessor(BlockProcessor):
    """`::: kind [title]` ... `:::`, whose inside is ordinary Markdown (paragraphs, quotes)."""

    def __init__(self, parser, state: RenderState) -> None:
        super().__init__(parser)
        self.state = state

    def test(self, parent: ElementTree.Element, block: str) -> bool:
        return block.startswith(":::") and block.split("\n", 1)[0].strip() != _CONTAINER_END

    def run(self, parent: ElementTree.Element, blocks: list[str]) -> None:
        opening, _, rest = blocks.pop(0).partition("\n")
        match = _CONTAINER_START.match(opening)
        kind = match.group("kind") if match else ""
        title = match.group("title") if match else ""
        if kind not in CONTAINER_KINDS:
            known = ", ".join(CONTAINER_KINDS)
            self.state.container_problems.append(
                (opening, f"unknown container '::: {kind}' (use one of: {known})")
            )
        inside, closed = self._take_until_end(rest, blocks)
        if not closed:
            self.state.container_problems.append(
                (opening, "this container is never closed: add a ':::' line after its text")
            )
        div = ElementTree.SubElement(parent, "div", {"class": kind or "container"})
        if title:
            div.set("title", title)
            heading = ElementTree.SubElement(div, "p", {"class": "panel-title"})
            heading.text = title
        self.parser.parseBlocks(div, inside)

    @staticmethod
    def _take_until_end(first: str, blocks: list[str]) -> tuple[list[str], bool]:
        """Collect blank-line separated blocks up to the closing `:::` line."""
        inside: list[str] = []
        current: str | None = first
        while current is not None:
            lines = current.split("\n")
            ends = [i for i, line in enumerate(lines) if line.strip() == _CONTAINER_END]
            if ends:
                inside.append("\n".join(lines[: ends[0]]))
                remainder = "\n".join(lines[ends[0] + 1 :])
                if remainder.strip():
                    blocks.insert(0, remainder)
                return inside, True
            inside.append(current)
            current = blocks.pop(0) if blocks else None
        return inside, False


class LinkRewriter(Treeprocessor):
    """Turn short link targets into `matrixdesk:` addresses and note every link."""

    def __init__(self, md: Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: ElementTree.Element) -> None:
        self.state.images += [_decoded(image.get("src", "")) for image in root.iter("img")]
        parents = {child: parent for parent in root.iter() for child in parent}
        for anchor in list(root.iter("a")):
            href = anchor.get("href", "")
            if href == UNKNOWN_TARGET:
                self.state.unknown_links.append("".join(anchor.itertext()))
                _unwrap(anchor, parents[anchor])
                continue
            target = self._resolve(href, "".join(anchor.itertext()))
            if target is None:
                self.state.bad_links.append(_decoded(href))
                continue
            anchor.set("href", target.address)
            if titles := self.state.titles:
                if title := titles.title(target, self.state.matrix):
                    anchor.set("title", title)
                if titles.is_absent(target):
                    anchor.set("class", ABSENT_CLASS)
            self.state.links.append((anchor, target))

    def _resolve(self, href: str, text: str) -> LinkTarget | None:
        """What `href` points at; None if it is no valid target here."""
        state = self.state
        if is_web_address(href):
            return LinkTarget("external", href, text, href)
        if document := _DOCUMENT_TARGET.match(href):
            slug = document.group("slug")
            return LinkTarget("document", href, text, str(DocumentAddress(slug)), slug=slug)
        if cell := _CELL_TARGET.match(href):
            matrix = cell.group("matrix") or state.matrix
            if not matrix:  # a document belongs to no matrix, so its cell links must name one
                return None
            code, heading = cell.group("code"), cell.group("slug")
            target = str(Address(matrix, code, section=heading))
            return LinkTarget("cell", href, text, target, matrix, code, heading)
        if not state.cell:  # studies and Matrix Bite headings exist only inside a cell
            return None
        if href.startswith("#") and len(href) > 1:
            slug = href[1:]
            address = Address(state.matrix, state.cell, section=slug)
            return LinkTarget("section", href, text, str(address), state.matrix, state.cell, slug)
        if entry := _ENTRY_TARGET.match(href):
            slug = entry.group("slug")
            address = Address(state.matrix, state.cell, entry=slug)
            return LinkTarget("entry", href, text, str(address), state.matrix, state.cell, slug)
        return None


def _unwrap(element: ElementTree.Element, parent: ElementTree.Element) -> None:
    """Put `element`'s words and children in its place in `parent`."""
    index = list(parent).index(element)
    children = list(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)

    def append_text(before: int, text: str | None) -> None:
        """Add `text` after the child at `before` (-1: at the start of `parent`)."""
        if not text:
            return
        if before < 0:
            parent.text = (parent.text or "") + text
        else:
            parent[before].tail = (parent[before].tail or "") + text

    append_text(index - 1, element.text)
    append_text(index + len(children) - 1, element.tail)


def _decoded(href: str) -> str:
    """`href` as written: an e-mail autolink's address comes out of Python-Markdown as character
    references behind a placeholder for '&'."""
    return unescape(href.replace(AMP_SUBSTITUTE, "&"))


class BlockCollector(Treeprocessor):
    """Keep the finished top-level elements, so each can be stored as a block of its own."""

    def __init__(self, md: Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: ElementTree.Element) -> None:
        self.state.blocks.extend(root)


class MatrixExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.state = RenderState()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.registerExtension(self)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")
        md.parser.blockprocessors.register(
            ContainerProcessor(md.parser, self.state), "container", 105
        )
        md.treeprocessors.register(LinkRewriter(md, self.state), "matrix_links", 15)
        # Lowest priority: runs after inline parsing, prettifying and unescaping are all done.
        md.treeprocessors.register(BlockCollector(md, self.state), "matrix_blocks", -100)

    def reset(self) -> None:
        self.state.clear()
