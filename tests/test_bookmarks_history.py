"""Bookmarks and history through the real window: Ctrl+D, the Bookmarks menu, Manage bookmarks
(rename, remove, a place the pack no longer has), History (Ctrl+H, open, clear), and a user
database that cannot be used moved aside with a dialog that names it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from matrixdesk.ui.bookmarks_dialog import BookmarksDialog
from matrixdesk.ui.history_dialog import HistoryDialog
from matrixdesk.ui.places_dialog import GONE
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.store import UserData
from tests.user_data import with_user_data, written

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory

B5_TITLE = "B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix"


def _press_ctrl_d(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.user.bookmarks.changed):
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)


def _menu_names(window: MainWindow) -> list[str]:
    menu = window.user.bookmarks.menu
    menu.aboutToShow.emit()
    return [a.text() for a in menu.actions() if not a.isSeparator()][2:]


def test_ctrl_d_bookmarks_the_page_and_it_is_saved_at_once(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    toggle = window.user.bookmarks.toggle
    assert toggle.isEnabled() and not toggle.isChecked()
    _press_ctrl_d(qtbot, window)
    assert toggle.isChecked() and toggle.text() == "Remove bookmark"
    assert _menu_names(window) == [B5_TITLE]
    assert window.statusBar().currentMessage() == "Bookmarked."
    # Committed when made: another reader of the same file sees it while the window is open.
    with UserData.open(user_data_path(config_dir)) as other:
        assert [b.title for b in other.bookmarks()] == [B5_TITLE]
    window.navigate("alcohol/B4")
    assert not toggle.isChecked()
    window.go_home()
    assert not toggle.isEnabled()  # home is not a page to bookmark
    chosen = next(a for a in window.user.bookmarks.menu.actions() if a.text() == B5_TITLE)
    chosen.trigger()
    assert window.windowTitle().startswith(B5_TITLE) and toggle.isChecked()
    _press_ctrl_d(qtbot, window)  # again: the bookmark goes
    assert not toggle.isChecked() and _menu_names(window) == []


def test_a_study_is_bookmarked_with_its_own_title(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    place = "alcohol/B5/entry/therapist-relationship-offenders"
    window = with_user_data(qtbot, main_window, config_dir, place)
    _press_ctrl_d(qtbot, window)
    [name] = _menu_names(window)
    assert name.startswith("Relationship with therapist seems more important") and name.endswith(
        B5_TITLE
    )


def _manage(qtbot: QtBot, window: MainWindow) -> BookmarksDialog:
    window.user.bookmarks.manage.trigger()
    dialog = window.user.bookmarks_dialog
    assert isinstance(dialog, BookmarksDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_manage_bookmarks_renames_removes_and_keeps_what_the_pack_lost(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:  # as an older pack left them
        data.add_bookmark("alcohol/B5#a-heading-a-later-edition-dropped", "An old heading")
    window = with_user_data(qtbot, main_window, config_dir)
    _press_ctrl_d(qtbot, window)
    dialog = _manage(qtbot, window)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert sorted(texts) == sorted([B5_TITLE, f"An old heading ({GONE})"])
    dialog.list.setCurrentRow(texts.index(f"An old heading ({GONE})"))
    assert not dialog.open_button.isEnabled() and dialog.remove_button.isEnabled()
    dialog.list.setCurrentRow(texts.index(B5_TITLE))
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    ask = dialog.findChild(QInputDialog)
    assert ask is not None and ask.textValue() == B5_TITLE
    ask.setTextValue("Supervision under coercion: for Thursday's team meeting")
    with qtbot.waitSignal(window.user.bookmarks.changed):
        ask.accept()
    assert "Supervision under coercion: for Thursday's team meeting" in _menu_names(window)
    row = next(i for i in range(dialog.list.count()) if "Thursday" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(row)
    with qtbot.waitSignal(window.user.bookmarks.changed):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        f"An old heading ({GONE})"
    ]  # never deleted for being gone from the pack
    assert not window.user.bookmarks.toggle.isChecked()
    dialog.close()


def _history(qtbot: QtBot, window: MainWindow) -> HistoryDialog:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.user.history_dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_history_lists_what_was_read_newest_first_and_clears_when_asked(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")
    window.navigate("alcohol/B5")
    window.navigate("alcohol/C1")
    window.search_view  # noqa: B018 - search results are not history
    window.navigate("search?q=motivational")
    window.navigate("alcohol/B5")
    written(qtbot, window)
    dialog = _history(qtbot, window)
    titles = [dialog.list.item(i).text().splitlines()[0] for i in range(dialog.list.count())]
    assert titles[0] == B5_TITLE
    assert titles[1].startswith("C1 ") and len(titles) == 2  # B5 once, at its latest visit
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle().startswith("C1 ")
    dialog = _history(qtbot, window)
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    ask = dialog.findChild(QMessageBox)
    assert ask is not None
    clear = next(b for b in ask.buttons() if b.text() == "Clear history")
    with qtbot.waitSignal(dialog.cleared):
        clear.click()
    assert dialog.list.count() == 0 and dialog.empty.isVisible()
    dialog.close()


@pytest.mark.parametrize("damage", ["not a database", "newer version"])
def test_a_user_database_that_cannot_be_used_is_moved_aside_and_named(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, damage: str
) -> None:
    path = user_data_path(config_dir)
    if damage == "not a database":
        path.write_text("Supervision notes, 2 December: not a database.\n" * 40)
    else:
        with UserData.open(path) as data:
            data.add_bookmark("alcohol/B5", "Kept in the old file")
        import sqlite3

        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA user_version = 999")
        connection.close()
    before = path.read_bytes()
    window = main_window("alcohol/B5", config_dir)
    with qtbot.waitSignal(window.user.layer.set_aside, timeout=10_000) as told:
        window.user.open(config_dir)
    message: str = told.args[0]
    [moved] = [p for p in config_dir.glob("userdata.*.sqlite") if p != path]
    assert str(moved) in message and moved.read_bytes() == before
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "userdataWarning") is not None)
    box = window.findChild(QMessageBox, "userdataWarning")
    assert str(moved) in box.text() and "new, empty file" in box.text()
    box.close()
    with qtbot.waitActive(window):  # as the desktop gives it back the keyboard
        window.activateWindow()
    _press_ctrl_d(qtbot, window)  # the reader carries on, with a fresh file
    assert window.user.bookmarks.toggle.isChecked()


def test_export_then_import_into_another_profile_and_a_bad_file_changes_nothing(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, tmp_path: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    file_menu = [a.text() for a in window.window_actions.file_menu.actions()]
    assert "&Export my notes, bookmarks and CPD log…" in file_menu
    assert "&Import notes, bookmarks and CPD log…" in file_menu
    _press_ctrl_d(qtbot, window)
    exported = tmp_path / "for-my-new-computer.json"
    with qtbot.waitSignal(window.user.said) as told:
        window.user.export_to(exported)
    assert told.args[0].startswith("Exported 1 bookmark") and exported.is_file()

    other = tmp_path / "other-profile"
    other.mkdir()
    second = with_user_data(qtbot, main_window, other, "alcohol/B5")
    assert not second.user.bookmarks.toggle.isChecked()
    with qtbot.waitSignal(second.user.said) as told:
        second.user.import_from(exported)
    assert "1 new" in told.args[0]
    assert second.user.bookmarks.toggle.isChecked() and _menu_names(second) == [B5_TITLE]

    bad = tmp_path / "notes-from-a-colleague.json"
    bad.write_text('{"format": "matrixdesk-userdata", "format_version": 1, "bookmarks": [', "utf-8")
    saved = user_data_path(other).read_bytes()
    with qtbot.waitSignal(second.user.layer.refused) as refused:
        second.user.import_from(bad)
    assert "not valid JSON" in refused.args[0] and "Nothing was changed" in refused.args[0]
    box = second.findChild(QMessageBox, "userdataWarning")
    assert box is not None and "Nothing was changed" in box.text()
    box.close()
    assert user_data_path(other).read_bytes() == saved
    assert _menu_names(second) == [B5_TITLE]


def test_the_button_beside_the_breadcrumb_bookmarks_and_says_which_it_will_do(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    button = window.bookmark_button
    assert button.isVisible() and button.text() == "Bookmark"
    assert button.toolTip().startswith("Bookmark this page")
    with qtbot.waitSignal(window.user.bookmarks.changed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked() and button.text() == "Bookmarked"
    assert _menu_names(window) == [B5_TITLE]
