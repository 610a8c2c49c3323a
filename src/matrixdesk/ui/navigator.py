"""The side panel while reading: the matrix as a compact grid marking the cell being read, and
what that cell's column and row are. The grid shows codes only, so that its five columns fit
however narrow the panel is dragged."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from matrixdesk.core.views import CellSummary
from matrixdesk.ui.grid_model import MatrixGridModel
from matrixdesk.ui.matrix_grid import MatrixGrid


class NavigatorPanel(QWidget):
    def __init__(self, model: MatrixGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = MatrixGrid(model, compact=True)
        self.table.setAccessibleName("Matrix navigator")
        # Rich text that this panel builds, escaping everything that comes from the pack.
        self.matrix_name = QLabel()
        self.matrix_name.setTextFormat(Qt.TextFormat.RichText)
        self.matrix_name.setWordWrap(True)  # the panel may be narrower than the name
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.RichText)
        self.where.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.where.setAccessibleName("Where you are")
        # At its full height: in a short window the whole side column scrolls (SideColumn),
        # and the grid above keeps the height its five rows need.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.matrix_name)
        layout.addWidget(self.table)
        layout.addWidget(self.where)
        self._shown: CellSummary | None = None
        model.changed.connect(self._show_matrix_name)
        self._show_matrix_name()

    def _show_matrix_name(self) -> None:
        matrix = self.table.grid_model.matrix
        self.matrix_name.setText(f"<b>{escape(matrix.name)}</b>" if matrix else "")

    def show_cell(self, cell: CellSummary | None) -> None:
        """Mark `cell` in the grid and say where it sits; None clears both."""
        self.table.mark(cell.code if cell else None)
        if cell == self._shown:
            return  # laying out the same rich text again would only cost time
        self._shown = cell
        if cell is None:
            self.where.setText("")
            self.where.setAccessibleDescription("")
            return
        column, row = cell.column, cell.row
        about = [
            f"Column {column.key}, {column.name}: the intervention level, "
            f"mainly for {column.description}.",
            f"Row {row.key}, {row.name}: the intervention type. "
            f"Matrix Bites course: {row.description}.",
        ]
        self.where.setText(
            f"<p><b>{escape(cell.code)}</b> {escape(cell.title)}</p>"
            + "".join(f"<p>{escape(line)}</p>" for line in about)
        )
        # What a screen reader says after the label's name: the same words, without markup.
        self.where.setAccessibleDescription(" ".join([f"{cell.code} {cell.title}", *about]))
