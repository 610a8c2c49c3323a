"""HTML for the reading pane (QTextBrowser's rich-text subset), built from core view data.

Pure functions, no Qt: easy to test and cheap to call again when the reader folds, filters or
highlights. In-page controls are links with the `action:` scheme, handled by the page view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from matrixdesk.core.addresses import Address, DocumentAddress, SearchAddress
from matrixdesk.core.schema import FOLDED_BLOCK_KINDS, STUDY_TYPES
from matrixdesk.core.views import (
    BlockView,
    CellPage,
    CellSummary,
    DocumentView,
    EntryView,
    MatrixView,
    SectionView,
)
from matrixdesk.ui.page_state import PageState, entry_anchor, fold_key, section_anchor

# Short labels printed under each type icon, so the list reads without knowing the letters.
TYPE_LABELS = {"S": "Seminal", "K": "Key", "R": "Review", "G": "Guidance", "more": "More"}
TYPE_TOOLTIPS = {
    "S": "Seminal study",
    "K": "Key study",
    "R": "Review",
    "G": "Guidance",
    "more": "Search for more studies",
}
_ANCHOR = re.compile(r'<a href="([^"]+)">')


@dataclass(frozen=True, slots=True)
class MatrixContext:
    """What a page needs to know about its surroundings: matrix name and the cells it links to."""

    matrix: MatrixView
    cells: dict[str, CellSummary]


def cell_page_html(
    page: CellPage, context: MatrixContext, state: PageState, icon_px: int = 17
) -> str:
    """The whole cell page; `icon_px` is the type icons' size at the reader's zoom."""
    summary = page.summary
    parts = [_cell_header(summary, context)]
    if page.intro_html:
        parts.append(f'<div class="intro">{page.intro_html}</div>')
    parts.append(_study_list(page, context, state, icon_px))
    if page.sections:
        parts.append(_bite(page, context, state))
    if page.acknowledgement_html and state.bite_open:
        parts.append(
            f'<div class="ack">{_with_hover(page.acknowledgement_html, page, context)}</div>'
        )
    return "\n".join(parts)


def not_in_pack_html(summary: CellSummary, context: MatrixContext) -> str:
    url = escape(summary.online_url)
    return "\n".join(
        [
            _cell_header(summary, context),
            f'<p class="placement">Column {summary.column.key}: {escape(summary.column.name)}'
            f" &middot; Row {summary.row.key}: {escape(summary.row.name)}</p>",
            '<p class="notice">The installed content pack does not include this cell&#8217;s '
            "studies or Matrix Bite.</p>",
            f'<p>Online, this cell is at <a href="{url}" title="Needs internet">{url}</a> '
            "(needs internet; opens in your web browser only if you choose to).</p>",
        ]
    )


def axis_listing_html(context: MatrixContext, axis: str, key: str) -> str:
    """The five cells of one column ("column") or row ("row")."""
    matrix = context.matrix
    axes = matrix.columns if axis == "column" else matrix.rows
    chosen = next(a for a in axes if a.key == key)
    if axis == "column":
        heading = f"Column {key}: {escape(chosen.name)}"
        about = f"Intervention level. Mainly for {escape(chosen.description)}."
        codes = [f"{key}{row.key}" for row in matrix.rows]
    else:
        heading = f"Row {key}: {escape(chosen.name)}"
        about = f"Intervention type. Matrix Bites course: {escape(chosen.description)}."
        codes = [f"{column.key}{key}" for column in matrix.columns]
    items = []
    for code in codes:
        cell = context.cells[code]
        status = "" if cell.has_content else ' <span class="muted">(not in this pack)</span>'
        line = escape(cell.headline) if cell.headline else ""
        items.append(
            f'<li><a href="{cell.address}"><b>{code}</b> {escape(cell.title)}</a>{status}'
            + (f"<br>{line}" if line else "")
            + "</li>"
        )
    return (
        f'<p class="matrix-name">{escape(matrix.name)}</p><h1>{heading}</h1>'
        f'<p class="muted">{about}</p><ul class="listing">{"".join(items)}</ul>'
    )


def _cell_header(summary: CellSummary, context: MatrixContext) -> str:
    headline = f'<p class="headline">{escape(summary.headline)}</p>' if summary.headline else ""
    return (
        f'<p class="matrix-name">{escape(context.matrix.name)} &middot; cell {summary.code}</p>'
        f"<h1>{escape(summary.title)}</h1>{headline}"
    )


def typed_count(entries: Iterable[EntryView]) -> int:
    """How many of `entries` are studies: the "more" entry, a stored search, is not one."""
    return sum(1 for e in entries if e.search_query is None)


def _study_list(page: CellPage, context: MatrixContext, state: PageState, icon_px: int) -> str:
    shown = [e for e in page.entries if state.type_filter is None or state.type_filter in e.types]
    rows = [_entry_row(e, page, context, state, icon_px) for e in shown]
    if state.type_filter is not None:
        count, total = typed_count(shown), typed_count(page.entries)
        label = STUDY_TYPES[state.type_filter].lower()
        note = (
            f'<p class="muted">Showing {count} of {total} studies ({escape(label)} only). '
            '<a href="action:filter/all">Show all</a></p>'
        )
        rows.insert(0, note)
    return f'<h2 class="studies">Studies</h2>{"".join(rows)}'


def _entry_row(
    entry: EntryView, page: CellPage, context: MatrixContext, state: PageState, icon_px: int
) -> str:
    """One study as on the web page: type icon(s) hanging in the margin, then headline, date
    and annotation in one paragraph (not a table: paragraphs lay out several times faster)."""
    icons = "".join(
        f'<img src="icon:{code}" width="{icon_px}" height="{icon_px}" '
        f'title="{TYPE_TOOLTIPS[code]}">'
        for code in entry.types
    )
    labels = " / ".join(TYPE_LABELS[code] for code in entry.types)
    anchor = f'<a name="{entry_anchor(entry.slug)}"></a>'
    lead = f'{anchor}{icons} <span class="type-label">{labels}</span> '
    if entry.search_query is None:
        byline = f" ({escape(entry.byline)})." if entry.byline else ""
        lead += f'<span class="entry-headline">{escape(entry.headline)}</span>{byline} '
    # One class only: Qt's rich text does not combine several classes on an element.
    kind = "entry-highlight" if state.highlight == entry_anchor(entry.slug) else "entry"
    annotation = _with_hover(entry.annotation_html, page, context)
    annotation = annotation.replace("<p>", f'<p class="{kind}">{lead}', 1)
    return annotation + _document_line(entry) + _stored_search_line(entry)


def _stored_search_line(entry: EntryView) -> str:
    """The `more` entry's search, run in this pack (the web page's search needs internet)."""
    if not entry.search_query:
        return ""
    address = SearchAddress(entry.search_query)
    return (
        f'<p class="document">Search this pack for: <a href="{address}" '
        f'title="Show everything in this pack about this">{escape(entry.search_query)}</a></p>'
    )


def _document_line(entry: EntryView) -> str:
    if entry.document_slug:
        title = escape(entry.document_title or entry.document_slug)
        address = DocumentAddress(entry.document_slug)
        return (
            f'<p class="document">Document: <a href="{address}" title="Open in MatrixDesk">'
            f"{title}</a> (in this pack)</p>"
        )
    if not entry.document_url:
        return ""
    url = escape(entry.document_url)
    return (
        f'<p class="document">Document: <a href="{url}" title="Needs internet">{url}</a> '
        f'<span class="muted">(needs internet)</span> &middot; '
        f'<a href="action:copy/{entry.slug}">Copy address</a></p>'
    )


def document_html(document: DocumentView) -> str:
    """A document the pack carries: its details, its text, and the studies that cite it."""
    details = ", ".join(
        escape(part) for part in (document.authors, document.source, document.year) if part
    )
    parts = [
        '<p class="matrix-name">Document</p>',
        f"<h1>{escape(document.title)}</h1>",
        f'<p class="headline">{details}</p>' if details else "",
    ]
    if document.original_url:
        url = escape(document.original_url)
        parts.append(
            f'<p class="muted">Original: <a href="{url}" title="Needs internet">{url}</a> '
            "(needs internet)</p>"
        )
    for heading, html in (
        ("Summary", document.summary_html),
        ("Key points", document.key_points_html),
        ("Commentary", document.commentary_html),
    ):
        if html:
            parts.append(f"<h3>{heading}</h3>{html}")
    if document.cited_by:
        items = "".join(
            f'<li><a href="{entry.address}">{escape(entry.headline)}</a> '
            f'<span class="muted">({escape(entry.cell_title)})</span></li>'
            for entry in document.cited_by
        )
        parts.append(f'<h3>Listed in</h3><ul class="listing">{items}</ul>')
    return "\n".join(part for part in parts if part)


def _bite(page: CellPage, context: MatrixContext, state: PageState) -> str:
    if not state.bite_open:
        return (
            '<h2 class="bite">Matrix Bite</h2>'
            '<p class="bite-toggle"><a href="action:bite/open">&#9656; Open Matrix Bite guide '
            "and commentary</a></p>"
        )
    parts = [
        '<h2 class="bite">Matrix Bite</h2>',
        '<p class="bite-toggle"><a href="action:bite/close">&#9662; Close Matrix Bite guide '
        "and commentary</a></p>",
    ]
    for section in page.sections:
        parts.append(_section(section, page, context, state))
    parts.append(
        '<p class="bite-toggle"><a href="action:bite/close">&#9652; Close Matrix Bite guide '
        "and commentary</a></p>"
    )
    return "\n".join(parts)


def _section(section: SectionView, page: CellPage, context: MatrixContext, state: PageState) -> str:
    anchor = section_anchor(section.slug)
    tag = "h3" if section.level == 2 else "h4"
    marked = ' class="highlight"' if state.highlight == anchor else ""
    # The name goes inside the heading: Qt drops an empty anchor that stands between blocks.
    parts = [f'<{tag}{marked}><a name="{anchor}"></a>{escape(section.title)}</{tag}>']
    for index, block in enumerate(section.blocks):
        key = fold_key(section.slug, index)
        parts.append(_block(block, key, key in state.unfolded, page, context))
    return "\n".join(parts)


def _block(
    block: BlockView, key: str, unfolded: bool, page: CellPage, context: MatrixContext
) -> str:
    html = _with_hover(block.html, page, context)
    if block.kind in FOLDED_BLOCK_KINDS:
        if not unfolded:
            return (
                f'<p class="fold"><a href="action:fold/{key}">&#9656; Unfold {block.kind} text'
                "</a></p>"
            )
        return (
            f'<table class="{block.kind}" width="100%" cellpadding="8"><tr><td>{html}'
            f'<p class="fold"><a href="action:fold/{key}">&#9652; Fold {block.kind} text</a></p>'
            "</td></tr></table>"
        )
    if block.kind == "panel":
        return (
            f'<table class="panel" width="100%" cellpadding="12"><tr><td>{html}</td></tr></table>'
        )
    return html


def hover_text(address: str, page: CellPage, context: MatrixContext) -> str | None:
    """What hovering an internal link shows: the study's note (or its headline), the heading a
    "For discussion" link scrolls to, or the title of the cell a cross-cell link opens."""
    target = Address.parse(address)
    if target is None or target.cell is None:
        return None
    if target.entry:
        entry = next((e for e in page.entries if e.slug == target.entry), None)
        if entry is None:
            return None
        if entry.note:
            return entry.note
        byline = f" ({entry.byline})" if entry.byline else ""
        return f"{entry.headline}{byline}"
    if target.section and target.cell == page.summary.code:
        section = next((s for s in page.sections if s.slug == target.section), None)
        return f"Go to “{section.title}” in the Matrix Bite" if section else None
    cell = context.cells.get(target.cell) if target.matrix == context.matrix.key else None
    if cell is None:
        return f"Open {target.matrix} matrix cell {target.cell}"
    headline = f": {cell.headline}" if cell.headline else ""
    return f"Cell {cell.code}, {cell.title}{headline}"


def _with_hover(html: str, page: CellPage, context: MatrixContext) -> str:
    def add_title(match: re.Match[str]) -> str:
        address = match.group(1)
        text = hover_text(address, page, context)
        if text is None and address.startswith(("http://", "https://")):
            text = f"{address} (needs internet)"
        title = f' title="{escape(text)}"' if text else ""
        return f'<a href="{address}"{title}>'

    return _ANCHOR.sub(add_title, html)
