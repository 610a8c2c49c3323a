"""The 5 by 5 matrix as a Qt table model, shared by the home grid and the compact navigator."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from matrixdesk.core.views import CellSummary, MatrixView
from matrixdesk.ui.plain_text import tooltip
from matrixdesk.ui.qt_types import ModelIndex

CellRole = Qt.ItemDataRole.UserRole + 1
"""Data role holding the cell's `CellSummary`."""


class MatrixGridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._matrix: MatrixView | None = None
        self._cells: tuple[CellSummary, ...] = ()

    def set_matrix(self, matrix: MatrixView, cells: tuple[CellSummary, ...]) -> None:
        self.beginResetModel()
        self._matrix, self._cells = matrix, cells
        self.endResetModel()

    @property
    def matrix(self) -> MatrixView | None:
        return self._matrix

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.columns)

    def cell_at(self, index: ModelIndex) -> CellSummary:
        return self._cells[index.row() * self.columnCount() + index.column()]

    def index_of(self, code: str) -> QModelIndex:
        for position, cell in enumerate(self._cells):
            if cell.code == code:
                return self.index(*divmod(position, self.columnCount()))
        return QModelIndex()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.code
        if role == CellRole:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(cell_tooltip(cell))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            status = "" if cell.has_content else " Not in this pack."
            headline = f" {cell.headline}." if cell.headline else ""
            return f"Cell {cell.code}: {cell.title}.{headline}{status}"
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._matrix is None:
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        axis = (self._matrix.columns if horizontal else self._matrix.rows)[section]
        if role == Qt.ItemDataRole.DisplayRole:
            width = 16 if horizontal else 20
            # Let "Management/supervision" break after its slash, as a word would.
            lines = textwrap.wrap(axis.name.replace("/", "/ "), width, break_long_words=False)
            return f"{axis.key}\n" + "\n".join(lines).replace("/ ", "/")
        if role == Qt.ItemDataRole.ToolTipRole:
            if horizontal:
                return tooltip(
                    f"Column {axis.key}: {axis.name} (intervention level)\n"
                    f"Mainly for {axis.description}. Click to list its five cells."
                )
            return tooltip(
                f"Row {axis.key}: {axis.name} (intervention type)\n"
                f"Matrix Bites course: {axis.description}. Click to list its five cells."
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kind = "Column" if horizontal else "Row"
            return f"{kind} {axis.key}: {axis.name}"
        return None


def cell_tooltip(cell: CellSummary) -> str:
    lines = [f"{cell.code} · {cell.title}"]
    if cell.headline:
        lines.append(cell.headline)
    lines.append(f"Mainly for {cell.column.description}")
    if not cell.has_content:
        lines.append("Title only: this cell's page is not in the installed pack")
    return "\n".join(lines)
