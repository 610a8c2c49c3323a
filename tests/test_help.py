"""The Help menu (user guide, keyboard shortcuts, About), the first start's welcome, and
presentation mode, driven through the real main window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStatusBar, QToolBar, QTreeWidget

import matrixdesk
from tests.conftest import SOURCE

ROOT = Path(__file__).resolve().parents[1]

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.menuBar().actions()]


def _help_commands(window: MainWindow) -> list[str]:
    help_menu = window.menuBar().actions()[-1].menu()
    return [a.text() for a in help_menu.actions() if a.text()]  # type: ignore[union-attr]


def test_the_help_menu_offers_the_guide_the_shortcuts_and_about(main_window: WindowFactory) -> None:
    window = main_window()
    assert _menu_titles(window)[-1] == "Help"
    assert _help_commands(window) == ["User guide", "Keyboard shortcuts", "About MatrixDesk"]
    assert window.window_actions.user_guide.shortcut().matches(QKeySequence("F1"))


def test_every_command_is_on_the_window_itself(main_window: WindowFactory) -> None:
    """QWidget.actions() is the window's own (nothing shadows it), and holds every menu command:
    their keys then work while presentation mode hides the menus."""
    window = main_window()
    on_window = set(window.actions())
    in_menus = {
        action
        for menu in window.menuBar().actions()
        for action in menu.menu().actions()  # type: ignore[union-attr]
        if action.shortcuts()
    }
    assert len(in_menus) >= 15
    assert in_menus <= on_window


def _shown_shortcuts(qtbot: QtBot, window: MainWindow) -> dict[str, str]:
    window.window_actions.shortcut_list.trigger()
    dialog = window.help.dialog
    assert dialog is not None and dialog.isVisible()
    tree = dialog.findChild(QTreeWidget)
    assert tree is not None and tree.accessibleName() == "Keyboard shortcuts"
    shown = {}
    for group in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(group)
        for row in range(item.childCount()):
            shown[item.child(row).text(0)] = item.child(row).text(1)
    dialog.close()
    qtbot.waitUntil(lambda: window.help.dialog is None)
    return shown


def test_the_shortcut_list_is_read_from_the_actions(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    shown = _shown_shortcuts(qtbot, window)
    native = QKeySequence.SequenceFormat.NativeText
    expected = {
        # As a menu shows it, without its mnemonic's "&" or the "…" that says a dialog follows.
        action.text().replace("&", "").rstrip("…"): " or ".join(
            k.toString(native) for k in action.shortcuts()
        )
        for action in window.actions()
        if isinstance(action, QAction) and action.shortcuts()
    }
    assert shown == expected
    assert shown["Find in page"] == QKeySequence("Ctrl+F").toString(native)
    assert shown["Presentation mode"] == "F11"
    assert shown["Search"] == "Ctrl+K or Ctrl+L"
    # Changed keys show as changed: the list is built from the actions, not written out.
    window.window_actions.find.setShortcut(QKeySequence("Ctrl+Shift+F"))
    assert _shown_shortcuts(qtbot, window)["Find in page"] == QKeySequence("Ctrl+Shift+F").toString(
        native
    )


def test_about_names_the_app_the_pack_its_publisher_credits_and_licences(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    window.window_actions.about.trigger()
    box = window.help.dialog
    assert box is not None and box.isVisible() and box.windowTitle() == "About MatrixDesk"
    text = box.plain_text  # type: ignore[attr-defined]
    label = box.findChild(QLabel, "aboutText")
    assert label is not None and label.accessibleDescription() == text
    summary = window.store.summary()
    for expected in (
        f"MatrixDesk {matrixdesk.__version__}",
        summary.title,
        f"Edition {summary.edition}",
        "This pack holds 1 of the 50 cells in full (Alcohol Treatment Matrix B5)",
        "Published by Drug and Alcohol Findings",
        "MatrixDesk: MIT License",
        "GNU LGPL version 3",
        "SIL Open Font License 1.1",
        "SQLAlchemy: MIT License",
        "ICU: Unicode License",
    ):
        assert expected in text, expected
    # The credits as the source page gives them, in its order.
    page = (SOURCE / "alcohol-B5-cell-page.txt").read_text(encoding="utf-8")
    credits = [
        ("2020/21 update funded by", "Alcohol Change UK"),
        ("Previously also funded by", "Society for the Study of Addiction"),
        ("Developed with", "Skills Consortium"),
    ]
    assert all(role in page and name in page for role, name in credits)
    positions = [text.index(f"{role} {name}") for role, name in credits]
    assert positions == sorted(positions)
    box.close()


def test_the_licence_texts_are_there_to_read(qtbot: QtBot, main_window: WindowFactory) -> None:
    from matrixdesk.ui.licence_texts import LICENCE_FILES

    window = main_window()
    window.window_actions.about.trigger()
    box = window.help.dialog
    box.licences_button.click()  # type: ignore[union-attr]
    texts = box.licence_texts  # type: ignore[union-attr]
    assert texts.isVisible()
    firsts = []
    for index in range(len(LICENCE_FILES)):
        texts.choice.setCurrentIndex(index)
        firsts.append(texts.text.toPlainText())
    assert "Permission is hereby granted, free of charge" in firsts[0]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in firsts[1]
    assert "GNU GENERAL PUBLIC LICENSE" in firsts[2]
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in firsts[3]
    assert "SIL Open Font License" in firsts[4]
    assert "SQLAlchemy authors and contributors" in firsts[5]
    assert "UNICODE, INC. LICENSE AGREEMENT" in firsts[6]
    assert "What the LGPL gives you" in firsts[7]
    texts.close()
    box.close()


def test_f1_opens_the_user_guide_beside_the_reader(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    window.window_actions.user_guide.trigger()
    guide = window.help.guide
    assert guide is not None
    qtbot.waitExposed(guide)
    assert not guide.isModal()
    words = guide.browser.toPlainText()
    assert words.startswith("MatrixDesk user guide")
    for heading in ("Searching", "Showing a cell to a group", "Keyboard"):
        assert heading in words
    guide.close()


def test_the_shipped_guide_is_built_from_its_source() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_guide.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_first_start_says_what_the_pack_holds_once(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window()
    banner = window.home.welcome
    assert banner.isVisible()
    words = banner.text.text()
    assert "1 of the 50 cells in full (Alcohol Treatment Matrix B5)" in words
    assert "web address" in words
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    window.close()
    again = main_window()
    assert not again.home.welcome.isVisible()


def test_presentation_mode_shows_the_page_alone_in_large_text(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    page = window.page
    chrome = [window.menuBar(), *window.findChildren(QToolBar), window.page.side]
    assert all(widget.isVisible() for widget in chrome)
    size = page.browser.document().defaultFont().pointSizeF()
    status_bars = window.findChildren(QStatusBar)
    window.window_actions.present.trigger()
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert window.window_actions.present.isChecked()
    assert not any(widget.isVisible() for widget in chrome)
    # The page reaches the bottom of the screen: no status bar (nor one made on the way).
    browser = page.browser
    qtbot.waitUntil(
        lambda: browser.mapTo(window, browser.rect().bottomLeft()).y() >= window.height() - 3
    )
    assert window.findChildren(QStatusBar) == status_bars
    assert not any(bar.isVisible() for bar in status_bars)
    assert page.browser.document().defaultFont().pointSizeF() > 1.7 * size
    # Keys still work with the menus hidden; the size chosen here is the projector's own.
    qtbot.keyClick(page.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    presenting_size = page.browser.document().defaultFont().pointSizeF()
    assert size < presenting_size < 1.7 * size
    qtbot.keyClick(page.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.window_actions.present.isChecked()
    assert all(widget.isVisible() for widget in chrome)
    assert page.browser.document().defaultFont().pointSizeF() == size
    qtbot.keyClick(page.browser, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert page.browser.document().defaultFont().pointSizeF() == presenting_size
    qtbot.keyClick(page.browser, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
