"""Pack editions in the window: File > Install content pack… (the file dialog patched), the
result, the bar offering the newer edition, switching at the same place, What's new, and the
reader's bookmarks and notes after the switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPlainTextEdit

from matrixdesk.editions.choose import choose
from matrixdesk.editions.install import install
from matrixdesk.editions.places import Places
from matrixdesk.ui.edition_switch import EditionSwitch
from matrixdesk.ui.launch import application, config_dir, open_window, reopen_window
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.pack_editions import PackEditions
from matrixdesk.ui.settings import Settings
from tests.editions import DevKey, edition_pack, key, where

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.conftest import WindowFactory

__all__ = ["key", "where"]  # fixtures
PLACE = "matrixdesk:/alcohol/B5#practitioner-skills"


class Reader:
    """The window as the launcher runs it, on the edition in use, following switches."""

    def __init__(self, qtbot: QtBot, where: Places, place: str = PLACE) -> None:
        application()
        chosen = choose(where)
        assert chosen.store is not None
        self.window = open_window(chosen.store, Settings(config_dir(None)), place, False, where)
        self.switch = EditionSwitch(
            self.window,
            [chosen.store],
            lambda store, visit, previous: reopen_window(store, visit, previous, None, where),
            self._present,
        )
        with qtbot.waitActive(self.window):
            self._present(self.window)

    @staticmethod
    def _present(window: MainWindow) -> None:
        window.show()
        window.activateWindow()

    @property
    def editions(self) -> PackEditions:
        found = self.switch.window.findChild(PackEditions)
        assert found is not None
        return found

    def close(self) -> None:
        self.switch.window.close()
        self.switch.close_stores()


@pytest.fixture
def reader(qtbot: QtBot, where: Places) -> Iterator[Reader]:
    opened = Reader(qtbot, where)
    yield opened
    opened.close()


def _menu_action(window: MainWindow, text: str) -> None:
    menus = (window.window_actions.file_menu, window.window_actions.help_menu)
    action = next(a for menu in menus for a in menu.actions() if a.text() == text)
    action.trigger()


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def test_install_from_the_file_menu_then_switch_at_the_same_place(
    qtbot: QtBot,
    reader: Reader,
    where: Places,
    key: DevKey,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, editions = reader.window, reader.editions
    assert str(window.current) == PLACE and window.store.summary().edition == "2026-11-26"
    _choose_file(monkeypatch, edition_pack(tmp_path, "2027-01-01", key, features=True))
    _menu_action(window, "&Install content pack…")
    box = editions.result_box
    assert box is not None and box.isVisible()
    assert box.text() == "Edition 2027-01-01 of the content pack is installed"
    assert "trusted: yours" in box.informativeText()
    box.close()
    assert editions.bar.isVisible()
    assert editions.bar.text.text() == (
        "Edition 2027-01-01 of the content pack is installed; this window shows edition 2026-11-26."
    )
    assert window.store.summary().edition == "2026-11-26"  # until the reader switches

    qtbot.mouseClick(editions.bar.switch, Qt.MouseButton.LeftButton)
    new = reader.switch.window
    assert new is not window and new.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert new.store.summary().edition == "2027-01-01"
    assert str(new.current) == PLACE
    assert "Now showing edition 2027-01-01" in new.statusBar().currentMessage()

    _menu_action(new, "&What's new in this pack")
    dialog = reader.editions.whats_new_dialog
    assert dialog is not None and dialog.isVisible()
    view = dialog.findChild(QPlainTextEdit)
    assert view is not None
    assert view.toPlainText().splitlines()[:2] == [
        "From edition 2026-11-26 to edition 2027-01-01:",
        "drug A1 Synthetic test cell (page added)",
    ]
    dialog.close()


def test_an_unsigned_pack_is_installed_only_after_a_clear_warning(
    reader: Reader, where: Places, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editions = reader.editions
    _choose_file(monkeypatch, edition_pack(tmp_path, "2027-01-01", None))
    _menu_action(reader.window, "&Install content pack…")
    warning = editions.result_box
    assert warning is not None and warning.icon() == QMessageBox.Icon.Warning
    assert warning.text() == "Install a pack whose origin cannot be checked?"
    assert "The pack is not signed" in warning.informativeText()
    assert not where.user_packs.exists()
    anyway = next(b for b in warning.buttons() if b.text() == "Install anyway")
    anyway.click()
    done = editions.result_box
    assert done is not None and done is not warning
    assert done.text() == "Edition 2027-01-01 of the content pack is installed"
    assert "unsigned; allowed by you" in done.informativeText()
    done.close()
    assert editions.bar.isVisible()


def test_a_refused_pack_says_why(
    reader: Reader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"These are meeting notes, not a pack.\n" * 20)
    _choose_file(monkeypatch, damaged)
    _menu_action(reader.window, "&Install content pack…")
    box = reader.editions.result_box
    assert box is not None and box.icon() == QMessageBox.Icon.Critical
    assert box.text() == "The content pack was not installed"
    assert "not a MatrixDesk content pack" in box.informativeText()
    box.close()
    assert not reader.editions.bar.isVisible()


def test_an_edition_installed_elsewhere_is_offered_when_the_window_is_activated(
    qtbot: QtBot, reader: Reader, where: Places, key: DevKey, tmp_path: Path
) -> None:
    editions = reader.editions
    install(edition_pack(tmp_path, "2027-01-01", key), where)  # by another app, or by IT
    assert not editions.bar.isVisible()
    QApplication.sendEvent(reader.window, QEvent(QEvent.Type.WindowActivate))
    assert editions.bar.isVisible()
    qtbot.mouseClick(editions.bar.later, Qt.MouseButton.LeftButton)
    assert not editions.bar.isVisible()
    # Looked for again only when something changes: Later is not asked again at once.
    reader.window.go_home()
    assert not editions.bar.isVisible()
    install(edition_pack(tmp_path, "2027-02-01", key), where)
    reader.window.go_home()
    assert editions.bar.isVisible() and "2027-02-01" in editions.bar.text.text()


def test_bookmarks_and_notes_reattach_after_a_switch_and_a_vanished_place_is_listed(
    qtbot: QtBot, where: Places, key: DevKey, tmp_path: Path
) -> None:
    from matrixdesk.userdata.location import user_data_path
    from matrixdesk.userdata.store import UserData

    install(edition_pack(tmp_path, "2027-01-01", key, features=True), where)
    data = UserData.open(user_data_path(None))
    kept = "matrixdesk:/alcohol/B5#practitioner-skills"
    gone = "matrixdesk:/drug/A1/entry/synthetic-noted"
    data.add_bookmark(kept, "Practitioner skills")
    data.add_note(kept, "Synthetic note for tests, on a heading both editions have.")
    data.add_note(gone, "Synthetic note for tests, on a study only the first edition has.")
    reader = Reader(qtbot, where, place=gone)
    try:
        assert reader.window.place_exists(gone) and reader.window.place_exists(kept)
        install(edition_pack(tmp_path, "2027-02-01", key), where)
        reader.editions.look_for_newer()
        qtbot.mouseClick(reader.editions.bar.switch, Qt.MouseButton.LeftButton)
        new = reader.switch.window
        assert new.store.summary().edition == "2027-02-01"
        assert str(new.current) == "matrixdesk:/drug/A1"  # the cell, shown as not in the pack

        class Known:
            def __contains__(self, address: object) -> bool:
                return isinstance(address, str) and new.place_exists(address)

        orphans = data.orphans(Known())
        assert [b.address for b in data.bookmarks()] == [kept] and orphans.bookmarks == ()
        assert [n.address for n in orphans.notes] == [gone]
        assert len(data.notes()) == 2  # listed, never deleted
        assert [n.address for n in data.notes_at(kept)] == [kept]
    finally:
        reader.close()
        data.close()


def test_no_offers_or_install_for_a_pack_named_with_pack(main_window: WindowFactory) -> None:
    window = main_window()
    assert window.findChild(PackEditions) is None


def test_an_older_edition_is_refused_in_the_window(
    reader: Reader, where: Places, key: DevKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(edition_pack(tmp_path, "2027-02-01", key), where)
    _choose_file(monkeypatch, edition_pack(tmp_path, "2027-01-01", key))
    _menu_action(reader.window, "&Install content pack…")
    box = reader.editions.result_box
    assert box is not None and box.icon() == QMessageBox.Icon.Critical
    assert "2027-01-01 is older than edition 2027-02-01, which is in use" in box.informativeText()
    box.close()
    assert not (where.user_packs / "matrices-2027-01-01.sqlite").exists()
