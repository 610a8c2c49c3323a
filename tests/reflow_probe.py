"""`python -m tests.reflow_probe PACK CONFIG_DIR`: the real window at 683x768, for a run under
QT_SCALE_FACTOR=2 (test support: `tests/test_reflow.py` runs it in a process of its own, as Qt
reads the scale factor once, at start). Prints one JSON line: what is cut off on a page with the
find bar, at home and in search results (beside the grids, which have tests of their own), and
whether Ctrl+K reached a search field in view."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from matrixdesk.core.store import ContentStore
from matrixdesk.ui.launch import application, open_window
from matrixdesk.ui.settings import Settings
from tests.layout_checks import cut_off, grids

SIZE = QSize(683, 768)


def wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"reflow probe: timed out waiting for {what}")
        QTest.qWait(10)


def main(pack: Path, config: Path) -> int:
    application()
    store = ContentStore.open(pack)
    window = open_window(store, Settings(config), "alcohol/B5")
    window.resize(SIZE)
    window.show()
    window.activateWindow()
    wait_for(lambda: window.isActiveWindow() and window.size() == SIZE, "the window")
    found = {}
    window.page.open_find()
    QTest.keyClicks(window.page.find_bar.field, "worker")
    QApplication.processEvents()
    found["page"] = cut_off(window, ignore=grids(window))
    window.go_home()
    QApplication.processEvents()
    found["home"] = cut_off(window, ignore=grids(window))
    shown: list[str] = []
    window.results_shown.connect(shown.append)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    box = window.window_actions.search_box
    focused = QApplication.focusWidget() is box
    in_view = box.isVisible() and box.visibleRegion().boundingRect() == box.rect()
    QTest.keyClicks(QApplication.focusWidget(), "motivational")
    wait_for(lambda: "motivational" in shown, "the results")
    QApplication.processEvents()
    found["search"] = cut_off(window, ignore=grids(window))
    report = {
        "device_pixel_ratio": window.devicePixelRatio(),
        "size": [window.width(), window.height()],
        "cut_off": found,
        "search_field_in_view": focused and in_view,
        "results": window.search_view.model.rowCount(),
    }
    window.close()
    store.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
