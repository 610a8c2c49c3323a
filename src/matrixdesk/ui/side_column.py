"""The column beside a page: the navigator with the page's outline under it.

In a window too short for both (half a screen at twice the pixels, or large text), the column
scrolls rather than squeezing the navigator's five rows into less than they need: nothing in it
is ever cut off, and its width never goes below what the navigator's five columns need."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget

from matrixdesk.ui.accessible_names import name_scroll_bars


class SideColumn(QScrollArea):
    def __init__(self, top: QWidget, below: QWidget, parent: QWidget | None = None) -> None:
        """`top` keeps its height; `below` takes what is left (and at least its minimum)."""
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(below, 1)
        self.setWidget(content)
        self._content = content
        name_scroll_bars(self, "the side panel")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # As narrow as the content allows with room for the scroll bar; as short as one wants.
        content = self._content.minimumSizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(content.width() + bar, 0)


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area `widget` is in, the innermost first, to show it: whole if it
    fits, else its top. (QScrollArea.ensureWidgetVisible shows a text field's cursor line
    only, which leaves a note being written all but out of sight.)"""
    parent = widget.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and content is not None:
            top = widget.mapTo(content, QPoint(0, 0)).y()
            room = parent.viewport().height()
            bar = parent.verticalScrollBar()
            if top < bar.value():
                bar.setValue(top)
            elif top + min(widget.height(), room) > bar.value() + room:
                bar.setValue(top + min(widget.height(), room) - room)
        parent = parent.parentWidget()
