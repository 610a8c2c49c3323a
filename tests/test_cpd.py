"""The CPD log through the real window: Record CPD on B5 (Ctrl+Shift+L) prefilled with the cell,
its studies, today and "reading", and the minutes read only when the reader counts them; the CPD
log lists, edits, deletes (after asking) and exports entries as PDF or CSV; a failed save keeps the
words and says why; a place the pack no longer has is said so; the dialogs read whole at 200 %
and in half a screen. All text typed here is synthetic."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from matrixdesk.export import cpd_printout
from matrixdesk.ui import cpd as cpd_module
from matrixdesk.ui.cpd_entry_dialog import ESTIMATE, STANDARD_PRESETS, CpdEntryDialog
from matrixdesk.ui.cpd_log_dialog import CpdLogDialog
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.store import UserData
from tests.dialogs import answer_next_dialog
from tests.layout_checks import ZOOM_200, cut_off
from tests.pdf_reading import need_poppler, pages
from tests.user_data import with_user_data, written

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from tests.conftest import WindowFactory

B5 = "matrixdesk:/alcohol/B5"
B5_STUDIES = [
    f"{B5}/entry/{slug}"
    for slug in (
        "therapist-relationship-offenders",
        "moj-client-centred-supervision",
        "not-my-job-domestic-violence",
        "welsh-mothers-staff-support",
        "supervising-offenders-review",
        "australian-best-practice",
        "motivational-interviewing-criminal-justice",
        "supervision-manual",
        "working-with-men",
    )
]
LEARNED = 'Test entry: synthetic learning, with a comma, a "quote"\nand a second line.'


def _saved(config_dir: Path) -> tuple[object, ...]:
    with UserData.open(user_data_path(config_dir)) as data:
        return data.cpd_entries()


def _record(qtbot: QtBot, window: MainWindow) -> CpdEntryDialog:
    """Ctrl+Shift+L, as a reader presses it on the page."""
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.cpd.entry_dialog
    assert isinstance(dialog, CpdEntryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot: QtBot, window: MainWindow, dialog: CpdEntryDialog) -> None:
    with qtbot.waitSignal(window.cpd.said):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def _places(dialog: CpdEntryDialog) -> list[str]:
    return [
        dialog.places.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(dialog.places.count())
    ]


def test_record_cpd_on_b5_prefills_the_cell_and_its_studies_and_saves(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    assert window.cpd.record in window.course.menu.actions()
    dialog = _record(qtbot, window)
    assert _places(dialog) == [B5, *B5_STUDIES]
    assert dialog.places.item(0).text().startswith("B5 Practitioners; Safeguarding the community")
    assert dialog.places.item(1).text().startswith("Relationship with therapist")
    details = dialog.details()
    assert (details.date, details.activity, details.mode) == (
        date.today().isoformat(),
        "reading",
        "individual",
    )
    assert details.minutes == 0 and not dialog.estimate.isVisible()  # not counted unless asked
    assert [dialog.standard.itemText(i) for i in range(1, 6)] == list(STANDARD_PRESETS)
    dialog.learned.setFocus()
    qtbot.keyClicks(dialog.learned, LEARNED.replace("\n", " "))
    dialog.learned.setPlainText(LEARNED)
    dialog.minutes.setValue(25)
    dialog.standard.setCurrentText("Test standard")
    _save(qtbot, window, dialog)
    assert window.statusBar().currentMessage() == "CPD entry saved."
    [entry] = _saved(config_dir)
    assert entry.details.places == (B5, *B5_STUDIES)  # type: ignore[attr-defined]
    assert entry.details.learned == LEARNED  # type: ignore[attr-defined]
    assert entry.details.standard == "Test standard"  # type: ignore[attr-defined]


def test_new_entry_in_the_log_records_training_with_no_page(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    """Training, supervision or a meeting has no page to start from: New entry in the log."""
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")  # the home grid
    window.cpd.log.trigger()
    log = window.cpd.log_dialog
    assert isinstance(log, CpdLogDialog)
    qtbot.waitExposed(log)
    assert "New entry" in log.empty.text()
    qtbot.mouseClick(log.new_button, Qt.MouseButton.LeftButton)
    dialog = window.cpd.entry_dialog
    assert isinstance(dialog, CpdEntryDialog)
    qtbot.waitExposed(dialog)
    assert _places(dialog) == [] and dialog.details().date == date.today().isoformat()
    dialog.activity.setCurrentIndex(dialog.activity.findData("training"))
    dialog.minutes.setValue(90)
    dialog.learned.setPlainText("Test entry: a synthetic training day.")
    _save(qtbot, window, dialog)
    [entry] = _saved(config_dir)
    assert entry.details.activity == "training" and entry.details.places == ()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: log.table.rowCount() == 1)
    log.close()


def test_at_a_bite_heading_the_heading_is_a_place_too(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir, "alcohol/B5#practitioner-skills")
    dialog = _record(qtbot, window)
    assert _places(dialog)[:3] == [B5, f"{B5}#practitioner-skills", B5_STUDIES[0]]
    dialog.done(0)


def test_minutes_read_are_filled_in_only_when_the_reader_counts_them(
    qtbot: QtBot,
    main_window: WindowFactory,
    config_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(cpd_module.time, "monotonic", lambda: clock[0])
    window = with_user_data(qtbot, main_window, config_dir, "alcohol/B4")
    window.navigate("alcohol/B5")
    clock[0] += 12 * 60 + 10
    window.navigate("alcohol/B5#practitioner-skills")  # the same page: the visit goes on
    assert not window.cpd.count_time.isChecked()
    dialog = _record(qtbot, window)
    assert dialog.minutes.value() == 0
    dialog.done(0)
    window.cpd.count_time.trigger()
    assert window.settings.cpd_counts_time
    dialog = _record(qtbot, window)
    assert dialog.minutes.value() == 12
    assert dialog.estimate.isVisible() and dialog.estimate.text() == ESTIMATE
    assert dialog.minutes.accessibleDescription() == ESTIMATE
    dialog.done(0)
    window.navigate("alcohol/B4")  # another page: its own visit
    clock[0] += 30
    dialog = _record(qtbot, window)
    assert dialog.minutes.value() == 1
    dialog.done(0)


def _log(qtbot: QtBot, window: MainWindow) -> CpdLogDialog:
    window.cpd.log.trigger()
    dialog = window.cpd.log_dialog
    assert isinstance(dialog, CpdLogDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _add(config_dir: Path, day: str, minutes: int, places: tuple[str, ...] = (B5,)) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_cpd(CpdDetails(day, "reading", places, minutes, "individual", LEARNED, "", "", ""))


def _click_row(qtbot: QtBot, dialog: CpdLogDialog, row: int) -> None:
    rect = dialog.table.visualRect(dialog.table.model().index(row, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _rows(dialog: CpdLogDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_the_log_lists_edits_and_deletes_after_asking(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    _add(config_dir, "2026-01-05", 40)
    _add(config_dir, "2026-02-10", 95, (f"{B5}#a-heading-a-later-edition-dropped",))
    window = with_user_data(qtbot, main_window, config_dir)
    dialog = _log(qtbot, window)
    rows = _rows(dialog)
    assert [row[:3] for row in rows] == [
        ["2026-02-10", "Reading", "1 h 35 min"],
        ["2026-01-05", "Reading", "40 min"],
    ]
    assert rows[0][3] == f"(no longer in this pack) {B5}#a-heading-a-later-edition-dropped"
    assert rows[1][3] == "B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix"
    assert dialog.total.text() == "Shown: 2 entries, 2 h 15 min in all."

    _click_row(qtbot, dialog, 1)  # Edit: the older entry, to training
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    editor = window.cpd.entry_dialog
    assert isinstance(editor, CpdEntryDialog) and editor.windowTitle() == "Edit CPD entry"
    qtbot.waitExposed(editor)
    assert editor.learned.toPlainText() == LEARNED
    editor.activity.setCurrentIndex(editor.activity.findData("training"))
    _save(qtbot, window, editor)
    assert _rows(dialog)[1][:2] == ["2026-01-05", "Training"]

    dialog.table.setFocus()
    asked = answer_next_dialog("Cancel")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked))
    written(qtbot, window)
    assert len(_saved(config_dir)) == 2
    said = answer_next_dialog("Delete entry")
    with qtbot.waitSignal(window.cpd.said):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert said[0].startswith("Delete the CPD entry of 2026-01-05 (training, 40 min)?")
    assert window.statusBar().currentMessage() == "CPD entry deleted."
    assert [row[0] for row in _rows(dialog)] == ["2026-02-10"]
    assert [e.details.date for e in _saved(config_dir)] == ["2026-02-10"]  # type: ignore[attr-defined]
    dialog.close()


def _read_csv(file: Path) -> tuple[list[str], list[list[str]]]:
    with file.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def test_the_log_exports_all_or_the_selected_entries_as_csv(
    qtbot: QtBot,
    main_window: WindowFactory,
    config_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(config_dir, "2026-01-05", 40)
    _add(config_dir, "2026-02-10", 95)
    window = with_user_data(qtbot, main_window, config_dir)
    dialog = _log(qtbot, window)
    chosen = [tmp_path / "all.csv"]
    monkeypatch.setattr(
        cpd_module.QFileDialog,
        "getSaveFileName",
        lambda *_args: (str(chosen[0]), cpd_module.CSV_FILTER),
    )
    with qtbot.waitSignal(window.cpd.said):
        dialog.export_all_csv.trigger()  # Export… > All entries as CSV…
    assert window.statusBar().currentMessage() == f"Exported 2 CPD entries to {chosen[0]}."
    header, rows = _read_csv(chosen[0])
    assert [row[0] for row in rows] == ["2026-02-10", "2026-01-05"]
    titles = rows[0][header.index("Places (titles)")]
    assert titles.startswith("B5 Practitioners; Safeguarding the community")
    assert rows[0][header.index("What I learned")] == LEARNED

    _click_row(qtbot, dialog, 1)
    assert dialog.export_selected_csv.isEnabled()
    chosen[0] = tmp_path / "selected.csv"
    with qtbot.waitSignal(window.cpd.said):
        dialog.export_selected_csv.trigger()  # Export… > Selected entries as CSV…
    assert [row[0] for row in _read_csv(chosen[0])[1]] == ["2026-01-05"]

    chosen[0] = tmp_path / "no-such-folder" / "log.csv"  # a failed write says what happened
    with qtbot.waitSignal(window.user.layer.refused):
        dialog.export_all_csv.trigger()
    [box] = window.findChildren(QMessageBox, "userdataWarning")
    assert "does not exist; make it first. Nothing was written." in box.text()
    box.close()
    dialog.close()


def test_the_log_exports_the_selected_entries_as_pdf(
    qtbot: QtBot,
    main_window: WindowFactory,
    config_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_poppler()
    _add(config_dir, "2026-01-05", 40)
    _add(config_dir, "2026-02-10", 95, (f"{B5}#a-heading-a-later-edition-dropped",))
    _add(config_dir, "2026-03-15", 30)
    window = with_user_data(qtbot, main_window, config_dir)
    dialog = _log(qtbot, window)
    asked: list[str] = []
    offered: list[Path] = []

    def save_as(*args: object) -> tuple[str, str]:
        offered.append(Path(str(args[2])))
        asked.append(str(args[3]))  # the file type offered
        return str(tmp_path / "chosen"), cpd_module.PDF_FILTER  # no suffix typed: .pdf added

    monkeypatch.setattr(cpd_module.QFileDialog, "getSaveFileName", save_as)
    threads: list[bool] = []
    write_pdf = cpd_printout.write_cpd_pdf

    def off_the_ui_thread(*args: Any) -> int:
        threads.append(QThread.currentThread() is not QApplication.instance().thread())
        return write_pdf(*args)

    monkeypatch.setattr(cpd_printout, "write_cpd_pdf", off_the_ui_thread)
    _click_row(qtbot, dialog, 1)  # the newest first: 2026-02-10, then 2026-01-05 with Shift
    rect = dialog.table.visualRect(dialog.table.model().index(2, 0))
    qtbot.mouseClick(
        dialog.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        rect.center(),
    )
    assert [entry.details.date for entry in dialog.selected()] == ["2026-02-10", "2026-01-05"]
    assert dialog.export_button.text() == "E&xport…"
    with qtbot.waitSignal(window.cpd.said):
        dialog.export_selected.trigger()  # Export… > Selected entries as PDF…
    out = tmp_path / "chosen.pdf"
    assert asked == [cpd_module.PDF_FILTER]
    # Offered in the reader's documents (not wherever the app was started), named for what it is.
    assert offered[0].name == "cpd-log.pdf" and offered[0].is_absolute()
    assert offered[0].parent != Path.cwd()
    assert threads == [True]  # laid out and written on the user database's thread
    assert window.statusBar().currentMessage() == f"Exported 2 CPD entries to {out}."
    texts = pages(out)
    assert len(texts) == 3  # the log table, and two accounts, oldest first
    assert "5 January 2026 to 10 February 2026" in texts[0]
    assert "Reflective account 1 of 2" in texts[1] and "5 January 2026" in texts[1]
    assert "B5 Practitioners; Safeguarding the community" in texts[1]
    assert "Reflective account 2 of 2" in texts[2]
    assert "(no longer in this pack)" in texts[2]
    assert "15 March 2026" not in "".join(texts) and "15 Mar 2026" not in texts[0]
    assert " ".join(LEARNED.split()) in " ".join(texts[1].split())
    dialog.close()


def test_a_save_that_fails_keeps_the_words_and_says_why(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    dialog = _record(qtbot, window)
    dialog.learned.setPlainText(LEARNED)

    def full_disk(data: UserData, details: CpdDetails) -> object:
        raise UserDataError(data.path, "The disk is full.", "Free some space.")

    monkeypatch.setattr(UserData, "add_cpd", full_disk)
    with qtbot.waitSignal(window.user.layer.refused):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.learned.toPlainText() == LEARNED
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith("Not saved: The disk is full. Free some space.")
    assert dialog.save_button.isEnabled()
    [box] = window.findChildren(QMessageBox, "userdataWarning")  # the dialog saying what happened
    assert "The disk is full." in box.text()
    box.close()
    monkeypatch.undo()
    _save(qtbot, window, dialog)  # tried again: saved
    assert len(_saved(config_dir)) == 1


def test_closing_a_form_with_words_in_it_asks_first(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    dialog = _record(qtbot, window)
    dialog.learned.setPlainText(LEARNED)
    said = answer_next_dialog("Cancel")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(said))
    assert said[0].startswith("Close without saving this CPD entry?")
    assert dialog.isVisible() and dialog.learned.toPlainText() == LEARNED
    answer_next_dialog("Discard")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert _saved(config_dir) == ()


def test_every_field_is_named_by_its_label_and_reached_by_tab(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    dialog = _record(qtbot, window)
    named = {
        label.buddy(): label.text().replace("&", "")
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    fields = [
        dialog.date,
        dialog.activity,
        dialog.mode,
        dialog.minutes,
        dialog.places,
        dialog.learned,
        dialog.practice,
        dialog.standard,
        dialog.evidence,
    ]
    assert [named[field] for field in fields] == [
        "Date",
        "Activity",
        "Individual or participatory",
        "Minutes",
        "Places",
        "What I learned",
        "How it will change my practice",
        "Standard or code",
        "Evidence reference",
    ]
    assert all(field.accessibleName() == named[field] for field in fields)
    # Tab from the date walks every field in order (text boxes pass Tab on).
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.date.setFocus()
    qtbot.waitUntil(lambda: dialog.date.hasFocus())
    reached: list[QWidget] = []
    for _ in range(14):
        focus = QApplication.focusWidget()
        owner = next((f for f in fields if f is focus or f.isAncestorOf(focus)), None)
        if owner is not None and owner not in reached:
            reached.append(owner)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert reached == fields
    dialog.done(0)


@pytest.mark.parametrize("width", [683, 1100])  # half a 1366 screen, and the window's size
def test_the_dialogs_read_whole_at_200_percent(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, width: int
) -> None:
    _add(config_dir, "2026-01-05", 40, (B5, *B5_STUDIES[:3]))
    window = with_user_data(qtbot, main_window, config_dir)
    window.zoom_by(ZOOM_200)
    window.cpd.count_time.trigger()
    dialog = _record(qtbot, window)
    dialog.resize(width, dialog.height())
    QApplication.processEvents()
    assert cut_off(dialog) == []
    dialog.done(0)
    log = _log(qtbot, window)
    log.resize(width, log.height())
    QApplication.processEvents()
    assert cut_off(log) == []
    log.close()
