"""The main window: toolbar, home grid or page, navigator dock, history. It is the controller that
turns an address into what is on screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStackedWidget, QStyle, QToolBar, QWidget

from matrixdesk.core.addresses import Address
from matrixdesk.core.store import ContentStore
from matrixdesk.ui.grid_model import MatrixGridModel
from matrixdesk.ui.grid_view import HomeView, MatrixTable
from matrixdesk.ui.history import History, Visit
from matrixdesk.ui.page_html import MatrixContext
from matrixdesk.ui.page_view import PageView
from matrixdesk.ui.settings import Settings

APP_NAME = "MatrixDesk"


class MainWindow(QMainWindow):
    page_shown = Signal(str)
    """Address (str) of the place now on screen, once it is shown."""

    def __init__(self, store: ContentStore, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.history = History()
        self.contexts = {
            matrix.key: MatrixContext(matrix, {c.code: c for c in store.cells(matrix.key)})
            for matrix in store.matrices()
        }
        self.matrix_key = next(iter(self.contexts))
        self.current: Address | None = None

        self.grid_model = MatrixGridModel()
        self.home = HomeView(self.grid_model)
        self.page = PageView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.page)
        self.setCentralWidget(self.stack)
        self.navigator = MatrixTable(self.grid_model, compact=True)
        self.navigator.setAccessibleName("Matrix navigator")
        self.navigator_dock = QDockWidget("Matrix")
        self.navigator_dock.setObjectName("navigatorDock")
        self.navigator_dock.setWidget(self.navigator)
        self.navigator_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)
        self.navigator_dock.setMinimumWidth(250)
        self.navigator_dock.setMaximumHeight(220)

        self._create_actions()
        self._create_toolbar_and_menus()
        self._connect_signals()
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 760)
        if settings.geometry:
            self.restoreGeometry(settings.geometry)
        if settings.window_state:
            self.restoreState(settings.window_state)
        self.page.set_zoom(settings.zoom_steps)
        QGuiApplication.instance().installEventFilter(self)  # mouse back/forward buttons

    # --- set-up ------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        style = self.style()
        self.back_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "Back", self
        )
        self.back_action.setShortcuts(QKeySequence.StandardKey.Back)
        self.forward_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), "Forward", self
        )
        self.forward_action.setShortcuts(QKeySequence.StandardKey.Forward)
        self.home_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon), "Home", self
        )
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        self.home_action.setToolTip("The matrix grid (Alt+Home)")
        self.copy_action = QAction("Copy title and link", self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.setToolTip("Copy this cell's title and web address, to share or cite it")
        self.zoom_in_action = QAction("Zoom in", self)
        self.zoom_in_action.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.zoom_out_action = QAction("Zoom out", self)
        self.zoom_out_action.setShortcuts(QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = QAction("Actual size", self)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        self.matrix_actions = QActionGroup(self)
        for key, context in self.contexts.items():
            action = QAction(context.matrix.name.removesuffix(" Matrix"), self.matrix_actions)
            action.setCheckable(True)
            action.setData(key)
            action.setToolTip(f"Show the {context.matrix.name}")

    def _create_toolbar_and_menus(self) -> None:
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.back_action, self.forward_action, self.home_action])
        toolbar.addSeparator()
        toolbar.addActions(self.matrix_actions.actions())
        toolbar.addSeparator()
        toolbar.addAction(self.copy_action)
        self.addToolBar(toolbar)
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.copy_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menu.addMenu("&View")
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        view_menu.addActions(self.matrix_actions.actions())
        go_menu = menu.addMenu("&Go")
        go_menu.addActions([self.back_action, self.forward_action, self.home_action])

    def _connect_signals(self) -> None:
        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.home_action.triggered.connect(self.go_home)
        self.copy_action.triggered.connect(self.copy_title_and_link)
        self.zoom_in_action.triggered.connect(lambda: self.zoom_by(1))
        self.zoom_out_action.triggered.connect(lambda: self.zoom_by(-1))
        self.zoom_reset_action.triggered.connect(lambda: self.zoom_by(-self.page.zoom_steps))
        self.quit_action.triggered.connect(self.close)
        self.matrix_actions.triggered.connect(
            lambda action: self.navigate(str(Address(action.data())))
        )
        self.home.table.cell_opened.connect(self.navigate)
        self.home.table.axis_opened.connect(self.navigate)
        self.navigator.cell_opened.connect(self.navigate)
        self.page.navigate_requested.connect(self.navigate)
        self.page.browser.zoom_requested.connect(self._remember_zoom)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.page.restyle)

    # --- navigation --------------------------------------------------------------------------

    @Slot(str)
    def navigate(self, address: str) -> bool:
        """Show the place `address` names; False (and nothing changes) if there is no such place."""
        self._remember_leaving()
        return self._go(address, restore=None)

    def _remember_leaving(self) -> None:
        """Note how the reader leaves the current place, for when they come Back to it."""
        if self.history.current is not None:
            self.history.current.scroll = self.page.browser.verticalScrollBar().value()
            self.history.current.state = self.page.state

    def _go(self, address: str, restore: Visit | None) -> bool:
        place = Address.parse(address)
        context = self.contexts.get(place.matrix) if place else None
        if place is None or context is None:
            self.statusBar().showMessage(f"There is no such place in this pack: {address}", 6000)
            return False
        self._show_matrix(place.matrix)
        if place.cell is None and place.column is None and place.row is None:
            self._show_home()
        elif place.cell is None:
            axis, key = ("column", place.column) if place.column else ("row", place.row)
            self.page.show_listing(context, axis, key or "")
            self._show_page(None)
        else:
            summary = context.cells[place.cell]
            page = self.store.cell_page(place.matrix, place.cell) if summary.has_content else None
            if page is None:
                self.page.show_not_in_pack(summary, context)
            else:
                self.page.show_cell(page, context, place, restore.state if restore else None)
            self._show_page(place.cell)
        if restore is not None:
            self.page.browser.verticalScrollBar().setValue(restore.scroll)
        else:
            self.history.visit(str(place))
        self.current = place
        self.settings.last_address = str(place)
        self._update_for(place, context)
        self.page_shown.emit(str(place))
        return True

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
        self.navigate(str(Address(self.matrix_key)))

    def _revisit(self, visit: Visit | None) -> None:
        if visit is not None:
            self._go(visit.address, restore=visit)

    def _show_matrix(self, key: str) -> None:
        if key == self.matrix_key and self.grid_model.matrix is not None:
            return
        self.matrix_key = key
        context = self.contexts[key]
        self.grid_model.set_matrix(context.matrix, tuple(context.cells.values()))

    def _show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.navigator_dock.hide()
        self.home.table.setFocus()
        if not self.home.table.currentIndex().isValid():
            self.home.table.setCurrentIndex(self.grid_model.index(0, 0))

    def _show_page(self, code: str | None) -> None:
        self.stack.setCurrentWidget(self.page)
        self.navigator_dock.show()
        self.navigator.mark(code)
        if code:
            self.home.table.mark(code)
        self.page.browser.setFocus()

    def _update_for(self, place: Address, context: MatrixContext) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())
        self.copy_action.setEnabled(place.cell is not None)
        for action in self.matrix_actions.actions():
            action.setChecked(action.data() == place.matrix)
        where = context.matrix.name
        if place.cell:
            where = f"{place.cell} {context.cells[place.cell].title} · {where}"
        self.setWindowTitle(f"{where} — {APP_NAME}")

    # --- commands ------------------------------------------------------------------------------

    @Slot()
    def copy_title_and_link(self) -> None:
        if self.current is None or self.current.cell is None:
            return
        context = self.contexts[self.current.matrix]
        cell = context.cells[self.current.cell]
        text = f"{context.matrix.name} cell {cell.code}: {cell.title}\n{cell.online_url}"
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage("Copied the cell's title and web address.", 4000)

    def zoom_by(self, steps: int) -> None:
        self.page.zoom_by(steps)
        self._remember_zoom()

    @Slot()
    def _remember_zoom(self) -> None:
        self.settings.zoom_steps = self.page.zoom_steps

    # --- Qt overrides ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and watched.window() is self
            and isinstance(event, QMouseEvent)
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        QGuiApplication.instance().removeEventFilter(self)
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)
