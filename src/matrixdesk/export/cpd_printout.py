"""The CPD log as a PDF: the log table and one reflective account an entry
(`userdata.cpd_printable` builds the HTML), with the running header "CPD log — MatrixDesk" and
the period, and the footer "Printed <date>" and "Page x of y".

QtGui only. Works on any thread that has no widgets to touch: Qt's text documents are reentrant
and QPainter may paint on a PDF writer outside the GUI thread ("Thread-Support in Qt Modules"),
so the window writes it on the user database's thread, as it writes the CSV."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from matrixdesk.export.paged import RUNNING_FAMILY, PagedDocument, Running
from matrixdesk.export.printouts import PRINT_CSS, printed_on
from matrixdesk.userdata.cpd_printable import TITLE, cpd_log_html, in_order, period

if TYPE_CHECKING:
    from matrixdesk.userdata.records import CpdEntry

APP_NAME: Final = "MatrixDesk"
CPD_CSS: Final = (
    PRINT_CSS
    + f"""
    table.log {{ border-color: #555555; border-style: solid; margin-top: 4px;
                 margin-bottom: 10px; }}
    table.log th {{ font-family: '{RUNNING_FAMILY}', sans-serif; font-size: 9pt;
                    background-color: #e8e8e8; text-align: left; }}
    table.log td {{ font-size: 9.5pt; }}
    td.minutes, th.minutes, td.number, th.number {{ text-align: right; }}
    p.written {{ margin-bottom: 8px; }}
    h2.account {{ margin-top: 0; }}
"""
)


def cpd_printout(
    entries: Sequence[CpdEntry],
    titles: Mapping[str, str] | None,
    start: str | None = None,
    end: str | None = None,
    places_note: str = "",
) -> PagedDocument:
    """The log's printout; the arguments as `cpd_printable.cpd_log_html` takes them."""
    html = cpd_log_html(entries, titles, start, end, places_note)
    running = Running(f"{TITLE} — {APP_NAME}", period(in_order(entries), start, end), printed_on())
    return PagedDocument(html, CPD_CSS, running, f"{TITLE} — {APP_NAME}")


def write_cpd_pdf(
    entries: Sequence[CpdEntry],
    out: Path,
    paper: str,
    titles: Mapping[str, str] | None = None,
    start: str | None = None,
    end: str | None = None,
    places_note: str = "",
) -> int:
    """Write the log's PDF to `out`, whole or not at all; its number of pages. Raises
    paged.ExportError."""
    return cpd_printout(entries, titles, start, end, places_note).write_pdf(out, paper)
