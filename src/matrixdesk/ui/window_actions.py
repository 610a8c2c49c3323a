"""The main window's commands: actions with their shortcuts, the toolbar and the menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from matrixdesk.core.views import MatrixView
from matrixdesk.ui.plain_text import action_text, tooltip
from matrixdesk.ui.search_box import SearchBox
from matrixdesk.ui.toolbar_fit import ToolbarFit
from matrixdesk.ui.toolbar_icons import ToolbarIcons


class WindowActions:
    def __init__(self, window: QMainWindow, matrices: list[MatrixView]) -> None:

        def action(text: str, *shortcuts: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
            created = QAction(text, window)
            keys = [QKeySequence(s) for s in shortcuts]
            # A standard key may be the same as the explicit one on this system (F1 for help).
            created.setShortcuts([k for i, k in enumerate(keys) if k not in keys[:i]])
            return created

        self.back = action("Back", QKeySequence.StandardKey.Back)
        self.forward = action("Forward", QKeySequence.StandardKey.Forward)
        self.home = action("Home", "Alt+Home")
        self.icons = ToolbarIcons(
            window, {self.back: "back", self.forward: "forward", self.home: "home"}
        )
        self.home.setToolTip("The matrix grid (Alt+Home)")
        self.copy = action("Copy title and link", "Ctrl+Shift+C")
        self.copy.setToolTip("Copy this cell's title and web address, to share or cite it")
        self.search = action("Search", "Ctrl+K", "Ctrl+L")
        self.find = action("Find in page", QKeySequence.StandardKey.Find)
        self.find_next = action("Find next", QKeySequence.StandardKey.FindNext)
        self.find_previous = action("Find previous", QKeySequence.StandardKey.FindPrevious)
        self.zoom_in = action("Zoom in", QKeySequence.StandardKey.ZoomIn, "Ctrl+=")
        self.zoom_out = action("Zoom out", QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset = action("Actual size", "Ctrl+0")
        self.quit = action("Quit", QKeySequence.StandardKey.Quit)
        self.caret = action("Caret browsing", "F7")
        self.caret.setCheckable(True)
        self.caret.setToolTip("Move through the page with a text cursor, by letter, word and line")
        self.present = action("Presentation mode", "F11")
        self.present.setCheckable(True)
        self.present.setToolTip("The page alone, full screen, in large text (F11 or Esc leaves)")
        self.user_guide = action("User guide", QKeySequence.StandardKey.HelpContents, "F1")
        self.shortcut_list = action("Keyboard shortcuts", "Ctrl+/")
        self.about = action("About MatrixDesk")
        self.matrices = QActionGroup(window)
        for matrix in matrices:
            choice = QAction(action_text(matrix.name.removesuffix(" Matrix")), self.matrices)
            choice.setCheckable(True)
            choice.setData(matrix.key)
            choice.setStatusTip(f"Show the {matrix.name}")  # a status tip is plain text
            choice.setToolTip(tooltip(f"Show the {matrix.name}"))
        self.search_box = SearchBox()
        self._build(window)

    def _matrix_menu_button(self, window: QMainWindow) -> QToolButton:
        button = QToolButton()
        button.setText("Matrix")
        button.setToolTip("Choose the matrix to show")
        menu = QMenu("Matrix", window)
        menu.addActions(self.matrices.actions())
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # as the toolbar's own buttons
        return button

    def _build(self, window: QMainWindow) -> None:
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.back, self.forward, self.home])
        toolbar.addSeparator()
        toolbar.addActions(self.matrices.actions())
        for choice in self.matrices.actions():
            # The tooltip is escaped rich text (pack words are never markup); Qt would pass it
            # to a screen reader as the description, tags and all: say it in words instead.
            button = toolbar.widgetForAction(choice)
            if button is not None:
                button.setAccessibleDescription(choice.statusTip())
        chooser = toolbar.addWidget(self._matrix_menu_button(window))
        chooser.setVisible(False)  # until the window is too narrow for a button a matrix
        toolbar.addSeparator()
        toolbar.addAction(self.copy)
        window.addToolBar(toolbar)
        # A toolbar of its own, beside the commands or on a row below them (ToolbarFit), so the
        # search box is never put out of sight behind the commands' "»".
        search_bar = QToolBar("Search bar")  # not "Search", the field's own name
        search_bar.setObjectName("searchToolbar")
        search_bar.setMovable(False)
        search_bar.toggleViewAction().setVisible(False)  # Ctrl+K needs it: it cannot be hidden
        search_bar.addWidget(self.search_box)
        window.addToolBar(search_bar)
        self.toolbar_fit = ToolbarFit(window, toolbar, search_bar, self.matrices.actions(), chooser)
        menu = window.menuBar()
        self.file_menu = file_menu = menu.addMenu("&File")
        file_menu.addAction(self.copy)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.edit_menu = edit_menu = menu.addMenu("&Edit")
        edit_menu.addActions([self.search, self.find, self.find_next, self.find_previous])
        view_menu = menu.addMenu("&View")
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view_menu.addSeparator()
        view_menu.addActions([self.caret, self.present])
        view_menu.addSeparator()
        view_menu.addActions(self.matrices.actions())
        self.go_menu = go_menu = menu.addMenu("&Go")
        go_menu.addActions([self.back, self.forward, self.home])
        self.help_menu = help_menu = menu.addMenu("&Help")
        help_menu.addActions([self.user_guide, self.shortcut_list])
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        # Actions on the window itself keep their keys when presentation mode hides the menus.
        for menu_action in menu.actions():
            submenu = menu_action.menu()
            if isinstance(submenu, QMenu):
                window.addActions(submenu.actions())
