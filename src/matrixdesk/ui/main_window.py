"""The main window: the controller that turns an address into what is on screen, and keeps the
history. Home grid, page and search results share the central area; a compact grid beside
the page (inside the page view) shows where the reader is."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from matrixdesk.core.addresses import (
    Address,
    DocumentAddress,
    Place,
    SearchAddress,
    parse_place,
)
from matrixdesk.core.pack import PackError
from matrixdesk.core.schema import TYPED_STUDY_CODES
from matrixdesk.core.search import SearchHit
from matrixdesk.core.store import ContentStore
from matrixdesk.core.views import CellPage, CellSummary

if TYPE_CHECKING:
    from matrixdesk.ui.page_view import PageView
    from matrixdesk.ui.search_view import SearchView
from matrixdesk.page.coverage import coverage_sentence
from matrixdesk.page.parts import MatrixContext
from matrixdesk.page.place_titles import PlaceTitles
from matrixdesk.ui.announce import announce
from matrixdesk.ui.app_zoom import keep_in_proportion, zoom_application
from matrixdesk.ui.course import CourseCommands
from matrixdesk.ui.cpd import CpdCommands
from matrixdesk.ui.grid_model import MatrixGridModel
from matrixdesk.ui.grid_view import HomeView
from matrixdesk.ui.help_commands import HelpCommands
from matrixdesk.ui.history import History, Visit
from matrixdesk.ui.matrix_grid import MatrixGrid
from matrixdesk.ui.navigator import NavigatorPanel
from matrixdesk.ui.presentation import Presentation
from matrixdesk.ui.print_commands import PrintCommands, notes_on, shown_page
from matrixdesk.ui.search_controller import SearchController
from matrixdesk.ui.settings import Settings
from matrixdesk.ui.user_commands import UserCommands
from matrixdesk.ui.window_actions import WindowActions
from matrixdesk.ui.zoom import clamp_zoom, zoom_scale

APP_NAME = "MatrixDesk"


class MainWindow(QMainWindow):
    page_shown = Signal(str)
    """Address (str) of the place now on screen, once it is shown."""
    pack_failed = Signal(object)
    """PackError: going somewhere found the pack damaged. Whoever runs the window tells the
    reader (a dialog); the window itself stays where it was."""

    def __init__(self, store: ContentStore, settings: Settings, pack_chosen: bool = False) -> None:
        """`pack_chosen`: the reader named the pack (--pack), which changes the advice given
        when it turns out damaged."""
        super().__init__()
        self.store = store
        self.settings = settings
        self.pack_chosen = pack_chosen
        self.history = History()
        self.contexts = {
            matrix.key: MatrixContext(matrix, {c.code: c for c in store.cells(matrix.key)})
            for matrix in store.matrices()
        }
        self.matrix_key = next(iter(self.contexts))
        self.places = PlaceTitles(
            store, self.contexts, lambda: self._page.page if self._page is not None else None
        )
        self.current: Place | None = None
        self._caret_chosen = False  # the reader turned caret browsing on or off (F7)

        self.grid_model = MatrixGridModel()
        self.home = HomeView(self.grid_model)
        # The page and search views are built when first needed: the first paint shows only
        # the home grid, and every module and widget kept off its path makes it sooner.
        self._page: PageView | None = None
        self.zoom_steps = 0
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.window_actions = WindowActions(self, [c.matrix for c in self.contexts.values()])
        self.coverage = coverage_sentence(*store.coverage(), store.matrices())
        self.searching = SearchController(
            store, self.contexts, self.window_actions.search_box, self.coverage, pack_chosen, self
        )
        self.results_shown = self.searching.results_shown
        summary = store.summary()
        self.help = HelpCommands(self, self.window_actions, summary, self.coverage)
        self.presentation = Presentation(self, self.window_actions.present)
        self.user = UserCommands(self, self._title_for_address, self.place_exists)
        self.course = CourseCommands(self, self.user.layer, self._bite_at, self._bites_in_pack)
        self.printing = PrintCommands(
            self,
            summary,
            lambda: shown_page(store, self.current, self._page if self.showing_page() else None),
            lambda cell: notes_on(self.user.layer.data, cell),
        )
        self.cpd = CpdCommands(
            self,
            self.user.layer,
            settings,
            self._title_for_address,
            self.place_exists,
            lambda: self._page.page if self.showing_page() and self._page else None,
        )
        self._add_user_menus()
        self._connect_signals()
        if not settings.welcomed:
            # Saved as read when closed, or with the window: a write now would delay the paint.
            self.home.welcome.say(self.coverage)
            self.home.welcome.closed.connect(settings.set_welcomed)

        self.setWindowTitle(APP_NAME)
        self.resize(1100, 760)
        if settings.geometry:
            self.restoreGeometry(settings.geometry)
        if settings.window_state:
            self.restoreState(settings.window_state)
        self._start_zoom(settings.zoom_steps)
        self.watch_side_buttons(self.home.table)

    def _connect_signals(self) -> None:
        actions = self.window_actions
        actions.back.triggered.connect(self.go_back)
        actions.forward.triggered.connect(self.go_forward)
        actions.home.triggered.connect(self.go_home)
        actions.copy.triggered.connect(self.copy_title_and_link)
        actions.search.triggered.connect(self.searching.focus_box)
        self.searching.search_requested.connect(self.search)
        self.searching.result_opened.connect(self.open_search_result)
        self.searching.leave_requested.connect(self.leave_search)
        self.searching.view_built.connect(self._place_search_view)
        actions.find.triggered.connect(lambda: self.page.open_find())
        actions.find_next.triggered.connect(lambda: self.page.step_match(1))
        actions.find_previous.triggered.connect(lambda: self.page.step_match(-1))
        actions.zoom_in.triggered.connect(lambda: self.zoom_by(1))
        actions.zoom_out.triggered.connect(lambda: self.zoom_by(-1))
        actions.zoom_reset.triggered.connect(lambda: self.zoom_by(-self.zoom_steps))
        actions.quit.triggered.connect(self.close)
        actions.matrices.triggered.connect(lambda a: self.navigate(str(Address(a.data()))))
        self.presentation.changed.connect(self._on_presentation)
        actions.caret.toggled.connect(self._on_caret_browsing)
        actions.caret.triggered.connect(lambda: setattr(self, "_caret_chosen", True))
        self.home.table.cell_opened.connect(self.navigate)
        self.home.table.axis_opened.connect(self.navigate)
        self.user.open_requested.connect(self.navigate)
        self.user.said.connect(lambda message: self.tell(message, 4000))
        self.printing.said.connect(lambda message: self.tell(message, 4000))
        self.course.open_requested.connect(self.navigate)
        self.course.said.connect(lambda message: self.tell(message, 4000))
        self.course.progress_changed.connect(lambda _matrix: self._show_progress())
        self.cpd.said.connect(lambda message: self.tell(message, 4000))
        self.user.layer.ready.connect(self._show_progress)
        self.user.layer.ready.connect(self._search_notes_too)
        self.searching.note_opened.connect(self.user.notes.open_note)
        self.user.notes.changed.connect(self._search_again)

    def _add_user_menus(self) -> None:
        """The reader's own layer in the menus: Bookmarks and Course before Help; Write a note
        under Edit; History and All notes under Go; export and import under File. (A Notes menu
        of its own would not fit the menu bar in half a screen at 200 % zoom.)"""
        actions, user = self.window_actions, self.user
        self.menuBar().insertMenu(actions.help_menu.menuAction(), user.bookmarks.menu)
        self.menuBar().insertMenu(actions.help_menu.menuAction(), self.course.menu)
        actions.edit_menu.addSeparator()
        actions.edit_menu.addAction(user.notes.write_note)
        actions.go_menu.addSeparator()
        actions.go_menu.addActions([user.history, user.notes.all_notes])
        first = actions.file_menu.actions()[0]
        actions.file_menu.insertActions(first, self.printing.commands)
        actions.file_menu.insertSeparator(first)
        quit_action = actions.file_menu.actions()[-1]
        actions.file_menu.insertActions(quit_action, [user.export, user.import_])
        actions.file_menu.insertSeparator(quit_action)
        # On the window too, so their keys work while presentation mode hides the menus.
        self.addActions([user.bookmarks.toggle, user.bookmarks.manage, user.history])
        self.course.menu.addSeparator()
        self.course.menu.addActions(self.cpd.commands())
        self.addActions(self.course.menu.actions())
        self.addActions([user.notes.write_note, user.notes.all_notes])
        self.addActions(self.printing.commands)

    @property
    def page(self) -> PageView:
        if self._page is None:
            from matrixdesk.ui.page_view import PageView

            # The navigator sits inside the page view, beside the text: switching between home
            # and a page then never changes the page's width (which would lay it out again).
            self.navigator_panel = NavigatorPanel(self.grid_model)
            self.navigator_panel.table.cell_opened.connect(self.navigate)
            self._page = PageView(self.navigator_panel)
            self._page.side.setVisible(not self.presentation.active)
            self._page.browser.web_address_of = self.web_address_of
            self._page.set_zoom(self.zoom_steps)
            self._page.navigate_requested.connect(self.navigate)
            self._page.browser.zoom_requested.connect(self.zoom_by)
            self.watch_side_buttons(self._page.browser.viewport())
            self._page.browser.set_caret_browsing(self.window_actions.caret.isChecked())
            self._page.browser.focused_with_assistive_technology.connect(self._caret_for_at)
            self.watch_side_buttons(self.navigator_panel.table)
            self.bookmark_button = self._page.add_page_command(self.user.bookmarks.toggle)
            self.read_button = self._page.add_page_command(self.course.read)
            self.user.notes.attach(self._page, self.settings)
            self.stack.addWidget(self._page)
        return self._page

    @property
    def navigator(self) -> MatrixGrid:
        """The compact grid beside a page."""
        _ = self.page
        return self.navigator_panel.table

    # --- navigation --------------------------------------------------------------------------

    @Slot(str)
    def navigate(self, address: str, unfold: str = "") -> bool:
        """Show the place `address` names; False (and nothing changes) if there is no such place.
        `unfold` names a Matrix Bite block to open on a cell page (see `PageView.show_cell`)."""
        self._remember_leaving()
        return self._go(address, restore=None, unfold=unfold)

    @Slot()
    def go_back(self) -> None:
        if self.history.can_go_back():
            self._remember_leaving()
            self._revisit(self.history.back())

    @Slot()
    def go_forward(self) -> None:
        if self.history.can_go_forward():
            self._remember_leaving()
            self._revisit(self.history.forward())

    @Slot()
    def go_home(self) -> None:
        self.navigate(self.home_address())

    def home_address(self) -> str:
        return str(Address(self.matrix_key))

    def _remember_leaving(self) -> None:
        """Note how the reader leaves the current place, for when they come Back to it. Only a
        page has a place in it and a state to keep: home and search results keep their own."""
        if self.history.current is not None and self.showing_page():
            self.history.current.spot = self.page.browser.place.top()
            self.history.current.state = self.page.state

    def leaving_visit(self) -> Visit | None:
        """Where the reader is, as Back would return there (place, folds, the text at the top):
        for a window that replaces this one, as when switching pack editions."""
        self._remember_leaving()
        return self.history.current

    def resume(self, visit: Visit) -> bool:
        """Open `visit`'s place as the reader left it (at start-up: the last session's page,
        with its folds, filter and the text that was at the top); False if there is none."""
        if not self._go(visit.address, restore=visit):
            return False
        self.history.visit(str(self.current))
        self._update_window(self.current)  # type: ignore[arg-type]
        return True

    def _revisit(self, visit: Visit | None) -> None:
        if visit is not None:
            self._go(visit.address, restore=visit)

    def _go(self, address: str, restore: Visit | None, unfold: str = "") -> bool:
        place = parse_place(address)
        try:
            place = self._show(place, restore, unfold) if place else None
        except PackError as error:
            self.pack_failed.emit(error)
            return False
        if place is None:
            self.tell(f"There is no such place in this pack: {address}", 6000)
            return False
        if restore is not None:
            # Only a page has a place to restore; asking home for `self.page` would build one.
            if self.showing_page() and restore.spot is not None:
                self.page.browser.place.keep_top(restore.spot)
        elif isinstance(place, SearchAddress) and isinstance(self.current, SearchAddress):
            self.history.replace_current(str(place))  # one history step per search, not per key
        else:
            self.history.visit(str(place))
        self.current = place
        self.settings.remember_place(str(place))
        self._update_window(place)
        self.user.place_shown(str(place), kept=self.showing_page() and self._keepable(place))
        self.course.show_place(self.matrix_key, self._bite_shown(place))
        on_cell = self.showing_page() and isinstance(place, Address) and place.cell is not None
        self.cpd.show_place(str(place) if on_cell else None)
        self.page_shown.emit(str(place))
        return True

    def _show(self, place: Place, restore: Visit | None, unfold: str) -> Place | None:
        """Show `place`; returns the place actually shown (a cell without the heading or study
        it does not have), or None if the pack has no such place."""
        if isinstance(place, SearchAddress):
            if not self._valid_search(place):
                return None
            self.searching.show(place)
            self.stack.setCurrentWidget(self.searching.view)
            return place
        if isinstance(place, DocumentAddress):
            document = self.store.document(place.slug)
            if document is None:
                return None
            self._show_page(None)
            self.page.show_document(document)
            return place
        context = self.contexts.get(place.matrix)
        if context is None or (place.cell and place.cell not in context.cells):
            return None
        self._show_matrix(place.matrix)
        if place.cell is None and place.column is None and place.row is None:
            self._show_home()
        elif place.cell is None:
            axis, key = ("column", place.column) if place.column else ("row", place.row)
            self._show_page(None)
            self.page.show_listing(context, axis, key or "")
        else:
            summary = context.cells[place.cell]
            page = self.store.cell_page(place.matrix, place.cell) if summary.has_content else None
            self._show_page(summary)
            if page is None:
                self.page.show_not_in_pack(summary, context)
                place = Address(place.matrix, place.cell)
            else:
                place = self._existing_place(place, page)
                state = restore.state if restore else None
                self.page.show_cell(page, context, place, state, unfold)
        return place

    def _valid_search(self, place: SearchAddress) -> bool:
        return (
            bool(place.query.strip())
            and (place.matrix is None or place.matrix in self.contexts)
            and (place.type_code is None or place.type_code in TYPED_STUDY_CODES)
        )

    def _existing_place(self, place: Address, page: CellPage) -> Address:
        """`place`, or the cell alone if the heading or study it names is not on the page."""
        if place.entry and place.entry not in {e.slug for e in page.entries}:
            what = f"study '{place.entry}'"
        elif place.section and place.section not in {s.slug for s in page.sections}:
            what = f"heading '{place.section}'"
        else:
            return place
        self.tell(f"Cell {place.cell} has no {what}: showing the cell.", 6000)
        return Address(place.matrix, place.cell)

    def _show_matrix(self, key: str) -> None:
        if key == self.matrix_key and self.grid_model.matrix is not None:
            return
        self.matrix_key = key
        context = self.contexts[key]
        self.grid_model.set_matrix(context.matrix, tuple(context.cells.values()))
        self.course.show_place(key, None)
        self._show_progress()

    def _show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.home.table.setFocus()  # on its one stop: A1 at first, later the cell last read

    def _show_page(self, cell: CellSummary | None) -> None:
        self.stack.setCurrentWidget(self.page)
        self.navigator_panel.show_cell(cell)
        if cell:
            self.home.table.mark(cell.code)
        self.page.browser.setFocus()

    def _update_window(self, place: Place) -> None:
        actions = self.window_actions
        actions.back.setEnabled(self.history.can_go_back())
        actions.forward.setEnabled(self.history.can_go_forward())
        actions.copy.setEnabled(isinstance(place, Address) and place.cell is not None)
        actions.find.setEnabled(self.showing_page())
        shown_cell = self.showing_page() and self.page.page is not None
        self.printing.page_shown(self.showing_page(), shown_cell)
        for choice in actions.matrices.actions():
            choice.setChecked(isinstance(place, Address) and choice.data() == place.matrix)
        # "[*]" in a title is Qt's placeholder for an unsaved-changes mark; "[**]" shows it as is.
        title = self._title_of(place)
        self.setWindowTitle(f"{title.replace('[*]', '[**]')} — {APP_NAME}")
        if self.showing_page():  # what a screen reader says as the page takes focus
            self.page.browser.setAccessibleName(title)

    def _title_of(self, place: Place) -> str:
        return self.places.of_place(place)

    def _bite_shown(self, place: Place) -> str | None:
        """The code of the cell whose Matrix Bite is on screen, if one is."""
        if not (self.showing_page() and isinstance(place, Address) and place.cell):
            return None
        page = self.page.page
        return place.cell if page is not None and page.sections else None

    def _bite_at(self, matrix: str, code: str) -> str:
        """Where a cell's Matrix Bite starts: its first heading (the page opens the bite)."""
        page = self.store.cell_page(matrix, code)
        first = page.sections[0].slug if page is not None and page.sections else None
        return str(Address(matrix, code, section=first))

    def _bites_in_pack(self, matrix: str) -> set[str]:
        return {c.code for c in self.contexts[matrix].cells.values() if c.has_content}

    @Slot()
    def _show_progress(self) -> None:
        """The course so far on the home grid: the matrix's count, and each row's."""
        progress = self.course.progress()
        if progress is None:
            return
        self.home.progress.setText(
            f"Matrix Bites course: {len(progress.read)} of {progress.total} bites read, "
            f"{len(progress.discussed)} discussed with a team."
        )
        self.home.progress.show()
        started = bool(progress.read)  # each row's count, once the reader has begun
        matrix = self.contexts[self.matrix_key].matrix
        per_row = len(matrix.columns)
        self.home.table.show_row_progress(
            {
                r.key: f"{progress.read_in_row(r.key)} of {per_row} read"
                for r in matrix.rows
                if started
            }
        )

    def _keepable(self, place: Place) -> bool:
        """A place a bookmark or the history keeps: a cell (its study or heading too) or a
        document, not home, a column's or row's listing, or search results."""
        return isinstance(place, DocumentAddress) or (
            isinstance(place, Address) and place.cell is not None
        )

    def _title_for_address(self, address: str) -> str:
        """A place's title for a bookmark, the history, a note or a CPD entry."""
        return self.places.title(address)

    def place_exists(self, address: str) -> bool:
        """Whether this pack has the place `address` names (with its study or heading)."""
        return self.places.exists(address)

    # --- search (the controller runs it; these are the window's side) ---------------------

    @Slot()
    def _search_notes_too(self) -> None:
        """The user database is open: search the reader's notes with the pack (on the search
        thread: UserData may be used from any thread)."""
        data = self.user.layer.data
        if data is not None:
            self.searching.search_notes_with(
                lambda text: data.search_notes(text, prefix_last=True),
                lambda address: (self._title_for_address(address), self.place_exists(address)),
            )

    @Slot()
    def _search_again(self) -> None:
        """Notes were saved, deleted or imported: the results on screen show them as they are."""
        if isinstance(self.current, SearchAddress) and self.stack.currentWidget() is (
            self.searching.view if self.searching.built else None
        ):
            self.searching.show(self.current)

    def _place_search_view(self, view: SearchView) -> None:
        self.watch_side_buttons(view.results.viewport())
        self.stack.addWidget(view)

    @Slot(object)
    def search(self, place: SearchAddress) -> None:
        """Show a search typed or refined in the box: one history step for the whole search."""
        if not isinstance(self.current, SearchAddress):
            self._remember_leaving()
        self._go(str(place), restore=None)

    @Slot(object)
    def open_search_result(self, hit: SearchHit) -> None:
        """Open a result's place and mark the words that matched there; for a match in the
        Matrix Bite, unfold the very block it is in."""
        if self.navigate(hit.address, unfold=hit.block) and self.showing_page():
            self.page.reveal_words(hit.title.words + hit.snippet.words)

    @Slot()
    def leave_search(self) -> None:
        if isinstance(self.current, SearchAddress):
            self.go_back() if self.history.can_go_back() else self.go_home()

    def showing_page(self) -> bool:
        return self._page is not None and self.stack.currentWidget() is self._page

    @property
    def search_view(self) -> SearchView:
        return self.searching.view

    def web_address_of(self, address: str) -> str | None:
        """The web address a place of the app stands for: its cell's page online, or the
        original of a document the pack carries."""
        place = parse_place(address)
        if isinstance(place, Address) and place.cell:
            cell = self.contexts.get(place.matrix, None)
            summary = cell.cells.get(place.cell) if cell else None
            return summary.online_url if summary else None
        if isinstance(place, DocumentAddress):
            try:
                document = self.store.document(place.slug)
            except PackError:
                return None
            return document.original_url if document else None
        return None

    # --- commands ------------------------------------------------------------------------------

    def tell(self, message: str, milliseconds: int) -> None:
        """Say `message` in the status bar for a while, and to a screen reader."""
        self.statusBar().showMessage(message, milliseconds)
        announce(self, message)

    @Slot()
    def copy_title_and_link(self) -> None:
        place = self.current
        if not isinstance(place, Address) or place.cell is None:
            return
        context = self.contexts[place.matrix]
        cell = context.cells[place.cell]
        text = f"{context.matrix.name} cell {cell.code}: {cell.title}\n{cell.online_url}"
        QGuiApplication.clipboard().setText(text)
        self.tell("Copied the cell's title and web address.", 4000)

    @Slot(int)
    def zoom_by(self, steps: int) -> None:
        self._apply_zoom(self.zoom_steps + steps)
        if self.presentation.active:  # the projector's size, kept apart from the desk's
            self.settings.presentation_zoom = self.zoom_steps
        else:
            self.settings.zoom_steps = self.zoom_steps

    @Slot()
    def _caret_for_at(self) -> None:
        """A screen reader is listening: turn caret browsing on, once, unless the reader has
        turned it off themselves (F7)."""
        actions = self.window_actions
        if not self._caret_chosen and not actions.caret.isChecked():
            actions.caret.setChecked(True)

    @Slot(bool)
    def _on_caret_browsing(self, on: bool) -> None:
        if self._page is not None:
            self._page.browser.set_caret_browsing(on)
        self.tell("Caret browsing on." if on else "Caret browsing off.", 3000)

    @Slot(bool)
    def _on_presentation(self, on: bool) -> None:
        """Large text, and no navigator or outline, while presenting; the reader's own after."""
        if self._page is not None:
            self._page.side.setVisible(not on)
            self._page.browser.show_note_marks(not on)  # the reader's notes, not for a room
        self._apply_zoom(self.settings.presentation_zoom if on else self.settings.zoom_steps)

    def _start_zoom(self, steps: int) -> None:
        # The home title sizes its own font (larger than the text), so it would stay put.
        keep_in_proportion(self.home.title)
        self._apply_zoom(steps)

    def _apply_zoom(self, steps: int) -> None:
        """Zoom all the app's text: its own, through the application's font, and the page's
        reading font, which the page sizes for the same steps (one zoom, never two)."""
        self.zoom_steps = clamp_zoom(steps)
        zoom_application(zoom_scale(self.zoom_steps))
        if self._page is not None:
            self._page.set_zoom(self.zoom_steps)

    # --- Qt overrides ----------------------------------------------------------------------------

    def watch_side_buttons(self, widget: QWidget) -> None:
        """Let the mouse's Back and Forward buttons work over `widget`. (Watched per widget,
        not application-wide: a Python filter on every event of the app costs time.)"""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Esc reaches the window only if nothing focused used it (the find bar and search box
        # close on Esc first): then it leaves presentation mode, as in a slide show.
        if event.key() == Qt.Key.Key_Escape and self.presentation.active:
            self.presentation.leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.searching.stop()
        self.user.stop()  # the note being written saved, then every change asked for
        if self.home.welcome.said:
            self.settings.set_welcomed()
        self._remember_leaving()
        if self.history.current is not None:
            self.settings.last_visit = self.history.current
        self.settings.save_window(self.saveGeometry(), self.saveState())
        if not self.settings.sync() and self.settings.problem is None:
            # The folder could be written at start; say so now, as the reader was not told then.
            print(f"matrixdesk: could not save settings in {self.settings.path}", file=sys.stderr)
        super().closeEvent(event)
