"""A cell page for paper: what the screen shows, without the app's controls.

Built from the same view data as the screen's page (`cell_page`), not from its HTML: no `action:`
links (fold, copy, filter), no margin icons (each study's type is printed as its letter and
word, so a greyscale printer loses nothing), folded text left out or printed whole as the reader
chose. Links keep their addresses and hover notes (`title`) for the export layer to turn into
numbered notes; `web_address` says which address a link stands for on paper. No Qt.
"""

from __future__ import annotations

from html import escape
from typing import Final

from matrixdesk.core.addresses import Address, DocumentAddress, parse_place
from matrixdesk.core.schema import FOLDED_BLOCK_KINDS
from matrixdesk.core.views import BlockView, CellPage, EntryView, SectionView
from matrixdesk.page.cell_page import TYPE_LABELS, annotation_block, cell_header
from matrixdesk.page.parts import MatrixContext, Page, Part
from matrixdesk.page.state import PageState, all_unfolded, shown_entries

SHOWN, UNFOLDED, STUDIES, BITE = "shown", "unfolded", "studies", "bite"
PRINT_SCOPES: Final = {
    SHOWN: "The page as shown",
    UNFOLDED: "Everything unfolded",
    STUDIES: "The study list alone",
    BITE: "The Matrix Bite alone",
}
"""What of a cell page to print, and how the options dialog names each choice."""


def printable_cell(page: CellPage, context: MatrixContext, state: PageState, scope: str) -> Page:
    """The cell page for paper. `state` is the reader's (folds, filter) for SHOWN; the other
    scopes print their part whole, every study and all folded text."""
    if scope not in PRINT_SCOPES:
        raise ValueError(f"unknown print scope {scope!r}")
    if scope != SHOWN:
        state = all_unfolded(page, PageState())
    parts = [cell_header(page.summary, context)]
    if page.intro_html and scope in (SHOWN, UNFOLDED):
        parts.append(Part(f'<div class="intro">{page.intro_html}</div>', page.intro_text or ""))
    if scope != BITE:
        parts.append(study_list(page, state))
    if page.sections and scope != STUDIES:
        parts.append(_bite(page, state))
    if page.acknowledgement_html and state.bite_open and scope != STUDIES:
        html = page.acknowledgement_html
        parts.append(Part(f'<div class="ack">{html}</div>', page.acknowledgement_text or ""))
    return Page(tuple(parts))


def study_list(page: CellPage, state: PageState) -> Part:
    """The studies the reader's filter shows, each with its type in letters and words."""
    rows = [print_entry(entry) for entry in shown_entries(page, state)]
    heading = "Studies"
    if len(rows) < len(page.entries):
        heading += f" (only {len(rows)} of {len(page.entries)} entries, as filtered on screen)"
    return Part(
        f'<h2 class="studies">{escape(heading)}</h2>' + "".join(row.html for row in rows),
        "\n\n".join([heading, *(row.text for row in rows)]),
    )


def print_entry(entry: EntryView) -> Part:
    """One study: type letter(s) and word(s), headline and date (its hover note on the
    headline, to become a numbered note), its annotation, and its document's address."""
    codes = "/".join(entry.types)
    labels = " / ".join(TYPE_LABELS[code] for code in entry.types)
    lead = (
        f'<span class="type-code">[{escape(codes)}]</span> '
        f'<span class="type-label">{labels}</span> '
    )
    words = f"[{codes}] {labels}:"
    if entry.search_query is None:
        note = f' title="{escape(entry.note)}"' if entry.note else ""
        byline = f" ({escape(entry.byline)})." if entry.byline else ""
        lead += f'<b class="entry-headline"{note}>{escape(entry.headline)}</b>{byline} '
        words += f" {entry.headline}" + (f" ({entry.byline})." if entry.byline else "")
    blocks = list(entry.annotation)
    opening = blocks.pop(0).html if blocks and blocks[0].kind == "paragraph" else ""
    rest = "".join(annotation_block(block) for block in blocks)
    document = ""
    if entry.document_url:
        url = escape(entry.document_url)
        document = f'<p class="document">Document: {url}</p>'
    elif entry.document_slug:
        title = escape(entry.document_title or entry.document_slug)
        document = f'<p class="document">Document: {title} (in the MatrixDesk pack)</p>'
    return Part(
        f'<p class="entry">{lead}{opening}</p>{rest}{document}',
        f"{words} {entry.annotation_text}".strip(),
    )


def _bite(page: CellPage, state: PageState) -> Part:
    heading = '<h2 class="bite">Matrix Bite</h2>'
    if not state.bite_open:
        return Part(
            heading + '<p class="muted">Folded on screen, so not printed: choose '
            "“Everything unfolded” or “The Matrix Bite alone” to print it.</p>",
            "Matrix Bite",
        )
    sections = [print_section(section, state) for section in page.sections]
    return Part(
        heading + "\n".join(s.html for s in sections),
        "\n\n".join(["Matrix Bite", *(s.text for s in sections)]),
    )


def print_section(section: SectionView, state: PageState) -> Part:
    """A Matrix Bite heading and its blocks; folded text only if the reader unfolded it."""
    tag = "h3" if section.level == 2 else "h4"
    parts = [Part(f"<{tag}>{escape(section.title)}</{tag}>", section.title)]
    for index, block in enumerate(section.blocks):
        if block.kind in FOLDED_BLOCK_KINDS and f"{section.slug}/{index}" not in state.unfolded:
            continue
        parts.append(print_block(block))
    return Part(
        "\n".join(part.html for part in parts),
        "\n\n".join(part.text for part in parts if part.text),
    )


def print_block(block: BlockView) -> Part:
    """A block as paper shows what it is: a panel or folded text boxed, a pull quote ruled
    and set in from both sides."""
    html = f"<p>{block.html}</p>" if block.kind == "paragraph" else block.html
    text = "\n".join(line for line in (block.title, block.text) if line)
    if block.kind == "pullquote":
        html = (
            '<table class="pullquote" width="80%" align="center" border="1" cellspacing="0" '
            f'cellpadding="10"><tr><td>{html}</td></tr></table>'
        )
    elif block.kind == "panel" or block.kind in FOLDED_BLOCK_KINDS:
        html = (
            f'<table class="{block.kind}" width="100%" border="1" cellspacing="0" '
            f'cellpadding="10"><tr><td>{html}</td></tr></table>'
        )
    return Part(html, text)


def web_address(href: str, context: MatrixContext, page: CellPage | None) -> str | None:
    """The web address a link stands for on paper, or None: a web link's own; another cell's
    page online; never an address of the app's own (`matrixdesk:`, `action:`). A study or
    heading of the page being printed is on the paper already: it has none."""
    if href.startswith(("http://", "https://")):
        return href
    place = parse_place(href) if href.startswith("matrixdesk:") else None
    if isinstance(place, DocumentAddress) or not isinstance(place, Address):
        return None
    if place.matrix != context.matrix.key or place.cell is None:
        return None
    if page is not None and place.cell == page.summary.code and (place.entry or place.section):
        return None
    cell = context.cells.get(place.cell)
    return cell.online_url if cell else None
