"""The reader's window with its user database open, for tests (test support, no tests)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory


def with_user_data(
    qtbot: QtBot, main_window: WindowFactory, folder: Path, place: str = "alcohol/B5"
) -> MainWindow:
    """The window at `place`, its user database (in `folder`) open, as after the first paint."""
    window = main_window(place, folder)
    with qtbot.waitSignal(window.user.layer.ready, timeout=10_000):
        window.user.open(folder)
    return window


def written(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until every change asked for so far is committed (they are written in order)."""
    with qtbot.waitSignal(window.user.layer.saved):
        window.user.layer.write(lambda _data: None)
