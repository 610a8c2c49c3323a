"""HTML laid out as pages, with a running header and footer, written as a PDF or painted on a
printer. The reusable part of every printout (a cell page, a discussion pack, a CPD log).

    document = PagedDocument(html, stylesheet, Running("Left", "Right", "Printed …"), "Title")
    pages = document.write_pdf(Path("out.pdf"), "a4")   # atomic: a temp file, then a rename
    document.paint(printer)                             # a QPrinter, e.g. a print preview's

The document is laid out for the device it is painted on (its resolution and paper) as one
tall page, then cut into pages between lines (`pagination`), each page leaving room at its foot
for the notes its text refers to (`footnotes`: marks made with `footnote_mark`), and room above
and below for the running text ("page x of y" needs the page count, which only the layout
knows).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextDocument,
)

from matrixdesk.export.footnotes import Foot, references
from matrixdesk.export.pagination import PageSlice, block_boxes, paginate
from matrixdesk.paths import resources_dir

PAPERS: Final = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
"""The paper sizes offered, by the name the command line and settings use."""
PAPER_NAMES: Final = {"a4": "A4", "letter": "Letter"}
BODY_FAMILY, RUNNING_FAMILY = "Noto Serif", "Noto Sans"
_FONT_FILES = (
    "NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSerif-BoldItalic.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
)
MARGINS_MM: Final = QMarginsF(18, 12, 18, 12)
"""Paper left outside everything, running text included (most printers cannot print there)."""
BAND_MM: Final = 11.0
"""Height kept above and below the text for the running header and footer."""
TABLE_EDGE_MM: Final = 3.5
"""How much of a table's padding and border a page shows above or below its cells' text."""
_MM_PER_INCH = 25.4
_fonts_loaded = False


class ExportError(Exception):
    """A PDF could not be written: `problem` says what, `advice` what to do."""

    def __init__(self, problem: str, advice: str) -> None:
        super().__init__(f"{problem} {advice}")
        self.problem = problem
        self.advice = advice


@dataclass(frozen=True, slots=True)
class Running:
    """The running header and footer; "Page x of y" is added at the footer's right."""

    header_left: str
    header_right: str
    footer_left: str


def default_paper() -> str:
    """Letter where the locale measures in US units, else A4."""
    system = QLocale.system().measurementSystem()
    return "letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def load_fonts() -> None:
    """The bundled fonts, so every printout looks the same on every system (and embeds them)."""
    global _fonts_loaded
    if not _fonts_loaded:
        for name in _FONT_FILES:
            QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        _fonts_loaded = True


@dataclass(frozen=True, slots=True)
class PagedDocument:
    html: str
    stylesheet: str
    running: Running
    title: str
    """The PDF's title, and a print job's name."""
    prepare: Callable[[QTextDocument], None] | None = None
    """Called with the document once its HTML is set, to change it before layout (notes)."""
    point_size: float = 10.5

    def build(self, device: QPagedPaintDevice) -> tuple[QTextDocument, QRectF]:
        """The document laid out for `device` by Qt's own pages (with no room for footnotes),
        and the rectangle the text fills on each page, in the device's pixels from the
        printable area's corner."""
        document, body = self._document(device)
        document.setPageSize(QSizeF(body.width(), body.height()))
        return document, body

    def pages(self, device: QPagedPaintDevice) -> tuple[QTextDocument, QRectF, list[PageSlice]]:
        """The document laid out for `device` as one tall page, the rectangle the text and
        footnotes fill on each page (as `build`'s), and the pages cut from it."""
        document, body, slices, _ = self._cut(device)
        return document, body, slices

    def _cut(
        self, device: QPagedPaintDevice
    ) -> tuple[QTextDocument, QRectF, list[PageSlice], Foot]:
        document, body = self._document(device)
        document.setTextWidth(body.width())
        notes = {reference.number: reference.words for reference in references(document)}
        foot = Foot(notes, device, body.width(), BODY_FAMILY)
        edge = TABLE_EDGE_MM / _MM_PER_INCH * device.logicalDpiY()
        return document, body, paginate(document, body.height(), foot.height, edge), foot

    def _document(self, device: QPagedPaintDevice) -> tuple[QTextDocument, QRectF]:
        load_fonts()
        document = QTextDocument()
        document.setDefaultFont(_font(BODY_FAMILY, self.point_size))
        document.setDefaultStyleSheet(self.stylesheet)
        document.setHtml(self.html)
        if self.prepare is not None:
            self.prepare(document)
        # Laid out in the device's own units: fonts and CSS lengths are scaled to it.
        document.documentLayout().setPaintDevice(device)
        document.setDocumentMargin(0)
        area = device.pageLayout().paintRectPixels(device.logicalDpiY())
        band = BAND_MM / _MM_PER_INCH * device.logicalDpiY()
        body = QRectF(0, band, area.width(), area.height() - 2 * band)
        return document, body

    def paint(self, device: QPagedPaintDevice) -> int:
        """Lay out and paint every page on `device` (a QPdfWriter or a QPrinter, at its first
        page), each with its footnotes; the number of pages."""
        document, body, slices, foot = self._cut(device)
        boxes = block_boxes(document)
        painter = QPainter()
        if not painter.begin(device):
            raise ExportError("The printout could not be started.", "Try again.")
        try:
            for number, page in enumerate(slices):
                if number:
                    device.newPage()
                painter.save()
                painter.translate(body.left(), body.top() - page.top)
                shown = QRectF(0, page.top, body.width(), page.bottom - page.top)
                _draw_slice(painter, document, shown, boxes)
                painter.restore()
                painter.save()
                painter.translate(body.left(), 0)
                foot.paint(painter, page.notes, body.bottom())
                painter.restore()
                self._paint_running(painter, body, device.logicalDpiY(), number + 1, len(slices))
        finally:
            painter.end()
        return len(slices)

    def _paint_running(
        self, painter: QPainter, body: QRectF, dpi: int, number: int, pages: int
    ) -> None:
        painter.save()
        painter.setFont(_font(RUNNING_FAMILY, 8, device_dpi=dpi))
        painter.setPen(QPen(QColor("#333333"), dpi / 200))
        gap = dpi * 3.5 / _MM_PER_INCH  # from the text to the rule, and the rule to the text
        top = QRectF(0, 0, body.width(), body.top() - 1.6 * gap)
        footer = QRectF(0, body.bottom() + 1.6 * gap, body.width(), body.top() - 1.6 * gap)
        bottom_aligned = Qt.AlignmentFlag.AlignBottom
        run = self.running
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | bottom_aligned), run.header_left)
        painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | bottom_aligned), run.header_right)
        for y in (body.top() - gap, body.bottom() + gap):
            painter.drawLine(QPointF(0, y), QPointF(body.width(), y))
        top_aligned = Qt.AlignmentFlag.AlignTop
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | top_aligned), run.footer_left)
        painter.drawText(
            footer, int(Qt.AlignmentFlag.AlignRight | top_aligned), f"Page {number} of {pages}"
        )
        painter.restore()

    def write_pdf(self, out: Path, paper: str) -> int:
        """Write the PDF to `out`, whole or not at all: to a temporary file beside it, renamed
        over `out` once complete. The number of pages. Raises ExportError."""
        folder = out.parent
        if out.is_dir():
            raise ExportError(f"{out} is a folder.", "Give the path of the PDF file to write.")
        if not folder.is_dir():
            raise ExportError(
                f"The folder {folder} does not exist.", "Give a path in an existing folder."
            )
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
        except OSError as error:
            raise ExportError(
                f"{out} cannot be written ({error.strerror or error}).",
                "Choose a folder you may write in.",
            ) from None
        os.close(handle)
        partial = Path(temporary)
        try:
            writer = QPdfWriter(temporary)
            writer.setPageLayout(page_layout(paper))
            writer.setResolution(600)
            writer.setTitle(self.title)
            writer.setCreator("MatrixDesk")
            pages = self.paint(writer)
            del writer  # closes the file
            partial.replace(out)
        except OSError as error:
            raise ExportError(
                f"{out} cannot be written ({error.strerror or error}).",
                "Choose a folder you may write in, with room on its disk.",
            ) from None
        finally:
            partial.unlink(missing_ok=True)
        return pages


def _draw_slice(
    painter: QPainter,
    document: QTextDocument,
    page: QRectF,
    boxes: list[tuple[float, float, QTextBlock]],
) -> None:
    """One page's slice of the document, as QTextDocument.drawContents draws it, but with no
    line of another page in it. Qt picks what to draw block by block, and draws a line that
    only touches the clip's edge: a paragraph split between two pages would be drawn on
    both, clipped out of sight but still in the file's text, where a copy or a screen reader
    would meet it twice. So the paragraphs (in table cells too) that cross the page's top or
    bottom are hidden from Qt's pass and drawn here line by line, only the lines on this
    page. `boxes` are the document's blocks (`pagination.block_boxes`)."""
    painter.setClipRect(page)
    split = [
        block
        for top, bottom, block in boxes
        if top < page.top() < bottom - 0.5 or top + 0.5 < page.bottom() < bottom
    ]
    for block in split:
        block.setVisible(False)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = page.adjusted(0, 0.5, 0, -0.5)
    try:
        document.documentLayout().draw(painter, context)
    finally:
        for block in split:
            block.setVisible(True)
    painter.setPen(QColor("#000000"))
    layout = document.documentLayout()
    for block in split:
        origin = layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            top = origin.y() + line.y()
            if page.top() - 0.5 <= top and top + line.height() <= page.bottom() + 0.5:
                line.draw(painter, origin)


def _font(family: str, points: float, device_dpi: int | None = None) -> QFont:
    font = QFont(family)
    font.setPointSizeF(points)
    if device_dpi is None:
        return font
    # A painter's font on a printer is sized by the device; kept exact for every resolution.
    font.setPixelSize(round(points / 72 * device_dpi))
    return font
