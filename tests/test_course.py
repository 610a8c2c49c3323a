"""The Matrix Bites course through the real window: a bite marked read (Ctrl+R, or the button
beside the breadcrumb) and discussed (Ctrl+Shift+R), the count on the home grid and each row's,
saved at once, and Next unread bite (Ctrl+J)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.store import UserData
from tests.user_data import with_user_data

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory


def _key(qtbot: QtBot, window: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(window.course.progress_changed):
        qtbot.keyClick(window, key, modifiers)


def _row_5(window: MainWindow) -> str:
    heading = next(h for h in window.home.table.rows if h.axis and h.axis.key == "5")
    return heading.wrapped_text()[0]


def test_marking_b5_read_and_discussed_counts_on_the_home_grid_and_is_saved(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir, "alcohol/B5")
    course = window.course
    assert course.read.isEnabled() and not course.read.isChecked()
    assert window.read_button.isVisible()
    _key(qtbot, window, Qt.Key.Key_R)
    assert course.read.isChecked() and window.read_button.isChecked()
    assert window.statusBar().currentMessage() == "Matrix Bite marked as read."
    _key(qtbot, window, Qt.Key.Key_R, shift=True)
    assert course.discussed.isChecked()
    with UserData.open(user_data_path(config_dir)) as other:  # committed when made
        bite = other.bite("alcohol", "B5")
        assert bite is not None and bite.read_at and bite.discussed_at
    window.go_home()
    assert window.home.progress.isVisible()
    assert window.home.progress.text() == (
        "Matrix Bites course: 1 of 25 bites read, 1 discussed with a team."
    )
    assert _row_5(window) == "Safeguarding the community · 1 of 5 read"
    heading = next(h for h in window.home.table.rows if h.axis and h.axis.key == "1")
    assert heading.accessibleDescription().endswith("0 of 5 read.")
    window.navigate("drug")  # the other matrix: its own course
    assert window.home.progress.text().startswith("Matrix Bites course: 0 of 25 bites read")
    assert "read" not in _row_5(window)


def test_a_cell_without_its_bite_cannot_be_marked_and_next_unread_opens_a_bite(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir, "alcohol/B4")
    assert not window.course.read.isEnabled()
    qtbot.keyClick(
        window,
        Qt.Key.Key_J,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert window.windowTitle().startswith("B5 ")  # the only bite this pack holds, unread
    assert window.page.state.bite_open
    _key(qtbot, window, Qt.Key.Key_R)
    window.course.next_unread.trigger()
    assert window.statusBar().currentMessage().startswith("Every Matrix Bite this pack holds")
