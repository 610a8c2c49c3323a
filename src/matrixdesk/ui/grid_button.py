"""What the grid's cells and headings have in common: each is a real button, so a screen reader
meets a push button it can press (AT-SPI role "push button", default action "Press") and the
keyboard opens it with Enter or Space; each draws itself from a picture kept while nothing it
shows changes, since the window repaints the navigator with every page shown beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QWidget

from matrixdesk.ui.theme import Colours
from matrixdesk.ui.wrapped_text import wrapped

if TYPE_CHECKING:  # only named here: loading some of Qt's event types costs start-up time
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QEnterEvent, QFocusEvent, QKeyEvent, QPaintEvent

PICTURES_KEPT = 8  # per button: its looks (hovered, focused, marked) at the sizes it was lately
LAYOUTS_KEPT = 32  # per button: its text laid out at the widths a window passed through
OPEN_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
GRID_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
"""Keys that move between buttons: left to the grid (a button alone would move along the Tab
chain, which the grid keeps to one button)."""


class GridButton(QAbstractButton):
    opened = Signal(str)
    """Address (str) of the place the button opens, when clicked or pressed."""
    focused = Signal(QWidget)
    """This button (QWidget), which has just taken the keyboard focus, however it came."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = ""
        self.position = (0, 0)
        """(row, column) in the grid: the headings are row and column 0."""
        # Reachable by click and by the grid's arrow keys; the grid gives one button Tab too.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Its picture covers it whole: what is behind need not be painted first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._pictures: dict[tuple[object, ...], QPixmap] = {}
        self._layouts: dict[tuple[int, str], QTextLayout] = {}
        self.clicked.connect(self._open)

    # --- for subclasses -------------------------------------------------------------------------

    def looks(self) -> tuple[object, ...]:
        """Everything the picture shows beyond size, palette, font, hover and focus."""
        raise NotImplementedError

    def draw(self, painter: QPainter, rect: QRect, hovered: bool, focused: bool) -> None:
        raise NotImplementedError

    def height_for(self, width: int) -> int:
        """Height that shows all the button's text at `width`."""
        raise NotImplementedError

    def wrapped_text(self) -> tuple[str, Qt.AlignmentFlag, int]:
        """The text that wraps: its words, alignment and the first line's indent."""
        raise NotImplementedError

    def forget(self) -> None:
        """What the button shows has changed: draw and measure it afresh."""
        self._pictures.clear()
        self._layouts.clear()
        self.update()

    def laid_out(self, width: int) -> QTextLayout:
        """`wrapped_text` in lines `width` wide, kept: the grid measures it, and the picture
        draws it, at the same width."""
        key = (width, self.font().key())
        found = self._layouts.get(key)
        if found is None:
            if len(self._layouts) >= LAYOUTS_KEPT:
                self._layouts.clear()
            text, alignment, indent = self.wrapped_text()
            found = self._layouts[key] = wrapped(text, self.font(), width, alignment, indent)
        return found

    @Slot()
    def _open(self) -> None:
        self.opened.emit(self.address)

    # --- Qt overrides ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        hovered, focused = self.underMouse(), self.hasFocus()
        ratio = self.devicePixelRatioF()
        key = (
            self.looks(),
            hovered,
            focused,
            self.size(),
            ratio,
            self.palette().cacheKey(),
            self.font().key(),
        )
        picture = self._pictures.get(key)
        if picture is None:
            if len(self._pictures) >= PICTURES_KEPT:
                self._pictures.clear()
            picture = QPixmap(self.size() * ratio)  # left unfilled: `draw` covers it whole
            picture.setDevicePixelRatio(ratio)
            painter = QPainter(picture)
            self.draw(painter, QRect(QPoint(0, 0), self.size()), hovered, focused)
            painter.end()
            self._pictures[key] = picture
        QPainter(self).drawPixmap(0, 0, picture)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in OPEN_KEYS:
            self.click()
        elif event.key() in GRID_KEYS:
            event.ignore()  # on to the grid, which moves the focus
        else:
            super().keyPressEvent(event)  # Space presses, as on any button

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focused.emit(self)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 - Qt override
        super().enterEvent(event)
        self.update()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().leaveEvent(event)
        self.update()


def draw_focus_ring(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    """The keyboard's place: a dashed ring in the focus colour just inside `rect`, apart from
    (and unlike) the solid accent border that marks the cell being read."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(Colours.from_palette(palette).focus), 2.0, Qt.PenStyle.DashLine))
    painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 8, 8)
