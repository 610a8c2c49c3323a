"""The matrix as a grid of buttons: 25 cells and (in the home grid) the five column and five row
headings. A screen reader meets each as a push button it can press; the keyboard moves with the
arrow keys and opens with Enter or Space. Cells grow as tall as their headlines need at the
grid's width and font, so no text is ever cut off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QWidget

from matrixdesk.ui.axis_button import AxisButton
from matrixdesk.ui.cell_button import CellButton
from matrixdesk.ui.grid_button import GridButton
from matrixdesk.ui.grid_model import MatrixGridModel
from matrixdesk.ui.grid_plan import Line, least_height, least_width, plan, preferred_width

if TYPE_CHECKING:  # only named here, as in grid_button
    from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent

PLANS_KEPT = 32  # layouts worked out for the widths a window passed through
STEPS = {
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
}


class MatrixGrid(QFrame):
    """Arrow keys move (onto the headings too), Home and End go to the ends of a row, Ctrl+Home
    and Ctrl+End to the first and last cell; Enter, Space or a click opens."""

    cell_opened = Signal(str)
    """Address (str) of the cell the reader opened."""
    axis_opened = Signal(str)
    """Address (str) of the column or row listing the reader opened."""
    current_changed = Signal(QWidget)
    """The button (QWidget) that is now the grid's keyboard stop, to be scrolled into view."""

    def __init__(
        self, model: MatrixGridModel, compact: bool, parent: QWidget | None = None
    ) -> None:
        """`compact`: codes only, no headings (the navigator beside a page)."""
        super().__init__(parent)  # a frame, which a screen reader names as a panel: "Matrix cells"
        self.grid_model = model
        self.compact = compact
        self.cells: list[CellButton] = []
        self.columns: list[AxisButton] = []
        self.rows: list[AxisButton] = []
        self._at: dict[tuple[int, int], GridButton] = {}
        self._current: GridButton | None = None
        self._marked: CellButton | None = None
        self._row_count = 0
        self._plans: dict[tuple[int, str], list[Line]] = {}
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        model.changed.connect(self._show_matrix)
        self._show_matrix()

    # --- what the rest of the app asks ------------------------------------------------------------

    def mark(self, code: str | None) -> None:
        """Mark the cell being read (and make it the grid's keyboard stop), or clear the mark."""
        button = self.cell_button(code) if code else None
        if button is self._marked:
            return
        if self._marked is not None:
            self._marked.set_marked(False)
        self._marked = button
        if button is not None:
            button.set_marked(True)
            self._make_current(button)

    def cell_button(self, code: str) -> CellButton | None:
        return next((b for b in self.cells if b.cell is not None and b.cell.code == code), None)

    def current(self) -> GridButton | None:
        """The grid's one Tab stop: the button the keyboard is on, or comes back to."""
        return self._current

    # --- building -------------------------------------------------------------------------------

    @Slot()
    def _show_matrix(self) -> None:
        matrix = self.grid_model.matrix
        if matrix is None:
            return
        shape = (len(matrix.rows), len(matrix.columns))
        if len(self.cells) != shape[0] * shape[1]:
            self._build(*shape)
        if not self.compact:
            for heading, axis in zip(self.columns, matrix.columns, strict=True):
                heading.show_axis(matrix.key, axis)
            for heading, axis in zip(self.rows, matrix.rows, strict=True):
                heading.show_axis(matrix.key, axis)
        for button, cell in zip(self.cells, self.grid_model.cells, strict=True):
            button.show_cell(cell)
        self._changed()

    def show_row_progress(self, progress: dict[str, str]) -> None:
        """Beside each row's name, how far the reader's course has come in it (row key: words;
        a row not named shows none)."""
        for heading in self.rows:
            heading.show_progress(progress.get(heading.axis.key, "") if heading.axis else "")
        self._changed()

    def _build(self, rows: int, columns: int) -> None:
        """The buttons in reading order (headings, then each row's heading and its cells), the
        order a screen reader lists them in. The first cell is the Tab stop to begin with."""
        for button in self._at.values():
            button.deleteLater()
        self._at.clear()
        self.cells, self.columns, self.rows = [], [], []
        self._current = self._marked = None
        self._row_count = rows
        if not self.compact:
            self.columns = [AxisButton(True, self) for _ in range(columns)]
            for column, heading in enumerate(self.columns, 1):
                self._place_button(heading, 0, column)
        for row in range(1, rows + 1):
            if not self.compact:
                self.rows.append(AxisButton(False, self))
                self._place_button(self.rows[-1], row, 0)
            for column in range(1, columns + 1):
                self.cells.append(CellButton(self.compact, self))
                self._place_button(self.cells[-1], row, column)
        for heading in self.columns + self.rows:
            heading.opened.connect(self.axis_opened)
        for cell in self.cells:
            cell.opened.connect(self.cell_opened)
        self._make_current(self.cells[0])

    def _place_button(self, button: GridButton, row: int, column: int) -> None:
        button.position = (row, column)
        self._at[row, column] = button
        button.focused.connect(self._make_current)
        button.show()

    # --- the keyboard ---------------------------------------------------------------------------

    @Slot(QWidget)
    def _make_current(self, button: QWidget) -> None:
        """Make `button` the grid's one Tab stop. One stop, not 35: Tab then leaves the grid in
        one press, as it leaves a table, and a screen reader user moves inside it with the arrow
        keys, as in any grid; every button can still be clicked, and focused by a screen reader."""
        if button is self._current or not isinstance(button, GridButton):
            return
        if self._current is not None:
            self._current.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._current = button
        self.setFocusProxy(button)  # focusing the grid focuses its stop
        self.current_changed.emit(button)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        target = self._target(event) if self._current is not None else None
        if target is None:
            super().keyPressEvent(event)
            return
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _target(self, event: QKeyEvent) -> GridButton | None:
        """The button `event` moves to from the current one, if it is a key that moves."""
        assert self._current is not None
        row, column = self._current.position
        key = event.key()
        if key in STEPS:
            down, right = STEPS[Qt.Key(key)]
            # Nothing left of the first column heading, above the first row heading, or beyond
            # the edges: the focus stays.
            return self._at.get((row + down, column + right), self._current)
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            first = key == Qt.Key.Key_Home
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return self.cells[0] if first else self.cells[-1]
            ends = [c for r, c in self._at if r == row]
            return self._at[row, min(ends) if first else max(ends)]
        return None  # Page Up and Down, say, go on to the home view, which scrolls

    # --- sizes ----------------------------------------------------------------------------------

    @Slot()
    def _changed(self) -> None:
        """The buttons' text or font changed: their heights, and so the grid's, may too."""
        self._plans.clear()
        self.updateGeometry()
        if self.isVisible():  # else when shown: laying out at a size not yet given is waste
            self._lay_out()

    def _lines(self, width: int) -> list[Line]:
        if not self.cells:
            return []  # no matrix yet
        key = (width, self.font().key())
        found = self._plans.get(key)
        if found is None:
            if len(self._plans) >= PLANS_KEPT:
                self._plans.clear()
            count = self._column_count()
            found = self._plans[key] = plan(width, count, self.columns, self.rows, self.cells)
        return found

    def _lay_out(self) -> None:
        lines = self._lines(self.width())
        # A tall window: the lines of cells share the room left, as a table's rows would.
        spare = max(0, self.height() - sum(line.height for line in lines))
        sharing = sum(line.cells for line in lines) or 1
        top = shared = 0
        for line in lines:
            extra = spare // sharing + (shared < spare % sharing) if line.cells else 0
            shared += line.cells
            for button, x, width in line.places:
                button.setGeometry(x, top, width, line.height + extra)
            top += line.height + extra

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return sum(line.height for line in self._lines(width))

    # The heights below are the least the grid has at any width: how much more it needs at
    # a given width is `heightForWidth`'s to say, which layouts and the home view's scroll area
    # ask for the width they have. (Working out the wrapped text of every cell for widths
    # the grid never has would only slow the first paint.)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(preferred_width(self._column_count(), self.rows, self.cells), self._least())
        return QSize(width, self._least_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Narrow enough for each cell's code on one line (headlines wrap to any width)."""
        return QSize(self._least(), self._least_height())

    def _least(self) -> int:
        return least_width(self._column_count(), self.cells)

    def _least_height(self) -> int:
        return least_height(self._column_count(), self.columns, self.cells)

    def _column_count(self) -> int:
        return len(self.cells) // max(self._row_count, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._lay_out()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._lay_out()  # what changed while hidden

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the reader's zoom
            self._changed()
