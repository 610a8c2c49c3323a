"""The page being read is remembered for the next start once the reader pauses, not on the way to
the page: QSettings writes its file (and waits for the disk) on the event loop's next pass, which
after a click comes before the new page is painted (see BENCHMARKS.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from matrixdesk.ui.settings import PLACE_SAVE_DELAY_MS


def _written(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_opening_a_page_writes_its_place_only_once_the_reader_pauses(
    qtbot: QtBot, main_window
) -> None:
    window = main_window()
    window.navigate("alcohol/B5")
    QApplication.processEvents()  # the pass in which the page paints
    assert "alcohol/B5" not in _written(window.settings.path)
    # Written without the window closing: a reader whose session ends abruptly comes back here.
    qtbot.waitUntil(
        lambda: "alcohol/B5" in _written(window.settings.path), timeout=PLACE_SAVE_DELAY_MS * 3
    )
    assert window.settings.last_address == "matrixdesk:/alcohol/B5"
