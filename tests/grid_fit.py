"""Whether the home grid and the navigator show all their text (test support, no tests).

Each button's text is laid out afresh by QTextDocument, as Qt's rich-text engine wraps it, and
compared with the room the button gives it; the grid must not run off the side of the window,
and the navigator must show its five columns whole. Run as a script (the QT_SCALE_FACTOR test
does, in a process of its own), it opens the app's window at a size and zoom and prints what is
cut off, as JSON."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontMetrics, QTextBlockFormat, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QWidget

from matrixdesk.ui import axis_button, cell_button
from matrixdesk.ui.axis_button import AxisButton
from matrixdesk.ui.cell_button import CellButton
from matrixdesk.ui.grid_button import GridButton
from matrixdesk.ui.matrix_grid import MatrixGrid
from matrixdesk.ui.wrapped_text import BREAK_AFTER, bold

if TYPE_CHECKING:
    from matrixdesk.ui.main_window import MainWindow


SETTLING_ROUNDS = 20  # of the event loop: each layout request may post another


def settle(window: QWidget) -> None:
    """Let `window` finish laying out what changed (a size, a font) and paint, as on screen:
    run the event loop until the home grid is as tall as its text needs (or give up, and let
    the test say what is cut off)."""
    grid = window.findChild(MatrixGrid, "homeGrid")
    for _ in range(SETTLING_ROUNDS):
        QApplication.processEvents()
        if grid is None or grid.height() >= grid.heightForWidth(grid.width()):
            break
    window.grab()


def text_height(button: GridButton, width: int) -> float:
    """The height of the button's wrapped text at `width`, as QTextDocument lays it out."""
    text, alignment, indent = button.wrapped_text()
    document = QTextDocument()
    document.setDefaultFont(button.font())
    document.setDocumentMargin(0)
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setPlainText(text.replace(*BREAK_AFTER))
    block = QTextBlockFormat()
    block.setTextIndent(indent)
    QTextCursor(document).setBlockFormat(block)
    document.setTextWidth(width)
    return document.size().height()


def _cut_in(button: GridButton) -> str | None:
    """What of `button`'s text does not fit in it, if anything."""
    line = QFontMetrics(button.font()).height()
    if isinstance(button, CellButton):
        pad_x = cell_button.MARGIN + (
            cell_button.COMPACT_PAD if button.compact else cell_button.PAD_X
        )
        pad_y = cell_button.MARGIN + cell_button.PAD_Y
        above = 0 if button.compact else line + cell_button.GAP
        key = button.cell.code if button.cell else ""
    else:
        assert isinstance(button, AxisButton)
        pad_x, pad_y = axis_button.PAD_X, axis_button.PAD_Y
        above = line if button.horizontal else 0
        key = button.axis.key if button.axis else ""
    width = button.width() - 2 * pad_x
    if QFontMetrics(bold(button.font())).horizontalAdvance(key) > width:
        return f"{key}: the key is wider than the button ({button.width()} px)"
    if isinstance(button, CellButton) and button.compact:
        return None  # the navigator shows codes only
    needed = 2 * pad_y + above + text_height(button, width)
    if needed > button.height():
        return f"{key}: its text needs {needed:.0f} px, the button is {button.height()} px tall"
    return None


def broken_words(grid: MatrixGrid) -> list[str]:
    """The lines of `grid`'s text that start inside a word (not after a space, a hyphen or a
    slash): what wrapping does only when a word alone is wider than its button."""
    broken = []
    for button in [*grid.columns, *grid.rows, *grid.cells]:
        pad = axis_button.PAD_X if isinstance(button, AxisButton) else cell_button.PAD_X
        pad += 0 if isinstance(button, AxisButton) else cell_button.MARGIN
        layout = button.laid_out(button.width() - 2 * pad)
        text = layout.text()
        for number in range(1, layout.lineCount()):
            start = layout.lineAt(number).textStart()
            if not (text[start - 1].isspace() or text[start - 1] in ("-", BREAK_AFTER[1][-1])):
                broken.append(f"{text[:start]}|{text[start:]}")
    return broken


def cut_off(grid: MatrixGrid) -> list[str]:
    """Every button of `grid` whose text is cut, or that lies outside the grid."""
    problems = []
    for button in [*grid.columns, *grid.rows, *grid.cells]:
        if (problem := _cut_in(button)) is not None:
            problems.append(problem)
        if not grid.rect().contains(button.geometry()):
            problems.append(f"{button.accessibleName()}: outside the grid at {button.geometry()}")
    return problems


def home_cut_off(window: MainWindow) -> list[str]:
    """What the home grid cuts off, or hides to the side (the home view scrolls down only)."""
    problems = cut_off(window.home.table)
    sideways = window.home.scroll_area.horizontalScrollBar().maximum()
    if sideways:
        problems.append(f"the home view scrolls {sideways} px sideways")
    return problems


def navigator_cut_off(window: MainWindow) -> list[str]:
    """What the navigator cuts off: each of its 25 cells must be on screen whole."""
    navigator = window.navigator
    problems = cut_off(navigator)
    for cell in navigator.cells:
        shown = cell.visibleRegion().boundingRect()
        if shown != cell.rect():
            code = cell.cell.code if cell.cell else "?"
            problems.append(f"navigator {code}: {shown.width()}x{shown.height()} px shown")
    return problems


def main() -> int:
    """`grid_fit.py WIDTH HEIGHT ZOOM_STEPS`: the window at that size and zoom, at home and at B5,
    and what is cut off, as JSON."""
    from matrixdesk.core.store import ContentStore
    from matrixdesk.paths import bundled_pack_path
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    width, height, zoom = map(int, sys.argv[1:4])
    application()
    store = ContentStore.open(bundled_pack_path())
    with tempfile.TemporaryDirectory() as config:
        window = open_window(store, Settings(Path(config)), None)
        window.resize(width, height)
        window.show()
        window.zoom_by(zoom)
        settle(window)
        size = [window.width(), window.height()]
        home = home_cut_off(window)
        window.navigate("alcohol/B5")
        settle(window)
        report = {
            "ratio": window.devicePixelRatioF(),
            "size": size,
            "home": home,
            "navigator": navigator_cut_off(window),
        }
        window.close()
    store.close()
    QApplication.processEvents()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
