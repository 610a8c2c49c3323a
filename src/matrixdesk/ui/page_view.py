"""A page: breadcrumb, study-type filter and the reading pane, with the page's own interactions
(folding, filtering, highlighting, scrolling). Navigation elsewhere is asked of the window."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.core.addresses import Address
from matrixdesk.core.schema import STUDY_TYPES
from matrixdesk.core.views import CellPage, CellSummary, DocumentView
from matrixdesk.paths import resources_dir
from matrixdesk.ui.external_link import confirm_external_link
from matrixdesk.ui.find_bar import FindBar
from matrixdesk.ui.icons import type_icon
from matrixdesk.ui.page_find import marks, matches, text_pattern, unfolded_for, words_pattern
from matrixdesk.ui.page_html import (
    MatrixContext,
    axis_listing_html,
    cell_page_html,
    document_html,
    not_in_pack_html,
)
from matrixdesk.ui.page_state import PageState, entry_anchor, section_anchor
from matrixdesk.ui.reading_browser import ReadingBrowser
from matrixdesk.ui.theme import (
    READING_FONT_FILES,
    Colours,
    load_fonts,
    reading_css,
    reading_font,
)

ZOOM_STEP = 1.1
ZOOM_RANGE = range(-4, 9)
ANCHOR_MARGIN = 28  # pixels left above a heading scrolled to


class TypeFilterBar(QWidget):
    """All / S / K / R / G buttons that narrow the study list."""

    filter_chosen = Signal(str)
    """Type code to show ("S", "K", "R", "G"), or "all"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 0, 18, 0)
        layout.addWidget(QLabel("Show:"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for code in ("all", "S", "K", "R", "G"):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            if code == "all":
                button.setText("All studies")
                button.setAccessibleName("Show all studies")
            else:
                button.setIcon(type_icon(code))
                button.setText(STUDY_TYPES[code])
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                button.setAccessibleName(f"Show {STUDY_TYPES[code].lower()} only")
            button.setToolTip(button.accessibleName())
            button.clicked.connect(lambda _checked=False, c=code: self.filter_chosen.emit(c))
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def show_choice(self, code: str | None) -> None:
        self.buttons[code or "all"].setChecked(True)


class PageView(QWidget):
    navigate_requested = Signal(str)
    """Address (str) of a place the reader asked to go to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.breadcrumb = QLabel()
        self.breadcrumb.setObjectName("breadcrumb")
        self.breadcrumb.setAccessibleName("Breadcrumb")
        self.filter_bar = TypeFilterBar()
        self.browser = ReadingBrowser()
        self.find_bar = FindBar()
        self.zoom_steps = 0
        self.context: MatrixContext | None = None
        self.page: CellPage | None = None
        self.state = PageState()
        self._html = ""
        self._find_pattern: re.Pattern[str] | None = None
        self._matches: list[QTextCursor] = []
        self._current_match = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        crumb_row = QHBoxLayout()
        crumb_row.setContentsMargins(18, 0, 18, 0)
        crumb_row.addWidget(self.breadcrumb)
        layout.addLayout(crumb_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.find_bar)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.breadcrumb.linkActivated.connect(self.navigate_requested)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.zoom_requested.connect(self.zoom_by)
        self.filter_bar.filter_chosen.connect(self._on_filter)
        self.find_bar.find_requested.connect(self._on_find)
        self.find_bar.step_requested.connect(self.step_match)
        self.find_bar.closed.connect(self._on_find_closed)

    # --- showing pages -------------------------------------------------------------------

    def show_cell(
        self,
        page: CellPage,
        context: MatrixContext,
        place: Address,
        restored: PageState | None = None,
    ) -> None:
        """Show a cell page; `place` may name a Matrix Bite heading or study to bring into view.
        Going Back or Forward passes the folds and filter the reader left the page with."""
        same_page = self.page is not None and self.page.summary.address == page.summary.address
        state = restored or (self.state if same_page else PageState())
        anchor = None
        if place.section:
            state = state.with_bite(True)
            anchor = section_anchor(place.section)
        elif place.entry:
            anchor = entry_anchor(place.entry)
            entry = next((e for e in page.entries if e.slug == place.entry), None)
            if entry and state.type_filter and state.type_filter not in entry.types:
                state = state.with_filter(None)
        self.page, self.context = page, context
        self.state = state.highlighting(anchor)
        self._set_breadcrumb(page.summary, context)
        self.filter_bar.setVisible(page.summary.has_content)
        self.filter_bar.show_choice(self.state.type_filter)
        self._render(anchor=anchor)

    def show_not_in_pack(self, summary: CellSummary, context: MatrixContext) -> None:
        self.page, self.context, self.state = None, context, PageState()
        self._set_breadcrumb(summary, context)
        self.filter_bar.setVisible(False)
        self._set_html(not_in_pack_html(summary, context))

    def show_document(self, document: DocumentView) -> None:
        self.page, self.context, self.state = None, None, PageState()
        self.breadcrumb.setText(f"Document &#8250; {escape(document.title)}")
        self.filter_bar.setVisible(False)
        self._set_html(document_html(document))

    def show_listing(self, context: MatrixContext, axis: str, key: str) -> None:
        self.page, self.context, self.state = None, context, PageState()
        matrix = context.matrix
        chosen = next(
            a for a in (matrix.columns if axis == "column" else matrix.rows) if a.key == key
        )
        self.breadcrumb.setText(
            _crumbs([(str(Address(matrix.key)), matrix.name)])
            + f" &#8250; {axis.title()} {key}: {escape(chosen.name)}"
        )
        self.filter_bar.setVisible(False)
        self._set_html(axis_listing_html(context, axis, key))

    # --- finding ------------------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def reveal_words(self, words: list[str]) -> None:
        """Mark `words` (a search result's matched words) and bring the first match at or after
        the place just scrolled to into view, unfolding folded text that holds one."""
        self._find_pattern = words_pattern(words)
        self._mark(from_position=self.browser.cursorForPosition(QPoint(0, 0)).position())

    @Slot(int)
    def step_match(self, delta: int) -> None:
        if self._matches:
            self._current_match = (self._current_match + delta) % len(self._matches)
            self._select_current()

    @Slot(str)
    def _on_find(self, text: str) -> None:
        self._find_pattern = text_pattern(text)
        self._mark(from_position=self.browser.cursorForPosition(QPoint(0, 0)).position())

    @Slot()
    def _on_find_closed(self) -> None:
        self._find_pattern = None
        self._matches, self._current_match = [], -1
        self.browser.setExtraSelections([])
        self.browser.setFocus()

    def _mark(self, from_position: int | None = None) -> None:
        """Highlight every match of the current pattern; with `from_position`, make the first match
        from there the current one (after opening any folded text that holds a match)."""
        pattern = self._find_pattern
        if pattern is None:
            self._matches = []
            self.browser.setExtraSelections([])
            self.find_bar.show_count(0, 0)
            return
        if self.page is not None and from_position is not None:
            unfolded = unfolded_for(self.page, self.state, pattern)
            if unfolded != self.state:
                self.state = unfolded
                self._render(keep_scroll=True)
                return  # _render marks again, from the same place
        self._matches = matches(self.browser.document(), pattern)
        colours = Colours.from_palette(self.palette())
        self.browser.setExtraSelections(marks(self._matches, colours.highlight))
        if from_position is not None:
            self._current_match = next(
                (i for i, m in enumerate(self._matches) if m.selectionStart() >= from_position),
                0,
            )
        if self._matches:
            self._select_current()
        else:
            self._current_match = -1
            self.find_bar.show_count(0, 0)

    def _select_current(self) -> None:
        cursor = self._matches[self._current_match]
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        self.find_bar.show_count(self._current_match + 1, len(self._matches))

    # --- reading comfort -----------------------------------------------------------------

    @Slot(int)
    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self.zoom_steps + steps)

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_RANGE.start, min(ZOOM_RANGE.stop - 1, steps))
        if steps == self.zoom_steps:
            return
        self.zoom_steps = steps
        if self._html:
            self._set_html(self._html, keep_scroll=True)

    def restyle(self) -> None:
        """Rebuild the page's colours after the system switched between light and dark."""
        if self._html:
            self._set_html(self._html, keep_scroll=True)

    # --- internals ---------------------------------------------------------------------------

    def _render(self, anchor: str | None = None, keep_scroll: bool = False) -> None:
        assert self.page is not None and self.context is not None
        self._set_html(cell_page_html(self.page, self.context, self.state), keep_scroll)
        if anchor:
            self._scroll_to(anchor)
            # Again once the event loop has run: a page shown before its window has a size
            # (opening with --open, or restoring the last page) is laid out only then.
            QTimer.singleShot(0, lambda: self._scroll_to(anchor))

    def _scroll_to(self, anchor: str) -> None:
        """Bring `anchor` to the top, leaving a little of what comes before it in sight."""
        self.browser.scrollToAnchor(anchor)
        bar = self.browser.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() - ANCHOR_MARGIN)

    def _set_html(self, html: str, keep_scroll: bool = False) -> None:
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        top = self.browser.cursorForPosition(QPoint(0, 0)).position() if keep_scroll else 0
        self._html = html
        load_fonts(resources_dir() / "fonts", READING_FONT_FILES)
        scale = ZOOM_STEP**self.zoom_steps
        document = self.browser.document()
        document.setDefaultFont(reading_font(scale))
        document.setDefaultStyleSheet(reading_css(self.palette(), scale))
        self.browser.setHtml(html)
        bar.setValue(position)
        if self._find_pattern is not None:
            self._mark(from_position=top)

    def _set_breadcrumb(self, summary: CellSummary, context: MatrixContext) -> None:
        matrix = context.matrix
        self.breadcrumb.setText(
            _crumbs(
                [
                    (str(Address(matrix.key)), matrix.name),
                    (
                        str(Address(matrix.key, column=summary.column.key)),
                        f"{summary.column.key} {summary.column.name}",
                    ),
                    (
                        str(Address(matrix.key, row=summary.row.key)),
                        f"{summary.row.key} {summary.row.name}",
                    ),
                ]
            )
        )

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith("action:"):
            self._on_action(href.removeprefix("action:"))
        elif href.startswith(("http://", "https://")):
            confirm_external_link(self, href)
        else:
            self.navigate_requested.emit(href)

    def _on_action(self, action: str) -> None:
        verb, _, argument = action.partition("/")
        if verb == "bite":
            self.state = self.state.with_bite(argument == "open").highlighting(None)
            self._render(keep_scroll=True)
        elif verb == "fold":
            self.state = self.state.toggled_fold(argument)
            self._render(keep_scroll=True)
        elif verb == "filter":
            self._on_filter(argument)
        elif verb == "copy":
            QGuiApplication.clipboard().setText(argument)

    @Slot(str)
    def _on_filter(self, code: str) -> None:
        self.state = self.state.with_filter(None if code == "all" else code)
        self.filter_bar.show_choice(self.state.type_filter)
        self._render(keep_scroll=True)


def _crumbs(parts: list[tuple[str, str]]) -> str:
    return " &#8250; ".join(f'<a href="{href}">{escape(text)}</a>' for href, text in parts)
