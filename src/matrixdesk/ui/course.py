"""The Matrix Bites course: each cell's bite marked as read (Ctrl+R, and the button beside the
breadcrumb) and as discussed with a team (Ctrl+Shift+R), and "Next unread bite" (Ctrl+J).
Kept in the user database (`UserLayer`); the home grid shows how far the reader has come."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import MatrixProgress
    from matrixdesk.userdata.store import UserData


class CourseCommands(QObject):
    progress_changed = Signal(str)
    """The key of a matrix whose course progress changed (and is saved)."""
    open_requested = Signal(str)
    """The address of the next bite to read."""
    said = Signal(str)
    """A short message for the status bar and screen readers."""

    def __init__(
        self,
        window: QMainWindow,
        layer: UserLayer,
        bite_at: Callable[[str, str], str],
        bites_in_pack: Callable[[str], set[str]],
    ) -> None:
        """`bite_at(matrix, code)`: the address of a cell's Matrix Bite; `bites_in_pack(matrix)`:
        the codes of the cells whose bite this pack holds."""
        super().__init__(window)
        self.layer = layer
        self.bite_at = bite_at
        self.bites_in_pack = bites_in_pack
        self.matrix = ""
        self.cell: str | None = None
        """The cell whose bite is being read (None: no bite on screen)."""
        self.read = QAction("Matrix Bite &read", window)
        self.read.setCheckable(True)
        self.read.setShortcut(QKeySequence("Ctrl+R"))
        self.read.setToolTip("Mark this cell's Matrix Bite as read, for your course progress")
        self.read.setIconText("Bite read")  # the button beside the breadcrumb: short
        self.discussed = QAction("&Discussed with a team", window)
        self.discussed.setCheckable(True)
        self.discussed.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.next_unread = QAction("&Next unread bite", window)
        self.next_unread.setShortcut(QKeySequence("Ctrl+J"))
        for action in (self.read, self.discussed, self.next_unread):
            action.setEnabled(False)  # until the user database is open
        self.read.triggered.connect(self._read_toggled)
        self.discussed.triggered.connect(self._discussed_toggled)
        self.next_unread.triggered.connect(self._open_next)
        self.menu = QMenu("&Course", window)
        self.menu.addActions([self.read, self.discussed])
        self.menu.addSeparator()
        self.menu.addAction(self.next_unread)
        layer.ready.connect(self._show_state)

    def show_place(self, matrix: str, cell: str | None) -> None:
        """The window shows `matrix`, and the bite of `cell` (None: no bite on screen)."""
        self.matrix, self.cell = matrix, cell
        self._show_state()

    def progress(self) -> MatrixProgress | None:
        """The course so far in the matrix shown (None until the user database is open)."""
        data = self.layer.data
        return data.progress(self.matrix) if data is not None and self.matrix else None

    @Slot()
    def _show_state(self) -> None:
        data, cell = self.layer.data, self.cell
        bite = data.bite(self.matrix, cell) if data is not None and cell else None
        marks = ((self.read, bite and bite.read_at), (self.discussed, bite and bite.discussed_at))
        for action, done in marks:
            action.setEnabled(data is not None and cell is not None)
            action.setChecked(bool(done))
        self.next_unread.setEnabled(data is not None and bool(self.matrix))

    @Slot(bool)
    def _read_toggled(self, on: bool) -> None:
        if on:
            self._change(lambda d, m, c: d.mark_read(m, c), "Matrix Bite marked as read.")
        else:
            self._change(lambda d, m, c: d.unmark_read(m, c), "Matrix Bite marked as unread.")

    @Slot(bool)
    def _discussed_toggled(self, on: bool) -> None:
        if on:
            self._change(lambda d, m, c: d.mark_discussed(m, c), "Marked as discussed.")
        else:
            self._change(lambda d, m, c: d.unmark_discussed(m, c), "Marked as not discussed.")

    def _change(self, mark: Callable[[UserData, str, str], object], said: str) -> None:
        """Mark the bite on screen with `mark(data, matrix, cell)`; say `said` once saved."""
        matrix, cell = self.matrix, self.cell
        if cell is None:
            return

        def then(_result: object) -> None:
            self._show_state()
            self.said.emit(said)
            self.progress_changed.emit(matrix)

        self.layer.write(lambda data: mark(data, matrix, cell), then)

    @Slot()
    def _open_next(self) -> None:
        progress = self.progress()
        if progress is None:
            return
        code = progress.next_unread(after=self.cell, among=self.bites_in_pack(self.matrix))
        if code is None:
            self.said.emit("Every Matrix Bite this pack holds for this matrix is read.")
            return
        self.open_requested.emit(self.bite_at(self.matrix, code))
