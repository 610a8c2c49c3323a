"""The list of search results: grouped by kind, each result its title, where it is, and a snippet,
with the words that matched marked in both; usable from the keyboard alone. The reader's own
notes that match come last, in a group of their own ("My notes")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from matrixdesk.core.schema import MORE_CODE, STUDY_TYPES
from matrixdesk.core.search import KIND_LABELS, KINDS, SearchHit
from matrixdesk.core.search_marks import Marked
from matrixdesk.ui.accessible_names import name_scroll_bars
from matrixdesk.ui.qt_types import ModelIndex
from matrixdesk.ui.readable_palette import keep_readable
from matrixdesk.ui.theme import Colours

if TYPE_CHECKING:
    from matrixdesk.userdata.records import Note

NOTES_GROUP = "My notes"
MARGIN_X, MARGIN_Y, GAP = 12, 6, 3  # around a result, and between its lines
DOCUMENT_CACHE_SIZE = 200  # laid-out results kept; cleared when full (widths change on resize)
HitRole = Qt.ItemDataRole.UserRole + 1
"""Data role holding a row's SearchHit or NoteResult (None on a group heading)."""
PartsRole = Qt.ItemDataRole.UserRole + 2
"""Data role holding a result's plain title, place and snippet (its `ResultText`)."""


@dataclass(frozen=True, slots=True)
class ResultText:
    """A result as words: what is measured, drawn (with its marks) and read aloud."""

    title: Marked
    place: str
    snippet: Marked

    @property
    def html(self) -> str:
        snippet = f'<p class="snippet">{marked_html(self.snippet)}</p>' if self.snippet.text else ""
        return (
            f'<p class="title">{marked_html(self.title)}</p>'
            f'<p class="place">{escape(self.place)}</p>{snippet}'
        )

    @property
    def spoken(self) -> str:
        return ". ".join(part for part in (self.title.text, self.place, self.snippet.text) if part)


@dataclass(frozen=True, slots=True)
class NoteResult:
    """One of the reader's notes that a search found, as the list shows it: the title of its
    place, where and when it was written, and its words around the first match."""

    note: Note
    text: ResultText
    here: bool
    """Whether this pack has the note's place (else choosing it lists the note instead)."""


def result_text(hit: SearchHit, place: str) -> ResultText:
    # A cell's "more" entry runs a search: it has no title of its own, so it says what it is.
    title = hit.title if hit.title.text else Marked(STUDY_TYPES[MORE_CODE])
    return ResultText(title, place, hit.snippet)


def marked_html(marked: Marked) -> str:
    """`marked`'s text as HTML, its matched words in a span of class "mark"."""
    parts, last = [], 0
    for start, end in marked.marks:
        text = escape(marked.text[start:end])
        parts += [escape(marked.text[last:start]), f'<span class="mark">{text}</span>']
        last = end
    parts.append(escape(marked.text[last:]))
    return "".join(parts)


class SearchResultsModel(QAbstractListModel):
    """Hits grouped by kind (cells, studies, commentary, documents), best first in each group,
    each group under a heading row."""

    def __init__(self, describe: Callable[[SearchHit], str]) -> None:
        """`describe(hit)` says where a hit is, in words."""
        super().__init__()
        self.describe = describe
        self.rows: list[str | SearchHit | NoteResult] = []
        # Worked out once per search rather than on every data() call.
        self._texts: list[ResultText | None] = []

    def set_hits(self, hits: list[SearchHit], notes: Sequence[NoteResult] = ()) -> None:
        """Show `hits` grouped by kind, and after them the reader's `notes` that matched: the
        pack's best result stays first, for Enter and Down, however many notes match."""
        self.beginResetModel()
        self.rows, self._texts = [], []
        for kind in KINDS:
            group = [hit for hit in hits if hit.kind == kind]
            if group:
                self.rows.append(f"{KIND_LABELS[kind]} ({len(group)})")
                self._texts.append(None)
                self.rows.extend(group)
                self._texts.extend(result_text(hit, self.describe(hit)) for hit in group)
        if notes:
            self.rows.append(f"{NOTES_GROUP} ({len(notes)})")
            self._texts.append(None)
            self.rows.extend(notes)
            self._texts.extend(note.text for note in notes)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if isinstance(self.rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, text = self.rows[index.row()], self._texts[index.row()]
        if role == HitRole:
            return None if isinstance(row, str) else row
        if role == PartsRole:
            return text
        if role == Qt.ItemDataRole.DisplayRole:
            return text.html if text else row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return text.spoken if text else row
        return None


class ResultDelegate(QStyledItemDelegate):
    """Draws a result's rich text (marked words in bold on the mark colour) and group headings,
    each result exactly as tall as its lines."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        # Laid-out results by (row, width, font, colours): a list repaints every result on each
        # hover or selection change, and laying out rich text is the slow part.
        self._documents: dict[tuple[int, int, str, str], QTextDocument] = {}

    def forget(self) -> None:
        """Drop the laid-out results: the rows now hold other hits."""
        self._documents.clear()

    def _text_width(self) -> int:
        return max(200, self._view.viewport().width() - 2 * MARGIN_X)

    def _document(
        self, option: QStyleOptionViewItem, index: ModelIndex, selected: bool
    ) -> QTextDocument:
        colours = Colours.from_palette(option.palette)
        place = colours.selection_text if selected else colours.muted
        mark = colours.find_mark
        font = option.font
        width = self._text_width()
        key = (index.row(), width, font.key(), f"{place}{mark}{colours.text}{selected}")
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) > DOCUMENT_CACHE_SIZE:
                self._documents.clear()
            document = QTextDocument()
            document.setDocumentMargin(0)
            document.setDefaultFont(font)
            # Marks keep the result's own colour when it is selected: bold is enough to see them.
            mark_style = "" if selected else f" background-color: {mark}; color: {colours.text};"
            document.setDefaultStyleSheet(
                f"p {{ margin-top: 0; margin-bottom: {GAP}px; }} .title {{ font-weight: bold; }}"
                f" .place {{ color: {place}; }} .mark {{ font-weight: bold;{mark_style} }}"
            )
            document.setHtml(index.data(Qt.ItemDataRole.DisplayRole))
            document.setTextWidth(width)
            self._documents[key] = document
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.data(HitRole) is None:
            painter.save()
            font = option.font
            font.setBold(True)
            painter.setFont(font)
            rect = option.rect.adjusted(8, 10, -8, 0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, index.data())
            painter.restore()
            return
        self.initStyleOption(option, index)
        style = option.widget.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, index, selected)
        painter.save()
        painter.setClipRect(option.rect)
        painter.translate(option.rect.topLeft() + QPoint(MARGIN_X, MARGIN_Y))
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        """As tall as all the result's lines at the list's width: a narrow window or a large
        zoom wraps a snippet onto more lines, never cuts one through. Measured from its words
        and marks (laying out every result's rich text just to size it would slow each
        keystroke)."""
        font: QFont = option.font
        line = QFontMetrics(font).lineSpacing()
        text: ResultText | None = index.data(PartsRole)
        if text is None:  # a group heading
            return QSize(200, line + 16)
        width = self._text_width()
        bold = QFont(font)
        bold.setBold(True)
        lines = _lines(text.title, bold, width) + _lines(Marked(text.place), font, width)
        height = lines * line + 2 * GAP
        if text.snippet.text:
            height += _lines(text.snippet, font, width) * line + GAP
        return QSize(200, height + 2 * MARGIN_Y)


def _lines(marked: Marked, font: QFont, width: int) -> int:
    """How many lines `marked` takes at `width`, wrapped as the result's document wraps it:
    its marked words in bold, which is wider."""
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    marks = []
    for start, end in marked.marks:
        mark = QTextLayout.FormatRange()
        mark.start, mark.length, mark.format = start, end - start, bold
        marks.append(mark)
    layout = QTextLayout(marked.text, font)
    layout.setFormats(marks)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    count = 0
    layout.beginLayout()
    while (text_line := layout.createLine()).isValid():
        text_line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return max(1, count)


class ResultsList(QListView):
    chosen = Signal(object)
    """The SearchHit or NoteResult the reader opened."""
    leave_up = Signal()
    """Up was pressed on the first result: focus goes back to the search field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Results are as tall as their lines at the list's width: lay them out again on resize.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        keep_readable(self)  # the chosen result's text on its background
        name_scroll_bars(self, "the results")

    def selectionChanged(  # noqa: N802 - Qt override
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        """A result selected where the current row is not is one chosen by assistive
        technology: Qt's only action on a list item, Toggle, selects it and nothing else (the
        keyboard and the mouse move the current row too). Open it, as Enter would."""
        super().selectionChanged(selected, deselected)
        chosen = selected.indexes()
        if chosen and chosen[0] != self.currentIndex() and chosen[0].data(HitRole) is not None:
            self.chosen.emit(chosen[0].data(HitRole))

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

    def current_hit(self) -> SearchHit | NoteResult | None:
        return self.currentIndex().data(HitRole)

    def select_first(self) -> bool:
        row = self._first_hit_row()
        if row < 0:
            return False
        self.setCurrentIndex(self.model().index(row, 0))
        self.setFocus()
        return True
