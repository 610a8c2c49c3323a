"""The pages that are not cell pages: a cell the pack knows only by title, the five cells of a
column or row, and a document the pack carries."""

from __future__ import annotations

from html import escape

from matrixdesk.core.views import CellSummary, DocumentView
from matrixdesk.page.cell_page import cell_header
from matrixdesk.page.parts import NEEDS_INTERNET, MatrixContext, Page, Part


def not_in_pack(summary: CellSummary, context: MatrixContext) -> Page:
    url = escape(summary.online_url)
    column, row = summary.column, summary.row
    placement = f"Column {column.key}: {column.name} · Row {row.key}: {row.name}"
    notice = "The installed content pack does not include this cell’s studies or Matrix Bite."
    return Page(
        (
            cell_header(summary, context),
            Part(f'<p class="placement">{escape(placement)}</p>', placement),
            Part(f'<p class="notice">{escape(notice)}</p>', notice),
            Part(
                f'<p>Online, this cell is at <a href="{url}" title="{NEEDS_INTERNET}">{url}</a> '
                "(needs internet; opens in your web browser only if you choose to).</p>",
                f"Online, this cell is at {summary.online_url}",
            ),
        )
    )


def axis_listing(context: MatrixContext, axis: str, key: str) -> Page:
    """The five cells of one column ("column") or row ("row")."""
    matrix = context.matrix
    axes = matrix.columns if axis == "column" else matrix.rows
    chosen = next(a for a in axes if a.key == key)
    if axis == "column":
        heading = f"Column {key}: {chosen.name}"
        about = f"Intervention level. Mainly for {chosen.description}."
        codes = [f"{key}{row.key}" for row in matrix.rows]
    else:
        heading = f"Row {key}: {chosen.name}"
        about = f"Intervention type. Matrix Bites course: {chosen.description}."
        codes = [f"{column.key}{key}" for column in matrix.columns]
    items = [_listed_cell(context.cells[code]) for code in codes]
    return Page(
        (
            Part(f'<p class="matrix-name">{escape(matrix.name)}</p>', matrix.name),
            Part(f"<h1>{escape(heading)}</h1>", heading),
            Part(f'<p class="muted">{escape(about)}</p>', about),
            Part(
                f'<ul class="listing">{"".join(item.html for item in items)}</ul>',
                "\n".join(item.text for item in items),
            ),
        )
    )


def _listed_cell(cell: CellSummary) -> Part:
    status = "" if cell.has_content else " (not in this pack)"
    headline = f"<br>{escape(cell.headline)}" if cell.headline else ""
    words = f"{cell.code} {cell.title}{status}" + (f": {cell.headline}" if cell.headline else "")
    return Part(
        f'<li><a href="{cell.address}"><b>{escape(cell.code)}</b> {escape(cell.title)}</a>'
        + (f' <span class="muted">{status.strip()}</span>' if status else "")
        + f"{headline}</li>",
        words,
    )


def document_page(document: DocumentView) -> Page:
    """A document the pack carries: its details, its text, and the studies that cite it."""
    details = ", ".join(part for part in (document.authors, document.source, document.year) if part)
    parts = [
        Part('<p class="matrix-name">Document</p>'),
        Part(f"<h1>{escape(document.title)}</h1>", document.title),
    ]
    if details:
        parts.append(Part(f'<p class="headline">{escape(details)}</p>', details))
    if document.original_url:
        url = escape(document.original_url)
        parts.append(
            Part(
                f'<p class="muted">Original: <a href="{url}" title="{NEEDS_INTERNET}">{url}</a> '
                "(needs internet)</p>",
                f"Original: {document.original_url}",
            )
        )
    for part in document.parts:
        parts.append(Part(f"<h3>{part.heading}</h3>{part.html}", f"{part.heading}\n\n{part.text}"))
    if document.cited_by:
        items = "".join(
            f'<li><a href="{entry.address}">{escape(entry.headline)}</a> '
            f'<span class="muted">({escape(entry.cell_title)})</span></li>'
            for entry in document.cited_by
        )
        listed = [f"{entry.headline} ({entry.cell_title})" for entry in document.cited_by]
        parts.append(
            Part(
                f'<h3>Listed in</h3><ul class="listing">{items}</ul>',
                "\n".join(["Listed in", *listed]),
            )
        )
    return Page(tuple(parts))
