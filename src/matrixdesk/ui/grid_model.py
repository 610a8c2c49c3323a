"""The matrix the grids show (the home grid and the compact navigator share one), and what its
cells and headings say: to the eye, in tooltips and to a screen reader."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from matrixdesk.core.views import Axis, CellSummary, MatrixView


class MatrixGridModel(QObject):
    changed = Signal()
    """The matrix shown changed: read `matrix` and `cells` again."""

    def __init__(self) -> None:
        super().__init__()
        self._matrix: MatrixView | None = None
        self._cells: tuple[CellSummary, ...] = ()

    def set_matrix(self, matrix: MatrixView, cells: tuple[CellSummary, ...]) -> None:
        """`cells` row by row, each row from column A: the order the grid lays them out in."""
        self._matrix, self._cells = matrix, cells
        self.changed.emit()

    @property
    def matrix(self) -> MatrixView | None:
        return self._matrix

    @property
    def cells(self) -> tuple[CellSummary, ...]:
        return self._cells


def cell_name(cell: CellSummary) -> str:
    """What a screen reader says of a cell: code, title, headline, and if its page is missing."""
    status = " Not in this pack." if not cell.has_content else ""
    headline = f" {_sentence(cell.headline)}" if cell.headline else ""
    return f"Cell {cell.code}: {_sentence(cell.title)}{headline}{status}"


def cell_tooltip(cell: CellSummary) -> str:
    lines = [f"{cell.code} · {cell.title}"]
    if cell.headline:
        lines.append(cell.headline)
    lines.append(f"Mainly for {cell.column.description}")
    if not cell.has_content:
        lines.append("Title only: this cell's page is not in the installed pack")
    return "\n".join(lines)


def cell_description(cell: CellSummary, marked: bool) -> str:
    """The rest of the tooltip, for a screen reader, and whether this is the cell being read."""
    reading = " You are reading this cell." if marked else ""
    return f"Mainly for {cell.column.description}.{reading}"


def axis_name(axis: Axis, horizontal: bool) -> str:
    return f"{'Column' if horizontal else 'Row'} {axis.key}, {axis.name}"


def axis_tooltip(axis: Axis, horizontal: bool) -> str:
    if horizontal:
        return (
            f"Column {axis.key}: {axis.name} (intervention level)\n"
            f"Mainly for {axis.description}. Opens a list of its five cells."
        )
    return (
        f"Row {axis.key}: {axis.name} (intervention type)\n"
        f"Matrix Bites course: {axis.description}. Opens a list of its five cells."
    )


def axis_description(axis: Axis, horizontal: bool) -> str:
    return axis_tooltip(axis, horizontal).split("\n", 1)[1]


def _sentence(text: str) -> str:
    """`text` ended with a full stop, unless it ends in punctuation already ("…jailer?")."""
    return text if text.endswith((".", "?", "!")) else f"{text}."
