"""Keeps every toolbar command and the search box in view at any window width and zoom, rather
than letting Qt move what does not fit behind the toolbar's "»" (where Ctrl+K would focus a
search box no one can see). Narrower, the commands with icons show their icons alone (their
names stay as tooltips and for screen readers); narrower still, or at a large zoom, the search
box takes a row of its own below the commands; last, the matrices fold into one menu button."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar

from matrixdesk.ui.app_zoom import icon_size


class Arrangement(NamedTuple):
    names: bool
    """The commands show their names beside their icons."""
    search_row: bool
    """The search box has a row of its own."""
    folded: bool = False
    """The matrices are one menu button, not a button each."""


def arrangement(width: int, named: int, icons_only: int, search: int) -> Arrangement:
    """How to arrange the toolbars in `width`, given the commands' width with names and with
    icons alone, and the least the search box needs: one row if possible (names first), else
    two, with names if they fit; the matrices folded if nothing else will do."""
    if named + search <= width:
        return Arrangement(names=True, search_row=False)
    if icons_only + search <= width:
        return Arrangement(names=False, search_row=False)
    if named <= width:
        return Arrangement(names=True, search_row=True)
    return Arrangement(names=False, search_row=True, folded=icons_only > width)


class ToolbarFit(QObject):
    def __init__(
        self,
        window: QMainWindow,
        commands: QToolBar,
        search: QToolBar,
        choices: list[QAction],
        chooser: QAction,
    ) -> None:
        """`choices` (the matrices) are buttons on `commands`, or, folded, the menu of the
        `chooser` (the toolbar's action for a menu button, hidden until then)."""
        super().__init__(window)
        self.window = window
        self.commands = commands
        self.search = search
        self.choices = choices
        self.chooser = chooser
        self._widths: tuple[int, int] | None = None  # with names, icons alone; until a font change
        # The style's icon size for toolbars, which a new toolbar starts with: the least the
        # icons are, however small the text.
        self._least_icon = commands.iconSize().width()
        # The window's own font changes after all of its children's: then every width is new.
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._widths = None
            self.fit()
        elif kind == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        named, icons_only = self._command_widths()
        chosen = arrangement(
            self.window.width(), named, icons_only, self.search.minimumSizeHint().width()
        )
        self.commands.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if chosen.names
            else Qt.ToolButtonStyle.ToolButtonIconOnly  # commands without an icon keep their name
        )
        self._fold(chosen.folded)
        if chosen.search_row != self.window.toolBarBreak(self.search):
            if chosen.search_row:
                self.window.insertToolBarBreak(self.search)
            else:
                self.window.removeToolBarBreak(self.search)

    def _fold(self, folded: bool) -> None:
        """The matrices as the chooser's menu, or back as buttons in its place. (Taken off this
        toolbar only: the View menu keeps them.)"""
        bar = self.commands
        if folded == (self.choices[0] not in bar.actions()):
            return
        for choice in self.choices:
            if folded:
                bar.removeAction(choice)
            else:
                bar.insertAction(self.chooser, choice)
        self.chooser.setVisible(folded)

    def _command_widths(self) -> tuple[int, int]:
        """The commands' width with names and with icons alone, the matrices a button each:
        measured by laying them out both ways (nothing is painted in between), once a font."""
        if self._widths is None:
            bar = self.commands
            layout = bar.layout()
            assert layout is not None  # a toolbar always has its own
            bar.setIconSize(icon_size(bar.font(), self._least_icon))
            self._fold(False)
            kept = bar.toolButtonStyle()
            widths = []
            for style in (
                Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
                Qt.ToolButtonStyle.ToolButtonIconOnly,
            ):
                bar.setToolButtonStyle(style)
                # Buttons not yet shown (or behind "»") do not tell the toolbar they changed.
                layout.invalidate()
                widths.append(bar.sizeHint().width())
            bar.setToolButtonStyle(kept)
            self._widths = (widths[0], widths[1])
        return self._widths
