"""A flat button whose words wrap onto as many lines as the width needs, never cut or elided:
for long headings in a narrow side panel, at any zoom. To assistive technology it is a push
button (Qt's own interface for QAbstractButton), named by its words."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from matrixdesk.ui.contrast import blend
from matrixdesk.ui.focus_ring import draw_focus_ring

PAD_X, PAD_Y = 6, 3
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class WrappingButton(QAbstractButton):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.indent = 0
        """Pixels the words stand in from the left (a nested item), inside the button."""
        self._picture = QPixmap()
        self._looks: tuple[object, ...] = ()

    def set_indent(self, pixels: int) -> None:
        if pixels != self.indent:
            self.indent = pixels
            self.updateGeometry()
            self.update()

    def _text_rect(self, width: int) -> QRect:
        inner = max(1, width - 2 * PAD_X - self.indent)
        return self.fontMetrics().boundingRect(QRect(0, 0, inner, 100_000), _WRAP, self.text())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._text_rect(width).height() + 2 * PAD_Y

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # As wide as the words on one line would like; the layout narrows it and it wraps.
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + 2 * PAD_X + self.indent
        return QSize(min(one_line, 320), self.heightForWidth(min(one_line, 320)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        longest = max(
            (self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0
        )
        width = min(longest, 120) + 2 * PAD_X + self.indent
        return QSize(width, self.fontMetrics().height() + 2 * PAD_Y)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        # From a picture kept while nothing it shows changes: the window repaints the panel
        # with every page, and wrapping the words anew each time is most of a paint.
        shaded = self.underMouse() or self.isDown()
        ratio = self.devicePixelRatioF()
        looks = (
            self.text(),
            self.size(),
            self.indent,
            shaded,
            self.hasFocus(),
            self.palette().cacheKey(),
            self.font().key(),
            ratio,
        )
        if looks != self._looks:
            picture = QPixmap(self.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)  # the panel shows through
            painter = QPainter(picture)
            self._draw(painter, shaded)
            painter.end()
            self._picture, self._looks = picture, looks
        QPainter(self).drawPixmap(0, 0, self._picture)

    def _draw(self, painter: QPainter, shaded: bool) -> None:
        palette = self.palette()
        window, text = (
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.WindowText),
        )
        area = self.rect().adjusted(self.indent, 0, 0, 0)  # the indent is the panel's
        if shaded:  # a shade of the panel: the words still read
            painter.fillRect(area, blend(window, text, 0.08))
        painter.setPen(text)
        words = self.rect().adjusted(PAD_X + self.indent, PAD_Y, -PAD_X, -PAD_Y)
        painter.drawText(words, _WRAP, self.text())
        if self.hasFocus():
            draw_focus_ring(self, painter, area)
