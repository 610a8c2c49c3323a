"""Where the grid's buttons go at a given width: the cells' columns share the width equally, and
each line of buttons is as tall as its tallest button needs, so text wraps and is never cut.

When there is room, the row headings stand in a column of their own beside their rows; when that
would make the cells too narrow for their longest word, each row heading spans the width above
its row instead (as narrow tables do), and the cells get the whole width."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.ui.axis_button import AxisButton
from matrixdesk.ui.cell_button import CellButton
from matrixdesk.ui.grid_button import GridButton

HEADING_SHARE = 6  # a row heading column takes at most this fraction (1/6) of the width


@dataclass(frozen=True, slots=True)
class Line:
    """Buttons side by side, each as (button, x, width)."""

    height: int
    places: tuple[tuple[GridButton, int, int], ...]
    cells: bool
    """True for a line of cells: these share what height the grid has to spare."""


def plan(
    width: int,
    count: int,
    columns: list[AxisButton],
    rows: list[AxisButton],
    cells: list[CellButton],
) -> list[Line]:
    """The lines of buttons, top to bottom, at `width`: `count` columns of `cells` (row by
    row), with the `columns` and `rows` headings (none in the compact grid)."""
    heading = _heading_width(width, rows)
    if rows and _cell_width(width, heading, count) < max(c.comfortable_width() for c in cells):
        heading = 0  # stacked: each row heading above its row
    edges = [heading + round((width - heading) * n / count) for n in range(count + 1)]
    lines = []
    if columns:
        lines.append(_line([(b, edges[n], edges[n + 1] - edges[n]) for n, b in enumerate(columns)]))
    for row in range(len(cells) // count):
        places: list[tuple[GridButton, int, int]] = [
            (cell, edges[n], edges[n + 1] - edges[n])
            for n, cell in enumerate(cells[row * count : (row + 1) * count])
        ]
        if rows and heading:
            places.insert(0, (rows[row], 0, heading))
        elif rows:
            lines.append(_line([(rows[row], 0, width)]))
        lines.append(_line(places, cells=True))
    return lines


def least_width(count: int, cells: list[CellButton]) -> int:
    """The narrowest the grid can be: each cell's code on one line (headlines then wrap inside
    their words); the row headings are above their rows by then."""
    return max((b.minimum_width() for b in cells), default=0) * count


def least_height(count: int, columns: list[AxisButton], cells: list[CellButton]) -> int:
    """Less than the grid's height at any width: no line is shorter than its buttons' least."""
    cell_rows = [cells[n : n + count] for n in range(0, len(cells), count or 1)]
    headings = max((b.least_height() for b in columns), default=0)
    return headings + sum(max(b.least_height() for b in row) for row in cell_rows)


def preferred_width(count: int, rows: list[AxisButton], cells: list[CellButton]) -> int:
    """Wide enough for the row headings beside their rows and every headline's words whole."""
    heading = max((b.preferred_width() for b in rows), default=0)
    return heading + max((b.comfortable_width() for b in cells), default=0) * count


def _heading_width(width: int, rows: list[AxisButton]) -> int:
    if not rows:
        return 0
    wanted = max(button.preferred_width() for button in rows)
    least = max(button.minimum_width() for button in rows)
    return max(least, min(wanted, width // HEADING_SHARE))


def _cell_width(width: int, heading: int, count: int) -> int:
    return (width - heading) // count


def _line(places: list[tuple[GridButton, int, int]], cells: bool = False) -> Line:
    tallest = max(button.height_for(width) for button, _, width in places)
    return Line(tallest, tuple(places), cells)
