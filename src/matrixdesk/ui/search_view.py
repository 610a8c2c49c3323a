"""Search results: grouped by kind, each with its place and a snippet with the matched words
marked; filters for matrix and study type; usable from the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.core.schema import STUDY_TYPES, TYPED_STUDY_CODES
from matrixdesk.core.search import DEFAULT_LIMIT, KIND_LABELS, KINDS, SearchHit, plain
from matrixdesk.ui.qt_types import ModelIndex
from matrixdesk.ui.theme import blend

RESULT_LINES = 4  # title, place, and two lines of snippet
DOCUMENT_CACHE_SIZE = 200  # laid-out results kept; cleared when full (widths change on resize)
HitRole = Qt.ItemDataRole.UserRole + 1
"""Data role holding a row's SearchHit (None on a group heading)."""


class SearchResultsModel(QAbstractListModel):
    """Hits grouped by kind (cells, studies, commentary, documents), best first in each group,
    each group under a heading row."""

    def __init__(self, describe: Callable[[SearchHit], str]) -> None:
        super().__init__()
        self.describe = describe
        self.rows: list[str | SearchHit] = []
        # Per row, worked out once per search rather than on every data() call: the rich text
        # shown and the plain text read aloud (a heading is both).
        self._texts: list[tuple[str, str]] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.rows, self._texts = [], []
        for kind in KINDS:
            group = [hit for hit in hits if hit.kind == kind]
            if group:
                heading = f"{KIND_LABELS[kind]} ({len(group)})"
                self.rows.append(heading)
                self._texts.append((heading, heading))
                self.rows.extend(group)
                self._texts.extend(_result_texts(hit, self.describe(hit)) for hit in group)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if isinstance(self.rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if role == HitRole:
            hit = self.rows[row]
            return hit if isinstance(hit, SearchHit) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][0]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts[row][1]
        return None


def _result_texts(hit: SearchHit, where: str) -> tuple[str, str]:
    """A result's rich text (marked words in bold) and its words for a screen reader; `where`
    is its place, as `describe` gives it."""
    snippet = f"<br>{hit.snippet_html}" if hit.snippet_html else ""
    title = hit.title_html or hit.snippet_html
    html = f'<b>{title}</b><br><span class="place">{where}</span>{snippet}'
    return html, f"{plain(hit.title_html)}. {where}. {plain(hit.snippet_html)}"


class ResultDelegate(QStyledItemDelegate):
    """Draws a result's rich text (marked words in bold) and group headings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Laid-out results by (row, width, font, place colour): a list repaints every result
        # on each hover or selection change, and laying out rich text is the slow part.
        self._documents: dict[tuple[int, int, str, str], QTextDocument] = {}

    def forget(self) -> None:
        """Drop the laid-out results: the rows now hold other hits."""
        self._documents.clear()

    def _document(
        self, option: QStyleOptionViewItem, index: ModelIndex, selected: bool
    ) -> QTextDocument:
        palette = option.palette  # type: ignore[attr-defined]
        if selected:
            place = palette.color(QPalette.ColorRole.HighlightedText).name()
        else:
            text = palette.color(QPalette.ColorRole.Text)
            place = blend(text, palette.color(QPalette.ColorRole.Base), 0.4).name()
        font = option.font  # type: ignore[attr-defined]
        width = max(200, option.rect.width() - 24)  # type: ignore[attr-defined]
        key = (index.row(), width, font.key(), place)
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) > DOCUMENT_CACHE_SIZE:
                self._documents.clear()
            document = QTextDocument()
            document.setDefaultFont(font)
            document.setDefaultStyleSheet(f".place {{ color: {place}; }}")
            document.setHtml(index.data(Qt.ItemDataRole.DisplayRole))
            document.setTextWidth(width)
            self._documents[key] = document
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.data(HitRole) is None:
            painter.save()
            font = option.font  # type: ignore[attr-defined]
            font.setBold(True)
            painter.setFont(font)
            rect = option.rect.adjusted(8, 10, -8, 0)  # type: ignore[attr-defined]
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, index.data())
            painter.restore()
            return
        self.initStyleOption(option, index)
        style = option.widget.style()  # type: ignore[attr-defined]
        option.text = ""  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        document = self._document(option, index, selected)
        painter.save()
        painter.setClipRect(option.rect)  # type: ignore[attr-defined]
        painter.translate(option.rect.topLeft() + QPoint(12, 6))  # type: ignore[attr-defined]
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))  # type: ignore[attr-defined]
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        # A fixed height (title, place, two lines of snippet) from the font alone: laying out
        # every result's rich text just to size it would slow each keystroke's update.
        line = QFontMetrics(option.font).lineSpacing()  # type: ignore[attr-defined]
        if index.data(HitRole) is None:
            return QSize(200, line + 16)
        return QSize(200, line * RESULT_LINES + 14)


class ResultsList(QListView):
    chosen = Signal(object)
    """The SearchHit the reader opened."""
    leave_up = Signal()
    """Up was pressed on the first result: focus goes back to the search field."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit(self.currentIndex().data(HitRole))
            return
        if key == Qt.Key.Key_Up and self._first_hit_row() == self.currentIndex().row():
            self.leave_up.emit()
            return
        super().keyPressEvent(event)

    def _first_hit_row(self) -> int:
        model = self.model()
        return next(
            (row for row in range(model.rowCount()) if model.index(row, 0).data(HitRole)), -1
        )

    def current_hit(self) -> SearchHit | None:
        return self.currentIndex().data(HitRole)

    def select_first(self) -> bool:
        row = self._first_hit_row()
        if row < 0:
            return False
        self.setCurrentIndex(self.model().index(row, 0))
        self.setFocus()
        return True


class SearchView(QWidget):
    result_chosen = Signal(object)
    """The SearchHit the reader chose."""
    filters_changed = Signal()
    """The matrix or study-type filter changed."""

    def __init__(self, describe: Callable[[SearchHit], str], matrices: dict[str, str]) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setObjectName("searchHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was typed
        self.matrix_filter = QComboBox()
        self.matrix_filter.setAccessibleName("Matrix filter")
        self.matrix_filter.addItem("All matrices", "")
        for key, name in matrices.items():
            self.matrix_filter.addItem(name, key)
        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName("Study type filter")
        self.type_filter.addItem("All kinds of result", "")
        for code in TYPED_STUDY_CODES:
            self.type_filter.addItem(f"{STUDY_TYPES[code]} only", code)
        self.model = SearchResultsModel(describe)
        self.results = ResultsList()
        self.results.setModel(self.model)
        delegate = ResultDelegate(self.results)
        self.results.setItemDelegate(delegate)
        self.model.modelReset.connect(delegate.forget)
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)  # may quote what the pack says
        filters = QHBoxLayout()
        filters.addWidget(self.heading, 1)
        filters.addWidget(self.matrix_filter)
        filters.addWidget(self.type_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.results, 1)
        self.matrix_filter.currentIndexChanged.connect(lambda _: self.filters_changed.emit())
        self.type_filter.currentIndexChanged.connect(lambda _: self.filters_changed.emit())
        self.results.chosen.connect(self.result_chosen)
        self.results.clicked.connect(self._on_clicked)

    def filters(self) -> tuple[str | None, str | None]:
        return (self.matrix_filter.currentData() or None, self.type_filter.currentData() or None)

    def set_filters(self, matrix: str | None, type_code: str | None) -> None:
        for combo, value in ((self.matrix_filter, matrix), (self.type_filter, type_code)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value or "")))
            combo.blockSignals(False)

    def show_results(self, query: str, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        count = len(hits)
        if count >= DEFAULT_LIMIT:  # there may be more: say these are the best, not all
            self.heading.setText(f"The {count} best results for “{query}” (add words to narrow)")
        else:
            self.heading.setText(f"{count} result{'s' if count != 1 else ''} for “{query}”")
        self.empty.setVisible(count == 0)
        self.empty.setText(
            "Nothing in this pack matches. Check the spelling, use fewer words, end a word with * "
            "to match its beginning, or clear the filters."
        )

    def show_failure(self, message: str) -> None:
        """Search cannot be used: say why, in place of any results."""
        self.model.set_hits([])
        self.heading.setText("Search cannot be used")
        self.empty.setText(message)
        self.empty.setVisible(True)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.result_chosen.emit(hit)
