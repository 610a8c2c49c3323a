"""A column or row heading of the home grid as a button that opens the listing of its five cells:
drawn as a table heading, its key in bold before its name, wrapped (never cut) to its width."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from matrixdesk.core.addresses import Address
from matrixdesk.core.views import Axis
from matrixdesk.ui.contrast import blend
from matrixdesk.ui.grid_button import GridButton, draw_focus_ring
from matrixdesk.ui.grid_model import axis_description, axis_name, axis_tooltip
from matrixdesk.ui.plain_text import tooltip
from matrixdesk.ui.theme import Colours
from matrixdesk.ui.wrapped_text import bold, height

PAD_X, PAD_Y = 8, 6
HOVER_TINT = 0.12  # the accent laid over a heading under the pointer, as on a cell
ROW_HEADING_CHARACTERS = 22  # a row heading is as wide as its words wrapped at this, if room


class AxisButton(GridButton):
    def __init__(self, horizontal: bool, parent: QWidget | None = None) -> None:
        """`horizontal`: a column heading (above the cells, its key above its name); else a row
        heading (beside or above its row, its key before its name)."""
        super().__init__(parent)
        self.horizontal = horizontal
        self.axis: Axis | None = None
        self.progress = ""
        """How far the reader's Matrix Bites course has come in this row ("2 of 5 bites read")."""
        align = Qt.AlignmentFlag
        self.alignment = align.AlignHCenter if horizontal else align.AlignLeft

    def show_axis(self, matrix: str, axis: Axis) -> None:
        self.axis = axis
        kind = {"column": axis.key} if self.horizontal else {"row": axis.key}
        self.address = str(Address(matrix, **kind))
        self.setToolTip(tooltip(axis_tooltip(axis, self.horizontal)))  # escaped pack words
        self.setAccessibleName(axis_name(axis, self.horizontal))
        self.setAccessibleDescription(axis_description(axis, self.horizontal))
        self.forget()

    def show_progress(self, progress: str) -> None:
        if progress == self.progress or self.axis is None:
            return
        self.progress = progress
        description = axis_description(self.axis, self.horizontal)
        self.setAccessibleDescription(f"{description} {progress}." if progress else description)
        self.forget()

    def looks(self) -> tuple[object, ...]:
        return (self.axis, self.progress)

    def preferred_width(self) -> int:
        """A row heading's width when the grid has room: its words in lines of a few."""
        words = f"{self.axis.key} {self.axis.name}" if self.axis else ""
        lines = textwrap.wrap(words, ROW_HEADING_CHARACTERS, break_long_words=False)
        metrics = QFontMetrics(bold(self.font()))  # a little wide: the key alone is bold
        return max((metrics.horizontalAdvance(line) for line in lines), default=0) + 2 * PAD_X

    def minimum_width(self) -> int:
        key = self.axis.key if self.axis else ""
        return QFontMetrics(bold(self.font())).horizontalAdvance(key) + 2 * PAD_X

    def least_height(self) -> int:
        """The height at any width: the key, and the name on one line (beside the key in a
        row heading)."""
        return 2 * PAD_Y + QFontMetrics(self.font()).height() * (2 if self.horizontal else 1)

    def height_for(self, width: int) -> int:
        above = QFontMetrics(self.font()).height() if self.horizontal else 0
        return 2 * PAD_Y + above + height(self.laid_out(width - 2 * PAD_X))

    def wrapped_text(self) -> tuple[str, Qt.AlignmentFlag, int]:
        name = self.axis.name if self.axis else ""
        words = f"{name} · {self.progress}" if self.progress else name
        return words, self.alignment, self._indent()

    def _indent(self) -> int:
        """Room for the key before a row heading's name (a column heading's is above it)."""
        if self.horizontal or self.axis is None:
            return 0
        return QFontMetrics(bold(self.font())).horizontalAdvance(f"{self.axis.key} ")

    def draw(self, painter: QPainter, rect: QRect, hovered: bool, focused: bool) -> None:
        # A heading as tables draw theirs: the button colour, a rule on its far sides. (Drawn
        # here rather than by the style, whose header sections cost more to draw than the
        # rest of the grid together.)
        palette = self.palette()
        colours = Colours.from_palette(palette)
        background = palette.color(QPalette.ColorRole.Button)
        if hovered:  # as on a cell: a touch of the accent under the pointer
            background = blend(background, QColor(colours.accent), HOVER_TINT)
        painter.fillRect(rect, background)
        painter.fillRect(rect.right(), rect.top(), 1, rect.height(), QColor(colours.rule))
        painter.fillRect(rect.left(), rect.bottom(), rect.width(), 1, QColor(colours.rule))
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        inner = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        painter.setFont(bold(self.font()))
        key = self.axis.key if self.axis else ""
        painter.drawText(inner, self.alignment | Qt.AlignmentFlag.AlignTop, key)
        above = QFontMetrics(self.font()).height() if self.horizontal else 0
        name = self.laid_out(inner.width())
        name.draw(painter, QPointF(inner.left(), inner.top() + above))
        if focused:
            draw_focus_ring(painter, rect, palette)
