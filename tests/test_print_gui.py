"""Print and PDF through the real window: File > Print… (Ctrl+P) opens the options, then a
print preview; Export PDF… and Discussion pack (PDF)… write their files where the reader says.
The save dialog is the system's own: the tests answer it (QFileDialog.getSaveFileName)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPageSize
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFileDialog, QRadioButton

from matrixdesk.ui.print_options import PrintOptions
from tests.pdf_reading import flowing, need_poppler, page_count
from tests.user_data import with_user_data, written

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory


def _options(qtbot: QtBot, window: MainWindow) -> PrintOptions:
    qtbot.waitUntil(
        lambda: window.printing.options is not None and window.printing.options.isVisible()
    )
    options = window.printing.options
    assert options is not None
    return options


def _answer_save(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str]) -> None:
    def answer(_parent: object, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(path), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def _choose(qtbot: QtBot, options: PrintOptions, scope_text: str | None, paper: str) -> None:
    if scope_text is not None:
        button = next(b for b in options.findChildren(QRadioButton) if b.text() == scope_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    combo = options.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData(paper))


def _go(qtbot: QtBot, options: PrintOptions) -> None:
    buttons = options.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_ctrl_p_opens_the_options_then_a_print_preview_of_the_page(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol/B5")
    assert window.printing.print_.shortcuts()[0] == QKeySequence("Ctrl+P")
    file_menu = [a.text() for a in window.window_actions.file_menu.actions()][:3]
    assert file_menu == ["&Print…", "Export P&DF…", "Discussion pac&k (PDF)…"]
    qtbot.keyClick(window.page.browser, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    options = _options(qtbot, window)
    # Every control is named for a screen reader, and the choices are keyboard-reachable.
    names = [b.accessibleName() for b in options.findChildren(QRadioButton)]
    assert names == [
        "As shown on screen",
        "Everything unfolded",
        "The study list alone",
        "The Matrix Bite alone",
    ]
    assert all(b.text().count("&") == 1 for b in options.findChildren(QRadioButton))
    combo = options.findChild(QComboBox)
    assert combo is not None and combo.accessibleName() == "Paper size"
    _choose(qtbot, options, "Everything &unfolded", "letter")
    with qtbot.waitSignal(window.printing.preview_opened) as opened:
        _go(qtbot, options)
    preview = opened.args[0]
    qtbot.waitUntil(lambda: preview.isVisible())
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() > 4)
    printer = preview.printer()
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    assert printer.docName() == "B5 Practitioners; Safeguarding the community"
    preview.close()
    qtbot.waitUntil(lambda: window.printing.preview is None)


def _export(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, out: Path, scope: str | None
) -> tuple[str, str]:
    """File > Export PDF…, `scope` chosen (None: as offered), saved as `out`: the name the save
    dialog offered, and what the window said."""
    asked: list[str] = []
    _answer_save(monkeypatch, out, asked)
    window.printing.export_pdf.trigger()
    options = _options(qtbot, window)
    _choose(qtbot, options, scope, "a4")
    with qtbot.waitSignal(window.printing.said) as said:
        _go(qtbot, options)
    return asked[0], said.args[0]


def test_export_pdf_writes_the_page_as_shown(
    qtbot: QtBot, main_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    need_poppler()
    window = main_window("alcohol/B5")
    out = tmp_path / "B5 as shown.pdf"
    offered, said = _export(qtbot, window, monkeypatch, out, None)
    assert offered.endswith("B5 Practitioners; Safeguarding the community.pdf")
    assert said.startswith("Saved B5 as shown.pdf (")
    text = flowing(out)
    assert "Folded on screen, so not printed" in text  # the bite was folded on screen
    assert "Relationship with therapist seems more important" in text


def test_the_study_list_alone(
    qtbot: QtBot, main_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    need_poppler()
    window = main_window("alcohol/B5")
    out = tmp_path / "studies.pdf"
    _export(qtbot, window, monkeypatch, out, "The &study list alone")
    text = flowing(out)
    assert "[G] Guidance Working with men who physically abuse their partners" in text
    assert "What is this cell about?" not in text and "Key studies on the impact" not in text
    assert page_count(out) <= 3


def test_the_discussion_pack_with_my_notes(
    qtbot: QtBot,
    main_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    config_dir: Path,
) -> None:
    need_poppler()
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.layer.write(
        lambda data: data.add_note("matrixdesk:/alcohol/B5", "Synthetic test note: agenda.")
    )
    written(qtbot, window)
    out = tmp_path / "pack.pdf"
    asked: list[str] = []
    _answer_save(monkeypatch, out, asked)
    window.printing.handout.trigger()
    options = _options(qtbot, window)
    assert not options.findChildren(QRadioButton)  # a discussion pack has no parts to choose
    box = options.findChild(QCheckBox)
    assert box is not None and box.isEnabled() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.printing.said):
        _go(qtbot, options)
    offered = Path(asked[0])
    assert offered.name == "Discussion pack - B5 Practitioners; Safeguarding the community.pdf"
    text = flowing(out)
    assert text.startswith("Team discussion pack")
    assert "This page Synthetic test note: agenda." in text
    assert "Discussion record" in text and "Our discussion:" in text


def test_print_and_pdf_wait_for_a_page(qtbot: QtBot, main_window: WindowFactory) -> None:
    """Home has nothing to print; a column's listing prints as shown, with no discussion pack."""
    window = main_window()
    assert not window.printing.print_.isEnabled() and not window.printing.handout.isEnabled()
    window.navigate("alcohol/column/B")
    assert window.printing.print_.isEnabled() and window.printing.export_pdf.isEnabled()
    assert not window.printing.handout.isEnabled()
    window.navigate("alcohol/B5")
    assert window.printing.handout.isEnabled()
