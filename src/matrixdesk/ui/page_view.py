"""A page: breadcrumb, study-type filter, the reading pane and the find bar, with the page's own
interactions (folding, filtering, highlighting, finding). Navigation elsewhere is asked of the
window."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QTextCursor, QTextDocument, QTextFragment
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.core.addresses import Address
from matrixdesk.core.schema import TYPED_STUDY_CODES
from matrixdesk.core.views import CellPage, CellSummary, DocumentView
from matrixdesk.page.cell_page import cell_page, filter_summary
from matrixdesk.page.other_pages import axis_listing, document_page, not_in_pack
from matrixdesk.page.outline import BITE_CONTROL, outline
from matrixdesk.page.parts import MatrixContext
from matrixdesk.page.state import (
    PageState,
    at_place,
    folded_keys,
    typed_count,
    unfolded_block,
    unfolded_for,
)
from matrixdesk.paths import resources_dir
from matrixdesk.ui.accessible_names import name_scroll_bars, name_splitter_handles
from matrixdesk.ui.announce import announce
from matrixdesk.ui.breadcrumb import Breadcrumb
from matrixdesk.ui.external_link import confirm_external_link
from matrixdesk.ui.find_bar import FindBar
from matrixdesk.ui.note_marks import PAGE_KEY
from matrixdesk.ui.page_finder import PageFinder
from matrixdesk.ui.page_outline import PageOutline
from matrixdesk.ui.reading_browser import ReadingBrowser
from matrixdesk.ui.side_column import SideColumn
from matrixdesk.ui.theme import READING_FONT_FILES, load_fonts, reading_css, reading_font
from matrixdesk.ui.type_filter_bar import TypeFilterBar
from matrixdesk.ui.zoom import clamp_zoom, zoom_scale

SIDE_WIDTH = 260  # the navigator's width to begin with (the reader can drag it)


class PageView(QWidget):
    navigate_requested = Signal(str)
    """Address (str) of a place the reader asked to go to."""
    notes_requested = Signal(str)
    """The reader clicked a note mark in the page: the anchor it is at ("": the page)."""

    def __init__(self, side: QWidget, parent: QWidget | None = None) -> None:
        """`side` (the navigator) stands to the left of the page."""
        super().__init__(parent)
        load_fonts(resources_dir() / "fonts", READING_FONT_FILES)  # before the first page
        self.breadcrumb = Breadcrumb()
        self.filter_bar = TypeFilterBar()
        self.browser = ReadingBrowser()
        self.find_bar = FindBar()
        self.finder = PageFinder(
            self.browser, self.find_bar, self._unfold_for, self._hidden_by_filter
        )
        self.zoom_steps = 0
        self.context: MatrixContext | None = None
        self.page: CellPage | None = None
        self.state = PageState()
        self._html = ""
        self._style: tuple[float, int] | None = None  # (zoom, palette) the document is styled for
        reading = QWidget()
        layout = QVBoxLayout(reading)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        self.crumb_row = QHBoxLayout()
        self.crumb_row.setContentsMargins(18, 0, 18, 0)
        self.crumb_row.addWidget(self.breadcrumb, 1)
        layout.addLayout(self.crumb_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.find_bar)
        # Beside the page: the navigator, and under it the page's outline (and the tabs that
        # share its place: My notes).
        self.outline = PageOutline()
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.setUsesScrollButtons(False)  # the tabs' words wrap rather than hide
        self.side_tabs.addTab(self.outline, "On this page")
        self.side_tabs.tabBar().setVisible(False)  # until a second tab is shown
        self.side = SideColumn(side, self.side_tabs)
        splitter = QSplitter()
        splitter.addWidget(self.side)
        splitter.addWidget(reading)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([SIDE_WIDTH, 10 * SIDE_WIDTH])
        splitter.setCollapsible(1, False)
        name_splitter_handles(splitter, "Resize the side panel")
        name_scroll_bars(self.browser, "the page")
        name_scroll_bars(self.outline, "the outline")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.breadcrumb.linkActivated.connect(self.navigate_requested)
        self.find_bar.show_all_requested.connect(lambda: self._on_filter("all"))
        self.browser.anchorClicked.connect(self._on_anchor)
        self.filter_bar.filter_chosen.connect(self._on_filter)
        self.outline.go_requested.connect(self.go_to_anchor)
        self.outline.control_toggled.connect(self._on_control)
        self.browser.note_mark_chosen.connect(self.notes_requested)

    def add_page_command(self, action: QAction) -> QToolButton:
        """A button for `action` at the end of the breadcrumb's row (Bookmark this page)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.crumb_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return button

    def add_side_tab(self, tab: QWidget, label: str) -> None:
        """A tab beside the outline's (My notes), shown with `show_side_tab`."""
        self.side_tabs.addTab(tab, label)
        self.show_side_tab(tab, False)

    def show_side_tab(self, tab: QWidget, shown: bool) -> None:
        """Show or hide a tab beside the outline's; with one tab left the tabs' bar goes, and
        the outline is headed as before."""
        tabs = self.side_tabs
        index = tabs.indexOf(tab)
        if shown == tabs.isTabVisible(index):
            return
        if not shown and tabs.currentIndex() == index:
            tabs.setCurrentWidget(self.outline)
        tabs.setTabVisible(index, shown)
        several = sum(tabs.isTabVisible(i) for i in range(tabs.count())) > 1
        tabs.tabBar().setVisible(several)
        self.outline.set_titled(not several)

    def mark_notes(self, anchors: dict[str, int], on_page: int) -> None:
        """Mark what has the reader's notes: `anchors` (a study's or heading's anchor, or the
        Matrix Bite's control) with how many each, and `on_page`, notes on the page itself:
        in the outline, and in the page's margin."""
        self.outline.mark_notes(anchors)
        self.browser.set_note_marks({**anchors, PAGE_KEY: on_page} if on_page else anchors)

    # --- showing pages -------------------------------------------------------------------

    def show_cell(
        self,
        page: CellPage,
        context: MatrixContext,
        place: Address,
        restored: PageState | None = None,
        unfold: str = "",
    ) -> None:
        """Show a cell page; `place` may name a Matrix Bite heading or study to bring into view.
        Going Back or Forward passes the folds and filter the reader left the page with (and
        the window restores the scroll position). `unfold` (a `fold_key`, from a search hit)
        names a block to open with the Matrix Bite, in this render rather than a second one."""
        same_page = self.page is not None and self.page.summary.address == page.summary.address
        # A new visit keeps the page's folds when it stays on the page, never its filter: a
        # search result or link may lead to a study the filter would hide. Back restores all.
        kept = self.state.with_filter(None) if same_page else PageState()
        state, anchor = at_place(page, place, restored or kept)
        if unfold:
            state = unfolded_block(page, state, unfold)
        self.finder.forget()  # a result's marked words are for the visit they were opened on
        self.page, self.context = page, context
        self.state = state
        self._set_cell_breadcrumb(page.summary, context)
        counts = {"all": typed_count(page.entries)}
        counts |= {code: sum(code in e.types for e in page.entries) for code in TYPED_STUDY_CODES}
        self.filter_bar.set_counts(counts)
        self.filter_bar.setVisible(page.summary.has_content)
        self.filter_bar.show_choice(self.state.type_filter)
        self._render(anchor=None if restored else anchor)

    def show_not_in_pack(self, summary: CellSummary, context: MatrixContext) -> None:
        self._show_other(context)
        self._set_cell_breadcrumb(summary, context)
        self._set_html(not_in_pack(summary, context).html)

    def show_document(self, document: DocumentView) -> None:
        self._show_other(None)
        self.breadcrumb.set_trail([], f"Document: {document.title}")
        self._set_html(document_page(document).html)

    def show_listing(self, context: MatrixContext, axis: str, key: str) -> None:
        self._show_other(context)
        matrix = context.matrix
        chosen = next(
            a for a in (matrix.columns if axis == "column" else matrix.rows) if a.key == key
        )
        self.breadcrumb.set_trail(
            [(str(Address(matrix.key)), matrix.name)], f"{axis.title()} {key}: {chosen.name}"
        )
        self._set_html(axis_listing(context, axis, key).html)

    def _show_other(self, context: MatrixContext | None) -> None:
        self.finder.forget()
        self.page, self.context, self.state = None, context, PageState()
        self.filter_bar.setVisible(False)
        self.outline.show_outline(())

    @Slot(str)
    def go_to_anchor(self, anchor: str) -> None:
        """Take the reader to `anchor` (from the outline): in view, and the page's caret there
        with the keyboard focus, so a screen reader reads on from it."""
        position = _anchor_position(self.browser.document(), anchor)
        if position is None:
            return
        self.browser.place.jump_to(position)
        self._put_cursor(position)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(str, bool)
    def _on_control(self, control: str, is_open: bool) -> None:
        """The outline opened or closed the Matrix Bite or a folded passage."""
        page = self.page
        if page is None:
            return
        if control == BITE_CONTROL:
            self.state = self.state.with_bite(is_open).highlighting(None)
        elif control in folded_keys(page) and (control in self.state.unfolded) != is_open:
            self.state = self.state.toggled_fold(control)
        self._render(keep_place=True)

    # --- finding ------------------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def reveal_words(self, words: list[str]) -> None:
        self.finder.reveal_words(words)

    def step_match(self, delta: int) -> None:
        self.finder.step(delta)

    def _hidden_by_filter(self, pattern: re.Pattern[str]) -> int:
        """How many matches of `pattern` are in studies the type filter hides."""
        if self.page is None or self.state.type_filter is None:
            return 0
        return sum(
            len(pattern.findall(f"{entry.headline} {entry.byline or ''} {entry.annotation_text}"))
            for entry in self.page.entries
            if self.state.type_filter not in entry.types
        )

    def _unfold_for(self, pattern: re.Pattern[str]) -> bool:
        if self.page is None:
            return False
        unfolded = unfolded_for(self.page, self.state, pattern)
        if unfolded == self.state:
            return False
        self.state = unfolded
        self._render(keep_place=True)
        return True

    # --- reading comfort -----------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = clamp_zoom(steps)
        if steps == self.zoom_steps:
            return
        self.zoom_steps = steps
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        # The page's colours come from the palette alone, and Qt changes the palette (and sends
        # this) when the system switches between light and dark: the one place to restyle.
        if event.type() == QEvent.Type.PaletteChange:
            self._rebuild()

    # --- internals ---------------------------------------------------------------------------

    def _rebuild(self) -> None:
        if self.page is not None:
            self._render(keep_place=True)
        elif self._html:
            self._set_html(self._html, keep_place=True)

    def _render(self, anchor: str | None = None, keep_place: bool = False) -> None:
        assert self.page is not None and self.context is not None
        html = cell_page(self.page, self.context, self.state).html
        self._set_html(html, keep_place)
        self.outline.show_outline(outline(self.page, self.state))
        position = _anchor_position(self.browser.document(), anchor) if anchor else None
        if position is not None:
            # Near the top, whole lines above it; the text cursor there, so Tab carries on.
            self.browser.place.jump_to(position)
            self._put_cursor(position)

    def _put_cursor(self, position: int) -> None:
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        self.browser.setTextCursor(cursor)
        bar.setValue(value)  # where the text cursor goes must not move the page

    def _set_html(self, html: str, keep_place: bool = False) -> None:
        """Show `html`; with `keep_place`, the text at the top of the view stays at the top."""
        place = self.browser.place
        top = place.top() if keep_place else None
        if top is None:
            place.forget()  # a new page: it opens at its top
        self._html = html
        scale = zoom_scale(self.zoom_steps)
        document = self.browser.document()
        style = (scale, self.palette().cacheKey())
        if style != self._style:
            # Only when zoom or colours changed: a new default font lays out the old page again.
            self._style = style
            # On the widget, which passes it to the document: a font of its own keeps the
            # application's (which the zoom changes too) from replacing the reading font.
            self.browser.setFont(reading_font(scale))
            document.setDefaultStyleSheet(reading_css(self.palette(), scale))
            self.browser.fit_measure()  # the column's width follows the reading font's size
        self.browser.setHtml(html)
        if top is not None:
            place.keep_top(top)
        self.finder.remark(top.position if top else None)

    def _set_cell_breadcrumb(self, summary: CellSummary, context: MatrixContext) -> None:
        matrix = context.matrix
        self.breadcrumb.set_trail(
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
        """Do what an in-page control asks. The page's own HTML may come from a pack that was
        not made by our writer, so an action is done only if it is one this page offers."""
        verb, _, argument = action.partition("/")
        page = self.page
        if page is None:
            return
        if verb == "bite" and argument in ("open", "close") and page.sections:
            self.state = self.state.with_bite(argument == "open").highlighting(None)
            self._render(keep_place=True)
            self._focus_link("action:bite/close" if argument == "open" else "action:bite/open")
        elif verb == "fold" and argument in folded_keys(page):
            self.state = self.state.toggled_fold(argument)
            self._render(keep_place=True)
            self._focus_link(f"action:fold/{argument}")
        elif verb == "filter" and argument in ("all", *TYPED_STUDY_CODES):
            self._on_filter(argument)
        elif verb == "copy":
            entry = next((e for e in page.entries if e.slug == argument), None)
            if entry is not None and entry.document_url:
                QGuiApplication.clipboard().setText(entry.document_url)

    def _focus_link(self, href: str) -> None:
        """Give keyboard focus to the link that replaced the one just activated, so the reader
        does not lose their place when they carry on with Tab or Enter."""
        fragment = _first_fragment(
            self.browser.document(), lambda f: f.charFormat().anchorHref() == href
        )
        if fragment is None:
            return
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(fragment.position())
        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        bar.setValue(value)

    @Slot(str)
    def _on_filter(self, code: str) -> None:
        self.state = self.state.with_filter(None if code == "all" else code)
        self.filter_bar.show_choice(self.state.type_filter)
        self._render(keep_place=True)
        if self.page is not None:
            announce(self.filter_bar, filter_summary(self.page, self.state))


def _anchor_position(document: QTextDocument, name: str) -> int | None:
    """Where the `<a name=…>` anchor `name` is in the document, if it is there."""
    fragment = _first_fragment(document, lambda f: name in f.charFormat().anchorNames())
    return fragment.position() if fragment else None


def _first_fragment(
    document: QTextDocument, wanted: Callable[[QTextFragment], bool]
) -> QTextFragment | None:
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if wanted(fragment):
                return fragment
            iterator += 1
        block = block.next()
    return None
