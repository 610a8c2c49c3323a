"""The app's printouts: a cell page (as shown, unfolded, its studies or its Matrix Bite alone),
another page as shown, and a cell's team discussion pack, each as a `PagedDocument` with the
running header (matrix, cell, pack edition) and footer (printed date, page x of y)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from PySide6.QtGui import QTextDocument

from matrixdesk.core.views import CellPage, PackSummary
from matrixdesk.export.link_notes import links_to_footnotes
from matrixdesk.export.paged import RUNNING_FAMILY, PagedDocument, Running
from matrixdesk.page.handout import NoteLine, discussion_pack
from matrixdesk.page.parts import APP_TITLES, MatrixContext, Page
from matrixdesk.page.place_page import CellAt, OtherPage
from matrixdesk.page.printable import printable_cell, web_address

_UI = f"font-family: '{RUNNING_FAMILY}', sans-serif;"
PRINT_CSS = f"""
    body {{ color: #000000; }}
    p {{ margin-top: 0; margin-bottom: 7px; line-height: 125%; }}
    li {{ margin-bottom: 4px; }}
    a {{ color: #000000; text-decoration: none; }}
    h1 {{ {_UI} font-size: 17pt; font-weight: bold; margin-top: 2px; margin-bottom: 4px; }}
    h2 {{ {_UI} font-size: 12.5pt; font-weight: bold; margin-top: 18px; margin-bottom: 8px; }}
    h3 {{ {_UI} font-size: 12pt; font-weight: bold; margin-top: 16px; margin-bottom: 6px; }}
    h4 {{ {_UI} font-size: 11pt; font-weight: bold; margin-top: 14px; margin-bottom: 6px; }}
    .kicker {{ {_UI} font-size: 11pt; font-weight: bold; margin-top: 40px; margin-bottom: 20px; }}
    .matrix-name {{ {_UI} font-size: 9pt; color: #444444; margin-bottom: 0; }}
    .headline {{ font-size: 13pt; font-style: italic; margin-bottom: 12px; }}
    .cover {{ margin-bottom: 6px; }}
    .muted, .placement {{ color: #444444; }}
    .notice {{ {_UI} font-weight: bold; }}
    p.entry {{ margin-bottom: 9px; }}
    p.annotation, div.annotation {{ margin-left: 24px; margin-bottom: 9px; }}
    .type-code {{ {_UI} font-weight: bold; }}
    .type-label {{ {_UI} font-size: 8.5pt; }}
    .document {{ {_UI} font-size: 8.5pt; margin-left: 24px; }}
    table {{ border-collapse: collapse; }}
    table.pullquote {{ border-color: #777777; border-style: solid; margin-top: 6px;
                       margin-bottom: 12px; }}
    div.pullquote {{ font-size: 12.5pt; font-style: italic; }}
    table.panel, table.extra, table.supplementary {{ border-color: #555555; border-style: solid;
                       background-color: #f2f2f2; margin-top: 6px; margin-bottom: 12px; }}
    .panel-title {{ {_UI} font-weight: bold; }}
    blockquote {{ margin-left: 24px; margin-right: 24px; font-style: italic; }}
    .ack {{ color: #444444; font-size: 9pt; }}
    .footnote {{ font-size: 8.5pt; margin-bottom: 3px; }}
    .write-label {{ {_UI} font-size: 8.5pt; color: #444444; margin-top: 8px; }}
    p.write {{ margin-bottom: 0; line-height: 160%; }}
    table.record {{ border-color: #555555; border-style: solid; margin-bottom: 14px; }}
    td.field {{ {_UI} font-weight: bold; }}
    .note-place {{ {_UI} font-weight: bold; margin-bottom: 2px; }}
"""


def printed_on(today: date | None = None) -> str:
    today = today or date.today()
    return f"Printed {today.day} {today:%B %Y}"


def running_text(context: MatrixContext | None, title: str, pack: PackSummary) -> Running:
    where = f"{context.matrix.name} · {title}" if context else title
    return Running(where, f"Pack edition {pack.edition}", f"{printed_on()} · MatrixDesk")


def cell_printout(found: CellAt, scope: str, pack: PackSummary) -> PagedDocument:
    page = printable_cell(found.page, found.context, found.state, scope)
    return _printout(page, found.context, found.page, pack, "")


def other_printout(found: OtherPage, pack: PackSummary) -> PagedDocument:
    """A page that is not a cell's, as shown."""
    return _printout(found.page, found.context, None, pack, found.title)


def handout_printout(
    found: CellAt, pack: PackSummary, my_notes: Sequence[NoteLine] | None
) -> PagedDocument:
    page = discussion_pack(found.page, found.context, pack, my_notes)
    return _printout(page, found.context, found.page, pack, "", "Discussion pack")


def _printout(
    page: Page,
    context: MatrixContext | None,
    cell: CellPage | None,
    pack: PackSummary,
    title: str,
    kind: str = "",
) -> PagedDocument:
    if cell is not None:
        title = f"{cell.summary.code} {cell.summary.title}"
    heading = f"{kind}: {title}" if kind else title
    resolve: Callable[[str], str | None] = (
        _web_only if context is None else partial(web_address, context=context, page=cell)
    )

    def prepare(document: QTextDocument) -> None:
        links_to_footnotes(document, resolve, APP_TITLES)

    return PagedDocument(
        page.html, PRINT_CSS, running_text(context, heading, pack), heading, prepare
    )


def _web_only(href: str) -> str | None:
    return href if href.startswith(("http://", "https://")) else None
