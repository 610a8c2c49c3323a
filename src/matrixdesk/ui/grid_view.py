"""The home grid (code and headline in every cell) and the compact navigator beside a page."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.core.addresses import Address
from matrixdesk.core.views import CellSummary
from matrixdesk.ui.contrast import blend
from matrixdesk.ui.grid_model import CellRole, MatrixGridModel
from matrixdesk.ui.qt_types import ModelIndex
from matrixdesk.ui.theme import Colours
from matrixdesk.ui.welcome_banner import WelcomeBanner

CARD_CACHE_SIZE = 400  # cards kept drawn; cleared when full (sizes change as a window resizes)
MIN_CELL_WIDTH = 132
MIN_CELL_HEIGHT = 78


class CellDelegate(QStyledItemDelegate):
    """Paints a cell as a card: in-pack cells tinted with the accent, title-only cells plain."""

    def __init__(self, compact: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self._cards: dict[tuple[object, ...], QPixmap] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        """Draw the card from a cache of finished pictures: a grid repaints whenever a page is
        shown beside it, and drawing each card afresh in Python costs several milliseconds."""
        cell: CellSummary = index.data(CellRole)
        outer: QRect = option.rect
        state = option.state
        flags = tuple(
            bool(state & flag)
            for flag in (
                QStyle.StateFlag.State_Selected,
                QStyle.StateFlag.State_MouseOver,
                QStyle.StateFlag.State_HasFocus,
            )
        )
        ratio = painter.device().devicePixelRatioF()
        font = option.font
        key = (cell, flags, outer.size(), ratio, option.palette.cacheKey(), font.key())
        picture = self._cards.get(key)
        if picture is None:
            if len(self._cards) > CARD_CACHE_SIZE:
                self._cards.clear()
            picture = QPixmap(outer.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            card = QPainter(picture)
            self._draw(card, QRect(QPoint(0, 0), outer.size()), cell, flags, option)
            card.end()
            self._cards[key] = picture
        painter.drawPixmap(outer.topLeft(), picture)

    def _draw(
        self,
        painter: QPainter,
        outer: QRect,
        cell: CellSummary,
        flags: tuple[bool, ...],
        option: QStyleOptionViewItem,
    ) -> None:
        selected, hovered, focused = flags
        palette = option.palette
        rect = outer.adjusted(3, 3, -3, -3)
        # Worked out here, not cached: this runs only when the card cache (keyed by palette) misses.
        colours = Colours.from_palette(palette)
        accent = QColor(colours.accent)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        # Cover the view's own selection colour: the card below is the only mark of a choice.
        painter.fillRect(outer, base)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colours.tint) if cell.has_content else base
        if hovered:
            fill = blend(fill, accent, 0.12)
        painter.setBrush(fill)
        border = accent if cell.has_content else blend(text, base, 0.7)
        painter.setPen(QPen(accent, 3.0) if selected else QPen(border, 1.0))  # being read
        painter.drawRoundedRect(rect, 6, 6)
        if focused:  # the keyboard's place: a ring of its own around the card, never the mark
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(colours.focus), 2.0, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(outer).adjusted(1, 1, -1, -1), 8, 8)

        code_font = QFont(option.font)
        code_font.setBold(True)
        painter.setFont(code_font)
        painter.setPen(QColor(colours.on_tint) if cell.has_content else text)
        if self.compact:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell.code)
            return
        inner = rect.adjusted(10, 8, -10, -8)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, cell.code)
        painter.setFont(option.font)
        painter.setPen(text if cell.has_content else QColor(colours.faint))
        metrics = painter.fontMetrics()
        body = inner.adjusted(0, metrics.height() + 4, 0, 0)
        lines = _wrap(cell.headline or cell.title, metrics, body.width(), body.height())
        painter.drawText(body, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, lines)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        return QSize(44, 34) if self.compact else QSize(150, 96)


def _wrap(text: str, metrics: QFontMetrics, width: int, height: int) -> str:
    """`text` word-wrapped to `width`, cut to the lines that fit in `height`, the last one
    ending in an ellipsis if anything was cut: never a line sliced through the middle."""
    if width <= 0:
        return ""
    room = max(1, height // metrics.lineSpacing())
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > room:
        lines = [*lines[: room - 1], " ".join(lines[room - 1 :])]
    lines[-1] = metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)
    return "\n".join(lines)


class MatrixTable(QTableView):
    """A grid of cells: arrow keys move, Enter or a click opens, header clicks list a row/column."""

    cell_opened = Signal(str)
    """Address (str) of the cell the reader opened."""
    axis_opened = Signal(str)
    """Address (str) of the column or row listing the reader opened."""

    def __init__(
        self, model: MatrixGridModel, compact: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.grid_model = model
        self.setModel(model)
        self.setItemDelegate(CellDelegate(compact, self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setMouseTracking(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setSectionsClickable(True)
            header.setHighlightSections(False)
        if compact:
            self.horizontalHeader().setVisible(False)
            self.verticalHeader().setVisible(False)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            # Below these sizes a small window scrolls the grid rather than squeezing its text.
            self.horizontalHeader().setMinimumSectionSize(MIN_CELL_WIDTH)
            self.verticalHeader().setMinimumSectionSize(MIN_CELL_HEIGHT)
            self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            self.verticalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.clicked.connect(self._open_index)
        self.horizontalHeader().sectionClicked.connect(self._open_column)
        self.verticalHeader().sectionClicked.connect(self._open_row)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def mark(self, code: str | None) -> None:
        """Select (and make current) the cell being read, or clear the mark."""
        index = self.grid_model.index_of(code) if code else QModelIndex()
        if index.isValid():
            self.setCurrentIndex(index)
        else:
            self.clearSelection()

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        self.cell_opened.emit(str(self.grid_model.cell_at(index).address))

    @Slot(int)
    def _open_column(self, section: int) -> None:
        matrix = self.grid_model.matrix
        if matrix:
            self.axis_opened.emit(str(Address(matrix.key, column=matrix.columns[section].key)))

    @Slot(int)
    def _open_row(self, section: int) -> None:
        matrix = self.grid_model.matrix
        if matrix:
            self.axis_opened.emit(str(Address(matrix.key, row=matrix.rows[section].key)))


class HomeView(QWidget):
    """The chosen matrix as a full-size grid, with its name and a legend."""

    def __init__(self, model: MatrixGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Both say what the pack says: plain text, never markup.
        self.title = QLabel()
        self.title.setObjectName("homeTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.7)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("homeSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.table = MatrixTable(model, compact=False)
        self.table.setAccessibleName("Matrix cells")
        self.legend = legend = QLabel()
        legend.setObjectName("homeLegend")
        legend.setWordWrap(True)
        self._render_legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        self.welcome = WelcomeBanner()
        layout.addWidget(self.welcome)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        model.modelReset.connect(self._update_titles)

    def _render_legend(self) -> None:
        # The in-pack square in the teal the cells use, made readable on this palette.
        accent = Colours.from_palette(self.palette()).accent
        self.legend.setText(
            f'<span style="color:{accent}">&#9632;</span> Cell page in this pack &nbsp;&nbsp; '
            "&#9633; Title only (not in this pack) &nbsp;&nbsp; "
            "Arrow keys move, Enter opens; click a column or row heading to list its cells."
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render_legend()

    @Slot()
    def _update_titles(self) -> None:
        matrix = self.table.grid_model.matrix
        if matrix is None:
            return
        self.title.setText(matrix.name)
        tagline = f"{matrix.tagline}. " if matrix.tagline else ""
        self.subtitle.setText(
            f"{tagline}Columns are the intervention level; rows the intervention type."
        )
