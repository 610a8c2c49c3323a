"""The reading pane: a QTextBrowser that serves our icons, zooms by steps, never follows links
itself (the page view decides what every link does), and shows every tooltip in the page as plain
text (Qt would render markup in one, and load the images it names).

It keeps the text to a comfortable measure (about 80 characters a line) at any width and zoom,
centring the column in a wide window, and keeps the reader's place when it is resized.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QHelpEvent,
    QImage,
    QPalette,
    QResizeEvent,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from matrixdesk.ui.icons import type_icon_image
from matrixdesk.ui.plain_text import tooltip
from matrixdesk.ui.reading_place import ReadingPlace

MEASURE_CHARS = 84  # a line of the reading column, in characters of running English text
# Running prose, for its characters' average width: a font's "average character" is wider than
# prose's, whose spaces and narrow letters are many.
_PROSE = (
    "Research may be sparse, but what we do have supports the contention that the influence "
    "of the practitioner is not unimportant in criminal justice settings, just neglected."
)
PAGE_MARGIN = 24  # pixels around the page, and the least beside the column


class ReadingBrowser(QTextBrowser):
    zoom_requested = Signal(int)
    """+1 or -1 zoom step asked for with Ctrl and the mouse wheel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Page")
        self.document().setDocumentMargin(PAGE_MARGIN)
        # The margins either side of the column are the page's own colour.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.place = ReadingPlace(self)

    def fit_measure(self) -> None:
        """Keep the page's lines about MEASURE_CHARS long at the reading font's size (which zoom
        changes), by leaving blank margins either side of the text in a wide view; a narrow
        view has none. Margins outside the text, not in the document, so a new page is laid
        out once, and only a change of width or zoom lays it out again."""
        document = self.document()
        per_char = QFontMetrics(document.defaultFont()).horizontalAdvance(_PROSE) / len(_PROSE)
        column = round(per_char * MEASURE_CHARS) + 2 * PAGE_MARGIN
        # The widget's own width: margins do not change it (the viewport's resize events, which
        # reach resizeEvent too, would, and set margins against themselves).
        side = max(0, (self.width() - 2 * self.frameWidth() - column) // 2)
        if side != self.viewportMargins().left():
            self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        # At the very start of a page there is nothing to keep (and before a first layout, the
        # text at the top cannot be told): it stays at its start.
        top = self.place.top() if self.verticalScrollBar().value() else None
        self.fit_measure()
        super().resizeEvent(event)
        self.place.resized(top)

    def loadResource(self, kind: int, name: QUrl) -> Any:  # noqa: N802 - Qt override
        if kind == QTextDocument.ResourceType.ImageResource.value and name.scheme() == "icon":
            return type_icon_image(name.path())
        # Pages refer to nothing else; an empty image keeps any stray reference from reaching
        # QTextBrowser's own loader (local files), and the app never uses the network.
        return QImage()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # What Qt's own handler would show (the hovered text's `title`), as plain text.
            text = self.cursorForPosition(event.pos()).charFormat().toolTip()
            if text:
                QToolTip.showText(event.globalPos(), tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def event(self, event: QEvent) -> bool:
        # The wheel over the margins beside the column (outside the viewport) scrolls the page,
        # as it does over the text: the reader sees one page.
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            self.wheelEvent(event)
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
