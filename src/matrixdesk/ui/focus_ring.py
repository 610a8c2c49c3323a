"""The app's focus ring: a 2-pixel line of `Colours.focus` (3:1 against the page, the window
and a tinted cell) inside a widget's edge, for widgets whose own focus mark is faint or none
(the reading pane, the breadcrumb, the outline's buttons)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from matrixdesk.ui.theme import Colours

RING = 2  # pixels


def draw_focus_ring(
    widget: QWidget, painter: QPainter | None = None, area: QRect | None = None
) -> None:
    """Round `area` of `widget` (all of it if None)."""
    own = painter is None
    painter = painter or QPainter(widget)
    # From the system's palette, not the widget's: some widgets' selection colour is adjusted
    # (`readable_palette`), and the ring is to look the same everywhere.
    focus = Colours.from_palette(QApplication.palette(widget)).focus
    painter.setPen(QPen(QColor(focus), RING))
    painter.drawRect((area or widget.rect()).adjusted(1, 1, -1, -1))
    if own:
        painter.end()
