"""`make screenshots`: the README's pictures, taken from the real window, offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest

from matrixdesk.core.store import ContentStore
from matrixdesk.paths import bundled_pack_path
from matrixdesk.ui.launch import application, open_window
from matrixdesk.ui.settings import Settings

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SHOTS = {
    "home-grid.png": "alcohol",
    "b5-matrix-bite.png": "alcohol/B5#practitioner-skills",
    "b5-studies.png": "alcohol/B5",
    "not-in-pack.png": "drug/C3",
}
SEARCH = "motivational interviewing"


def main() -> int:
    application()
    store = ContentStore.open(bundled_pack_path())
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as config:
        window = open_window(store, Settings(Path(config)), None)
        window.resize(1200, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        for name, place in SHOTS.items():
            window.navigate(place)
            QTest.qWait(50)  # let the deferred scroll to a heading happen
            window.grab().save(str(OUT / name))
            print(OUT / name)
        shown: list[str] = []
        window.results_shown.connect(shown.append)
        window.actions.search_box.setFocus()
        QTest.keyClicks(window.actions.search_box, SEARCH)
        while not shown or shown[-1] != SEARCH:
            QTest.qWait(10)
        window.search_view.results.select_first()
        window.grab().save(str(OUT / "search-results.png"))
        print(OUT / "search-results.png")
        window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
