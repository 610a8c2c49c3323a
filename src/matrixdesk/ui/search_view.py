"""The search view: what was searched for, filters for matrix and study type (labelled, and
wrapping below the heading when the window is narrow), the results, and an honest message when
there are none."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from matrixdesk.core.schema import STUDY_TYPES, TYPED_STUDY_CODES
from matrixdesk.core.search import DEFAULT_LIMIT, SearchHit
from matrixdesk.ui.announce import announce
from matrixdesk.ui.flow_layout import FlowLayout, labelled
from matrixdesk.ui.search_results import (
    HitRole,
    NoteResult,
    ResultDelegate,
    ResultsList,
    SearchResultsModel,
)


class SearchView(QWidget):
    result_chosen = Signal(object)
    """The SearchHit, or NoteResult (one of the reader's notes), the reader chose."""
    filters_changed = Signal()
    """The matrix or study-type filter changed."""
    suggestion_chosen = Signal(str)
    """The words of a "did you mean" the reader chose to search for."""

    def __init__(
        self, describe: Callable[[SearchHit], str], matrices: dict[str, str], coverage: str
    ) -> None:
        """`coverage` says how much of the matrices the pack holds, for when nothing matches."""
        super().__init__()
        self._coverage = coverage
        self.heading = QLabel()
        self.heading.setObjectName("searchHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was typed
        self.heading.setWordWrap(True)
        # It takes the line's spare width, which keeps the filters at the right.
        self.heading.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
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
        self.results.setVerticalScrollMode(ResultsList.ScrollMode.ScrollPerPixel)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.empty.linkActivated.connect(self.suggestion_chosen)
        # The filters go below the heading together, and wrap only when they must.
        filters = QWidget()
        filters_flow = FlowLayout(filters, spacing=12)
        filters_flow.setContentsMargins(0, 0, 0, 0)
        filters_flow.addWidget(labelled("&Matrix:", self.matrix_filter))
        filters_flow.addWidget(labelled("&Type:", self.type_filter))
        top = FlowLayout(spacing=12)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(filters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addLayout(top)
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

    def show_results(
        self,
        query: str,
        hits: list[SearchHit],
        suggestion: str | None,
        notes: Sequence[NoteResult] = (),
    ) -> None:
        """Show `hits` for `query`, and the reader's `notes` that match after them; with no
        hits, say so honestly: what a close word would find (`suggestion`), whether filters
        narrowed it, and how much the pack holds."""
        self.model.set_hits(hits, notes)
        count = len(hits)
        if count >= DEFAULT_LIMIT:  # there may be more: say these are the best, not all
            heading = f"The {count} best results for “{query}” (add words to narrow)"
        else:
            heading = f"{count} result{'s' if count != 1 else ''} for “{query}”"
        mine = f"{len(notes)} of your notes"
        self.heading.setText(f"{heading}, and {mine}" if notes else heading)
        self.empty.setVisible(count == 0)
        if count == 0:
            self._say_nothing_matches(query, suggestion)
        # What the eye takes in at a glance, said: the count, or that nothing matches and why.
        said = self.heading.text()
        if count == 0:
            said = QTextDocumentFragment.fromHtml(self.empty.text()).toPlainText()
            said += f" {mine} {'matches' if len(notes) == 1 else 'match'}." if notes else ""
        announce(self.results, said)

    def _say_nothing_matches(self, query: str, suggestion: str | None) -> None:
        filtered = any(self.filters())
        lines = [
            f"Nothing in this pack matches “{escape(query)}”"
            + (" with the filters chosen (try “All”)." if filtered else ".")
        ]
        if suggestion:
            lines.append(
                f'Did you mean <a href="{escape(suggestion, quote=True)}">{escape(suggestion)}</a>?'
            )
        else:
            lines.append(
                "Check the spelling, use fewer words, or end a word with * to match its beginning."
            )
        lines.append(escape(self._coverage))
        self.empty.setTextFormat(Qt.TextFormat.RichText)  # built here, every word escaped
        self.empty.setText("<p>" + "</p><p>".join(lines) + "</p>")

    def show_failure(self, message: str) -> None:
        """Search cannot be used: say why, in place of any results."""
        self.model.set_hits([])
        self.heading.setText("Search cannot be used")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)  # quotes what is wrong with the pack
        self.empty.setText(message)
        self.empty.setVisible(True)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.result_chosen.emit(hit)
