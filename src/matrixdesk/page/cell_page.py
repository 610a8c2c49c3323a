"""A cell page: header, intro, typed study list, the Matrix Bite and acknowledgements.

Pure functions, no Qt: cheap to call again when the reader folds, filters or highlights. In-page
controls are links with the `action:` scheme, which the page view handles.
"""

from __future__ import annotations

from html import escape

from matrixdesk.core.addresses import DocumentAddress, SearchAddress
from matrixdesk.core.schema import FOLDED_BLOCK_KINDS, STUDY_TYPES
from matrixdesk.core.views import BlockView, CellPage, CellSummary, EntryView, SectionView
from matrixdesk.page.outline import BITE_ANCHOR, STUDIES_ANCHOR
from matrixdesk.page.parts import (
    NEEDS_INTERNET,
    OPEN_IN_APP,
    SEARCH_HERE,
    TYPES_ANCHOR,
    MatrixContext,
    Page,
    Part,
    ui_words,
)
from matrixdesk.page.state import (
    PageState,
    entry_anchor,
    fold_key,
    section_anchor,
    shown_entries,
    typed_count,
)

# Short labels printed under each type icon, so the list reads without knowing the letters.
TYPE_LABELS = {"S": "Seminal", "K": "Key", "R": "Review", "G": "Guidance", "more": "More"}
TYPE_TOOLTIPS = {
    "S": "Seminal study",
    "K": "Key study",
    "R": "Review",
    "G": "Guidance",
    "more": "Search for more studies",
}


def cell_page(page: CellPage, context: MatrixContext, state: PageState) -> Page:
    """The whole cell page."""
    parts = [cell_header(page.summary, context)]
    if page.intro_html:
        parts.append(Part(f'<div class="intro">{page.intro_html}</div>', page.intro_text or ""))
    parts.append(_study_list(page, state))
    if page.sections:
        parts.append(_bite(page, state))
    if page.acknowledgement_html and state.bite_open:
        html = page.acknowledgement_html
        parts.append(Part(f'<div class="ack">{html}</div>', page.acknowledgement_text or ""))
    return Page(tuple(parts))


def cell_header(summary: CellSummary, context: MatrixContext) -> Part:
    matrix = escape(context.matrix.name)
    headline = f'<p class="headline">{escape(summary.headline)}</p>' if summary.headline else ""
    lines = [f"{context.matrix.name} · cell {summary.code}", summary.title, summary.headline]
    return Part(
        f'<p class="matrix-name">{matrix} &middot; cell {escape(summary.code)}</p>'
        f"<h1>{escape(summary.title)}</h1>{headline}",
        "\n".join(line for line in lines if line),
    )


def filter_summary(page: CellPage, state: PageState) -> str:
    """What the study list shows under the type filter, in words ("Showing 3 of 9 studies
    (reviews only)."): the page's note, and what a screen reader hears on choosing a filter."""
    total = typed_count(page.entries)
    if state.type_filter is None:
        return f"Showing all {total} studies."
    label = STUDY_TYPES[state.type_filter].lower()
    return f"Showing {typed_count(shown_entries(page, state))} of {total} studies ({label} only)."


def _study_list(page: CellPage, state: PageState) -> Part:
    rows = [_entry_row(e, state) for e in shown_entries(page, state)]
    if state.type_filter is not None:
        note = (
            '<p class="muted">'
            + ui_words(escape(filter_summary(page, state)) + " ")
            + '<a href="action:filter/all">Show all</a></p>'
        )
        rows.insert(0, Part(note))  # the app's own note: not the page's words
    return Part(
        f'<h2 class="studies"><a name="{STUDIES_ANCHOR}"></a>Studies</h2>'
        f"{''.join(row.html for row in rows)}",
        "\n\n".join(["Studies", *(row.text for row in rows if row.text)]),
    )


def _entry_row(entry: EntryView, state: PageState) -> Part:
    """One study as on the web page: type icon(s) hanging in the margin (the reader draws them
    there, from the `TYPES_ANCHOR` name), then type, headline, date and the annotation's first
    paragraph, in one paragraph (not a table: paragraphs lay out several times faster). An
    annotation that starts otherwise, or is empty, leaves the lead a paragraph of its own, so
    no study is ever without its headline, icons and anchor."""
    labels = " / ".join(TYPE_LABELS[code] for code in entry.types)
    anchors = (
        f'<a name="{entry_anchor(entry.slug)}"></a>'
        f'<a name="{TYPES_ANCHOR}{".".join(entry.types)}"></a>'
    )
    lead = f'{anchors}<span class="type-label">{labels}</span> '
    words = f"{labels}:"
    if entry.search_query is None:
        byline = f" ({escape(entry.byline)})." if entry.byline else ""
        lead += f'<span class="entry-headline">{escape(entry.headline)}</span>{byline} '
        words += f" {entry.headline}" + (f" ({entry.byline})." if entry.byline else "")
    # One class only: Qt's rich text does not combine several classes on an element.
    kind = "entry-highlight" if state.highlight == entry_anchor(entry.slug) else "entry"
    blocks = list(entry.annotation)
    opening = blocks.pop(0).html if blocks and blocks[0].kind == "paragraph" else ""
    rest = "".join(annotation_block(block) for block in blocks)
    document = _document_line(entry)
    text = f"{words} {entry.annotation_text}".strip()
    return Part(
        f'<p class="{kind}">{lead}{opening}</p>{rest}' + document.html + _stored_search_line(entry),
        "\n".join(line for line in (text, document.text) if line),
    )


def annotation_block(block: BlockView) -> str:
    """A paragraph, list or quotation of an annotation after its first, under the lead."""
    if block.kind == "paragraph":
        return f'<p class="annotation">{block.html}</p>'
    return f'<div class="annotation">{block.html}</div>'


def _stored_search_line(entry: EntryView) -> str:
    """The `more` entry's search, run in this pack (the web page's search needs internet)."""
    if not entry.search_query:
        return ""
    address = SearchAddress(entry.search_query)
    return (
        f'<p class="document">{ui_words("Search this pack for:")} <a href="{address}" '
        f'title="{SEARCH_HERE}">{escape(entry.search_query)}</a></p>'
    )


def _document_line(entry: EntryView) -> Part:
    if entry.document_slug:
        title = entry.document_title or entry.document_slug
        address = DocumentAddress(entry.document_slug)
        return Part(
            f'<p class="document">Document: <a href="{address}" title="{OPEN_IN_APP}">'
            f"{escape(title)}</a> {ui_words('(in this pack)')}</p>",
            f"Document: {title}",
        )
    if not entry.document_url:
        return Part("")
    url = escape(entry.document_url)
    return Part(
        f'<p class="document">Document: <a href="{url}" title="{NEEDS_INTERNET}">{url}</a> '
        f'<span class="muted">{ui_words("(needs internet) &middot;")}</span> '
        f'<a href="action:copy/{entry.slug}">Copy address</a></p>',
        f"Document: {entry.document_url}",
    )


def _bite(page: CellPage, state: PageState) -> Part:
    heading = f'<h2 class="bite"><a name="{BITE_ANCHOR}"></a>Matrix Bite</h2>'
    if not state.bite_open:
        return Part(
            heading + '<p class="bite-toggle"><a href="action:bite/open">&#9656; Open Matrix '
            "Bite guide and commentary</a></p>",
            "Matrix Bite",
        )
    close = (
        '<p class="bite-toggle"><a href="action:bite/close">{} Close Matrix Bite guide '
        "and commentary</a></p>"
    )
    sections = [_section(section, state) for section in page.sections]
    return Part(
        "\n".join(
            [heading, close.format("&#9662;"), *(s.html for s in sections), close.format("&#9652;")]
        ),
        "\n\n".join(["Matrix Bite", *(s.text for s in sections)]),
    )


def _section(section: SectionView, state: PageState) -> Part:
    anchor = section_anchor(section.slug)
    tag = "h3" if section.level == 2 else "h4"
    marked = ' class="highlight"' if state.highlight == anchor else ""
    # The name goes inside the heading: Qt drops an empty anchor that stands between blocks.
    parts = [
        Part(
            f'<{tag}{marked}><a name="{anchor}"></a>{escape(section.title)}</{tag}>', section.title
        )
    ]
    for index, block in enumerate(section.blocks):
        key = fold_key(section.slug, index)
        parts.append(_block(block, key, key in state.unfolded))
    return Part(
        "\n".join(part.html for part in parts),
        "\n\n".join(part.text for part in parts if part.text),
    )


def _block(block: BlockView, key: str, unfolded: bool) -> Part:
    html = f"<p>{block.html}</p>" if block.kind == "paragraph" else block.html
    text = "\n".join(line for line in (block.title, block.text) if line)
    if block.kind in FOLDED_BLOCK_KINDS:
        if not unfolded:
            return Part(
                f'<p class="fold"><a href="action:fold/{key}">&#9656; Unfold {block.kind} text'
                "</a></p>"
            )
        return Part(
            f'<table class="{block.kind}" width="100%" cellpadding="8"><tr><td>{html}'
            f'<p class="fold"><a href="action:fold/{key}">&#9652; Fold {block.kind} text</a></p>'
            "</td></tr></table>",
            text,
        )
    if block.kind == "panel":
        return Part(
            f'<table class="panel" width="100%" cellpadding="12"><tr><td>{html}</td></tr></table>',
            text,
        )
    return Part(html, text)
