"""A cell of the grid as a button drawn as a card: its code and (in the home grid) its headline,
tinted with the accent when the pack holds its page, with a solid accent border on the cell
being read and a dashed ring of its own around the cell the keyboard is on."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from matrixdesk.core.views import CellSummary
from matrixdesk.ui.contrast import blend
from matrixdesk.ui.grid_button import GridButton, draw_focus_ring
from matrixdesk.ui.grid_model import cell_description, cell_name, cell_tooltip
from matrixdesk.ui.plain_text import tooltip
from matrixdesk.ui.theme import Colours
from matrixdesk.ui.wrapped_text import bold, height, widest_word

MARGIN = 3  # between the button's edge and the card: room for the focus ring
PAD_X, PAD_Y = 8, 8  # inside the card, around the code and headline
GAP = 4  # between the code and the headline
MIN_HEIGHT = 78  # a home-grid card, however short its headline
COMPACT_HEIGHT = 40  # a navigator card, at the usual text size
COMPACT_PAD = 4  # beside a navigator card's code, at its narrowest


class CellButton(GridButton):
    def __init__(self, compact: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self.cell: CellSummary | None = None
        self.marked = False
        """True for the cell being read."""
        self._comfortable = ("", 0)  # (font key, width)

    def show_cell(self, cell: CellSummary) -> None:
        self.cell = cell
        self.address = str(cell.address)
        self.setToolTip(tooltip(cell_tooltip(cell)))  # pack words, escaped: never markup
        self.setAccessibleName(cell_name(cell))
        # Set, or a screen reader would read the tooltip, tags and all, as the description.
        self.setAccessibleDescription(cell_description(cell, self.marked))
        self._comfortable = ("", 0)
        self.forget()

    def set_marked(self, marked: bool) -> None:
        if marked == self.marked:
            return
        self.marked = marked
        if self.cell is not None:
            self.setAccessibleDescription(cell_description(self.cell, marked))
        self.update()

    def looks(self) -> tuple[object, ...]:
        return (self.cell, self.marked)

    def minimum_width(self) -> int:
        """Enough for the code on one line; headlines wrap to any width."""
        code = self.cell.code if self.cell else ""
        width = QFontMetrics(bold(self.font())).horizontalAdvance(code)
        pad = COMPACT_PAD if self.compact else PAD_X
        return width + 2 * (MARGIN + pad)

    def comfortable_width(self) -> int:
        """Wide enough that the headline wraps only between words."""
        font = self.font()
        if self._comfortable[0] != font.key():
            words = self.minimum_width() if self.compact else widest_word(self._body(), font)
            self._comfortable = (font.key(), words + 2 * (MARGIN + PAD_X))
        return self._comfortable[1]

    def height_for(self, width: int) -> int:
        if self.compact:
            return self.least_height()
        line = QFontMetrics(self.font()).height()
        body = height(self.laid_out(width - 2 * (MARGIN + PAD_X)))
        return max(MIN_HEIGHT, 2 * (MARGIN + PAD_Y) + line + GAP + body)

    def least_height(self) -> int:
        """The height at any width: a code, and a headline of one line at the least."""
        line = QFontMetrics(self.font()).height()
        if self.compact:
            return max(COMPACT_HEIGHT, line + 2 * (MARGIN + PAD_Y))
        return max(MIN_HEIGHT, 2 * (MARGIN + PAD_Y) + line + GAP + line)

    def wrapped_text(self) -> tuple[str, Qt.AlignmentFlag, int]:
        return self._body(), Qt.AlignmentFlag.AlignLeft, 0

    def _body(self) -> str:
        return (self.cell.headline or self.cell.title) if self.cell else ""

    def draw(self, painter: QPainter, outer: QRect, hovered: bool, focused: bool) -> None:
        cell = self.cell
        if cell is None:
            return
        palette = self.palette()
        rect = outer.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        # Worked out here, not kept: this runs only when the button's picture is drawn afresh.
        colours = Colours.from_palette(palette)
        accent = QColor(colours.accent)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(outer, base)  # the grid's cells stand on the page's colour
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colours.tint) if cell.has_content else base
        if hovered:
            fill = blend(fill, accent, 0.12)
        painter.setBrush(fill)
        border = accent if cell.has_content else blend(text, base, 0.7)
        painter.setPen(QPen(accent, 3.0) if self.marked else QPen(border, 1.0))  # being read
        painter.drawRoundedRect(rect, 6, 6)
        if focused:  # the keyboard's place: a ring of its own around the card, never the mark
            draw_focus_ring(painter, outer, palette)

        painter.setFont(bold(self.font()))
        painter.setPen(QColor(colours.on_tint) if cell.has_content else text)
        if self.compact:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell.code)
            return
        inner = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, cell.code)
        painter.setPen(text if cell.has_content else QColor(colours.faint))
        top = inner.top() + QFontMetrics(self.font()).height() + GAP
        self.laid_out(inner.width()).draw(painter, QPointF(inner.left(), top))
