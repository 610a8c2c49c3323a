"""The reading pane: a QTextBrowser that serves our icons, zooms by steps, never follows links
itself (the page view decides what every link does), and shows every tooltip in the page as plain
text (Qt would render markup in one, and load the images it names)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from matrixdesk.ui.icons import type_icon_image
from matrixdesk.ui.plain_text import tooltip


class ReadingBrowser(QTextBrowser):
    zoom_requested = Signal(int)
    """+1 or -1 zoom step asked for with Ctrl and the mouse wheel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Page")
        self.document().setDocumentMargin(24)

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

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
