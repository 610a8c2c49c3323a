"""The page-open half of `make bench`: from a reader's click to the page on screen, whole.

The clock starts just before the click (QTest's press and release on the real widget: a cell of
the home grid, or a "For discussion" link in a page) and stops when all of this is done:

- The page's document is laid out to its end. Qt lays out rich text lazily: the first screenful
  at once, the rest in steps from a 10 ms timer, so when `repaint()` returns a page may still
  grow by thousands of pixels (B5 grew for 30 ms more, the synthetic 10x cell for 60 ms).
  Asking the layout for the document's size makes it finish that work there and then.
- The events the click and the layout left behind are handled: the new size reaching the
  scroll bar, the reading place's second move, the widgets' own layouts, and the update
  requests that paint what changed (the page, the navigator beside it, the breadcrumb above
  it). Repeated until a pass changes the document's size no more.
- The whole window has been repainted once more, synchronously, and flushed. (Qt leaves out
  only opaque views whose pixels it already holds, such as a page painted in the pass before.)

Then, with the clock stopped, the event loop runs on for SETTLE_MS. If the document's size or
the scroll bar changes in that time, or the page, navigator or breadcrumb paints again, or one
that changed did not paint inside the clock, the child stops with what it saw, and so does
`make bench`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSizeF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from matrixdesk.ui.main_window import MainWindow

OPENS = 15
SETTLE_MS = 300  # many times the lazy layout's 10 ms step


class BenchmarkDishonestError(RuntimeError):
    """The page changed after the clock stopped: the figure would not be what a reader sees."""


def window(pack: Path) -> tuple[QApplication, MainWindow]:
    """The reader's window on `pack`, shown, as it is once a reader can first click."""
    from matrixdesk.core.store import ContentStore
    from matrixdesk.paths import resources_dir
    from matrixdesk.ui.launch import application, config_dir, open_window
    from matrixdesk.ui.settings import Settings
    from matrixdesk.ui.theme import READING_FONT_FILES, load_fonts

    app = application()
    store = ContentStore.open(pack)
    shown = open_window(store, Settings(config_dir(None)), None)
    shown.show()
    QTest.qWaitForWindowExposed(shown)
    # What the app does right after its first paint, before anyone can click.
    load_fonts(resources_dir() / "fonts", READING_FONT_FILES)
    return app, shown


class Screen(QObject):
    """What the reader sees of the window: brings a page to the end of its opening (`finish`),
    and counts what happens to it, to tell whether the clock stopped too soon."""

    def __init__(self, app: QApplication, shown: MainWindow) -> None:
        super().__init__()
        self.app = app
        self.window = shown
        # The page view is built with the first page opened; here, off the clock, timed apart.
        started = time.perf_counter()
        self.browser = shown.page.browser
        self.page_view_ms = (time.perf_counter() - started) * 1000
        self.watched: dict[QObject, str] = {
            self.browser.viewport(): "page",
            **dict.fromkeys(shown.navigator.cells, "navigator"),  # each paints only itself
            shown.page.breadcrumb: "breadcrumb",
        }
        for widget in self.watched:
            widget.installEventFilter(self)
        self.browser.document().documentLayout().documentSizeChanged.connect(self._resized)
        self.resizes = 0
        self.painted: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.painted.append(self.watched[watched])
        return False

    def _resized(self, _size: QSizeF) -> None:
        self.resizes += 1

    def finish(self) -> None:
        """Lay the page out to its end, handle what that leaves to do, paint the window."""
        layout = self.browser.document().documentLayout()
        while True:
            resizes = self.resizes
            layout.documentSize()  # finishes now what Qt left for its 10 ms layout steps
            self.app.processEvents()  # the new size, the place's second move, update requests
            if self.resizes == resizes:
                break
        self.window.repaint()

    def check_settled(self, what: str, changed: set[str]) -> None:
        """Raise unless each of `changed` (of page, navigator, breadcrumb) painted inside the
        clock, and nothing of the page changes or paints when the event loop runs on after it:
        either would mean the clock stopped before the page was on screen, whole."""
        unpainted = changed - set(self.painted)
        self.painted.clear()
        bar = self.browser.verticalScrollBar()
        before = (self.resizes, self.browser.document().size(), bar.maximum(), bar.value())
        QTest.qWait(SETTLE_MS)
        after = (self.resizes, self.browser.document().size(), bar.maximum(), bar.value())
        if unpainted or after != before or self.painted:
            raise BenchmarkDishonestError(
                f"{what}: the clock stopped before the page was on screen, whole. "
                f"Not painted inside the clock: {sorted(unpainted) or 'none'}; painted after it: "
                f"{sorted(set(self.painted)) or 'none'}. (Size signals, document size, scroll "
                f"maximum, scroll value) when it stopped: {before}; {SETTLE_MS} ms later: {after}."
            )

    def timed_click(self, widget: QWidget, point: QPoint) -> tuple[float, float]:
        """Milliseconds from a click at `point` on `widget` to the page finished on screen:
        wall-clock time, and the process's CPU time (steadier on a shared machine, where other
        work delays the wall clock)."""
        self.painted.clear()
        started, cpu = time.perf_counter(), time.process_time()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
        self.finish()
        return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000

    def go_home(self, matrix: str) -> None:
        self.window.navigate(matrix)
        self.finish()


def child_open(pack: Path, place: str) -> int:
    """Time from a click on the cell in the home grid to its page on screen, whole."""
    app, shown = window(pack)
    screen = Screen(app, shown)
    matrix, code = place.split("/")
    times = []
    for _ in range(OPENS):
        screen.go_home(matrix)
        cell = shown.home.table.cell_button(code)
        assert cell is not None, f"no cell {code} in the grid"
        times.append(screen.timed_click(cell, cell.rect().center()))
        assert str(shown.current).endswith(place), shown.current
        screen.check_settled(f"opening {place}", set(screen.watched.values()))
    _report(times, screen)
    return 0


def child_open_at_heading(pack: Path, place: str) -> int:
    """Time from a click on a "For discussion" link in a cell's study list (the Matrix Bite
    folded, as a cell opens) to the bite unfolded, laid out, painted and scrolled to the
    heading: what the reader waits for before reading on."""
    from bench_search import _repository_on_path

    _repository_on_path()
    from tests.reading_pane import links, point_of

    app, shown = window(pack)
    screen = Screen(app, shown)
    cell = place.split("#")[0]
    href = f"matrixdesk:/{place}"
    browser = screen.browser
    times = []
    for _ in range(OPENS):
        screen.go_home(cell.split("/")[0])  # a new visit: the bite folded again
        shown.navigate(cell)
        screen.finish()
        link = next(f for f in links(browser) if f.href == href)
        point = point_of(browser, link.position)  # scrolls it into view, as the reader would
        screen.finish()
        assert browser.anchorAt(point) == href, "the link to click is not under the pointer"
        times.append(screen.timed_click(browser.viewport(), point))
        assert str(shown.current).endswith(place), shown.current
        _check_at_heading(shown, place)
        screen.check_settled(f"opening {place} from its link", {"page"})
    _report(times, screen)
    return 0


def _check_at_heading(shown: MainWindow, place: str) -> None:
    """The page put its text cursor on the heading; it must be in the top third of the view."""
    browser = shown.page.browser
    top = browser.cursorRect().top()
    if not 0 <= top <= browser.viewport().height() // 3:
        raise BenchmarkDishonestError(f"{place}: the heading is at {top} px, not near the top")


def _report(times: list[tuple[float, float]], screen: Screen) -> None:
    page = screen.window.page
    figures = {
        "times": [wall for wall, _ in times],
        "cpu_times": [cpu for _, cpu in times],
        "html_kb": len(page._html.encode()) / 1024,
        "page_height_px": page.browser.document().size().height(),
        "page_view_build_ms": screen.page_view_ms,
    }
    screen.window.close()
    print(json.dumps(figures))
