"""Notes through the real window: written in My notes beside the page (on the page, a study and
a Matrix Bite heading), saved as typed, after a pause and on leaving, marked where they belong,
kept across windows, deleted only when the reader confirms, listed in the Notes panel (with
notes whose place the pack no longer has), and never lost when a save fails.

Every note's text here is labelled as test text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from matrixdesk.page.note_places import GONE, NOTE_MARK
from matrixdesk.page.outline import BITE_CONTROL
from matrixdesk.ui.disclosure import DisclosureButton
from matrixdesk.ui.note_drafts import Draft
from matrixdesk.ui.note_marks import PAGE_KEY
from matrixdesk.ui.notes_dialog import BLOCK, NotesDialog
from matrixdesk.ui.page_notes import SAVE_DELAY_MS
from matrixdesk.ui.search_results import NoteResult
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.store import UserData
from tests.dialogs import answer_next_dialog
from tests.layout_checks import SIZES, ZOOM_200, at_size, cut_off, grids
from tests.user_data import with_user_data, written

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow
    from matrixdesk.ui.note_section import NoteSection
    from tests.conftest import WindowFactory

B5 = "matrixdesk:/alcohol/B5"
STUDY = "Relationship with therapist seems more important for offenders than other clients"
STUDY_ADDRESS = f"{B5}/entry/therapist-relationship-offenders"
HEADING = "Are the practitioner’s therapeutic skills really unimportant?"
HEADING_ADDRESS = f"{B5}#practitioner-skills"
B5_TITLE = "B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix"


def _section(window: MainWindow) -> NoteSection:
    section = window.user.notes.beside.section
    assert section is not None
    return section


def _saved_notes(folder: Path) -> dict[str, str]:
    """The notes in the profile, by text, with their places: read as another program would."""
    with UserData.open(user_data_path(folder)) as other:
        return {note.text: note.address for note in other.notes()}


def _new_note_on(qtbot: QtBot, window: MainWindow, menu_text: str, text: str) -> None:
    """New note ▸ `menu_text`, type `text`, and wait for "Saved"."""
    section = _section(window)
    choice = next(a for a in section.new_menu.actions() if a.text().startswith(menu_text))
    choice.trigger()
    assert section.editor.hasFocus() and section.editor.toPlainText() == ""
    qtbot.keyClicks(section.editor, text)
    qtbot.waitUntil(lambda: section.status.text() == "Saved")


def _outline_button(window: MainWindow, name: str) -> object:
    return next(b for b in window.page.outline.buttons if b.accessibleName() == name)


def _tab_text(window: MainWindow) -> str:
    tabs = window.page.side_tabs
    return tabs.tabText(tabs.indexOf(_section(window)))


def test_ctrl_shift_n_writes_a_note_on_the_page_saved_as_typed(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    tabs = window.page.side_tabs
    section = _section(window)
    assert tabs.tabBar().isVisible() and _tab_text(window) == "My notes"
    assert tabs.currentWidget() is window.page.outline  # the outline first, as before
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tabs.currentWidget() is section
    assert QApplication.focusWidget() is section.editor
    assert section.place.text() == "New note on: This page"
    assert not section.delete_button.isEnabled()  # nothing kept yet to delete
    qtbot.keyClicks(section.editor, "Test note: synthetic text on the page.")
    assert section.status.text() == "Saving…"
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    # Committed when "Saved" is said: another program reading the file sees it.
    assert _saved_notes(config_dir) == {"Test note: synthetic text on the page.": B5}
    assert section.place.text() == "Note on: This page" and section.delete_button.isEnabled()
    assert _tab_text(window) == "My notes (1)"
    assert tabs.tabBar().accessibleTabName(tabs.indexOf(section)) == "My notes, 1 on this page"
    assert section.list.item(0).text() == "Test note: synthetic text on the page.\nThis page"


def test_notes_on_a_study_and_a_heading_are_marked_in_the_outline(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    _new_note_on(qtbot, window, f"Study: {STUDY}", "Test note: synthetic, on a study.")
    _new_note_on(qtbot, window, f"Heading: {HEADING}", "Test note: synthetic, on a heading.")
    assert _saved_notes(config_dir) == {
        "Test note: synthetic, on a study.": STUDY_ADDRESS,
        "Test note: synthetic, on a heading.": HEADING_ADDRESS,
    }
    study = _outline_button(window, STUDY)
    assert study.text() == f"{STUDY} {NOTE_MARK}"  # type: ignore[attr-defined]
    assert study.accessibleDescription() == "has a note"  # type: ignore[attr-defined]
    unmarked = _outline_button(window, "Client-centred supervision motivates UK offenders")
    assert NOTE_MARK not in unmarked.text()  # type: ignore[attr-defined]
    # The heading is inside the folded Matrix Bite: the bite says a heading in it has a note.
    bite = _outline_button(window, "Matrix Bite")
    assert isinstance(bite, DisclosureButton) and bite.control == BITE_CONTROL
    assert bite.text().endswith(NOTE_MARK)
    assert bite.toolTip() == "Open Matrix Bite (a heading in it has a note)"  # and so it is said
    qtbot.mouseClick(bite, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page.state.bite_open)
    heading = _outline_button(window, HEADING)
    assert heading.text() == f"{HEADING} {NOTE_MARK}"  # type: ignore[attr-defined]
    # Listed in the page's order: studies before the Matrix Bite's headings.
    section = _section(window)
    rows = [section.list.item(i).text() for i in range(section.list.count())]
    assert rows == [  # each note's first line, and its place (cut short: the column is narrow)
        "Test note: synthetic, on a study.\nStudy: Relationship with therapist…",
        "Test note: synthetic, on a heading.\nHeading: Are the practitioner’s…",
    ]
    assert _tab_text(window) == "My notes (2)"
    window.navigate("alcohol/B4")  # another page: none of B5's marks
    assert _tab_text(window) == "My notes" and section.list.count() == 0


def test_an_edit_is_saved_after_a_pause_and_at_once_on_leaving(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    notes = window.user.notes.beside
    window.user.notes.write_note.trigger()
    section = _section(window)
    qtbot.keyClicks(section.editor, "Test note: first words.")
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    # Typing starts the pause's timer; nothing is written until it runs out.
    qtbot.keyClicks(section.editor, " More test words.")
    assert notes._timer.isActive() and notes._timer.interval() == SAVE_DELAY_MS
    written(qtbot, window)
    assert _saved_notes(config_dir) == {"Test note: first words.": B5}
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    assert _saved_notes(config_dir) == {"Test note: first words. More test words.": B5}
    # The keyboard leaving the note saves it at once, without waiting for the pause.
    qtbot.keyClicks(section.editor, " Saved on leaving the note.")
    window.page.browser.setFocus()
    assert not notes._timer.isActive()
    written(qtbot, window)
    assert list(_saved_notes(config_dir)) == [
        "Test note: first words. More test words. Saved on leaving the note."
    ]
    # Going to another page saves it too, before the page changes.
    section.editor.setFocus()
    qtbot.keyClicks(section.editor, " Saved on leaving the page.")
    window.navigate("alcohol/B4")
    written(qtbot, window)
    assert list(_saved_notes(config_dir)) == [
        "Test note: first words. More test words. Saved on leaving the note. "
        "Saved on leaving the page."
    ]


def test_notes_are_found_again_in_a_new_window_on_the_same_profile(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    _new_note_on(qtbot, window, "This page", "Test note: synthetic, kept on the page.")
    _new_note_on(qtbot, window, f"Study: {STUDY}", "Test note: synthetic, kept on a study.")
    section = _section(window)
    qtbot.keyClicks(section.editor, " Typed just before closing.")
    window.close()  # saved as it closes, without waiting for the pause
    again = with_user_data(qtbot, main_window, config_dir, "alcohol/B4")
    again.navigate("alcohol/B5")
    assert _tab_text(again) == "My notes (2)"
    assert again.page.side_tabs.currentWidget() is _section(again)  # left open: open again
    rows = [_section(again).list.item(i).text() for i in range(_section(again).list.count())]
    assert rows == [
        "Test note: synthetic, kept on the page.\nThis page",
        "Test note: synthetic, kept on a study. Typed just before closing.\n"
        "Study: Relationship with therapist…",
    ]
    assert _outline_button(again, STUDY).text().endswith(NOTE_MARK)  # type: ignore[attr-defined]
    # The page's own note is in the editor; the study's, once chosen.
    assert _section(again).editor.toPlainText() == "Test note: synthetic, kept on the page."
    _section(again).list.setCurrentRow(1)
    assert _section(again).editor.toPlainText().endswith("Typed just before closing.")
    assert _section(again).place.text() == f"Note on: Study: {STUDY}"


def test_a_study_opened_by_its_address_gets_its_own_note_in_the_editor(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note("alcohol/B5", "Test note: on the page.")
        data.add_note(STUDY_ADDRESS, "Test note: on the study.")
    window = with_user_data(
        qtbot, main_window, config_dir, "alcohol/B5/entry/therapist-relationship-offenders"
    )
    assert _section(window).editor.toPlainText() == "Test note: on the study."
    window.navigate("alcohol/B5#issues-to-consider")  # a heading without a note
    window.user.notes.write_note.trigger()
    assert _section(window).place.text() == "New note on: Heading: Issues to consider and discuss"


def test_deleting_a_note_asks_first(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    section = _section(window)
    qtbot.keyClicks(section.editor, "Test note: to be deleted, after asking.")
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    said = answer_next_dialog("Cancel")
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said))
    assert "Delete your note on This page?" in said[0]
    assert said[1] == "Test note: to be deleted, after asking."
    written(qtbot, window)
    assert list(_saved_notes(config_dir)) == ["Test note: to be deleted, after asking."]
    said = answer_next_dialog("Delete note")
    with qtbot.waitSignal(window.user.notes.changed):
        qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert _saved_notes(config_dir) == {}
    assert section.list.count() == 0 and section.editor.toPlainText() == ""
    assert section.place.text() == "New note on: This page"
    assert window.statusBar().currentMessage() == "Note deleted."
    assert _tab_text(window) == "My notes"


def test_the_notes_panel_lists_every_note_and_opens_a_place(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    lost = "matrixdesk:/alcohol/B5#a-heading-a-later-edition-dropped"
    with UserData.open(user_data_path(config_dir)) as data:  # as an older pack left them
        data.add_note(STUDY_ADDRESS, "Test note: on a study.\nIts second line.")
        data.add_note(lost, "Test note: its heading is gone.\nKept, with all its words.")
        data.add_note("alcohol/C1", "Test note: on a cell only listed by title.")
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.user.notes.dialog
    assert isinstance(dialog, NotesDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)  # read on the database's thread
    rows = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert rows[0].startswith("C1 ") and rows[0].endswith(
        "Test note: on a cell only listed by title."
    )
    assert rows[1] == (  # said first: a row too long for the panel is cut short at its end
        f"({GONE}) {B5_TITLE}: heading “a heading a later edition dropped”\n"
        "Test note: its heading is gone."
    )
    assert rows[2].startswith(f"{STUDY} · B5 ") and rows[2].endswith("\nTest note: on a study.")
    # A note whose place is gone: listed with all its words, and nothing to open.
    dialog.list.setCurrentIndex(dialog.model.index(1, 0))
    assert dialog.text.toPlainText() == "Test note: its heading is gone.\nKept, with all its words."
    assert GONE in dialog.about.text()
    assert not dialog.open_button.isEnabled() and dialog.delete_button.isEnabled()
    dialog.list.setCurrentIndex(dialog.model.index(2, 0))
    assert dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.windowTitle().startswith("B5 ")
    section = _section(window)
    assert window.page.side_tabs.currentWidget() is section
    assert section.editor.toPlainText() == "Test note: on a study.\nIts second line."
    # On its page, the note whose heading is gone is listed too, and says so.
    rows = [section.list.item(i).text() for i in range(section.list.count())]
    assert rows[-1] == f"Test note: its heading is gone.\nIts place is {GONE}"
    assert section.list.item(section.list.count() - 1).toolTip().endswith(f"dropped” ({GONE})")


def test_a_note_deleted_in_the_panel_goes_only_when_confirmed(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note("alcohol/B5", "Test note: to delete from the panel.")
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.all_notes.trigger()
    dialog = window.user.notes.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    answer_next_dialog("Cancel")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "deleteNote") is None)
    written(qtbot, window)
    assert dialog.model.rowCount() == 1
    answer_next_dialog("Delete note")
    with qtbot.waitSignal(window.user.notes.changed):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert dialog.empty.isVisible() and dialog.empty.text().startswith("No notes yet.")
    assert _saved_notes(config_dir) == {}
    assert _section(window).list.count() == 0  # and gone from beside the page
    dialog.close()


def test_a_save_that_fails_keeps_the_words_and_says_so(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    section = _section(window)
    real_save = Draft.save

    def full_disk(draft: Draft, data: UserData, text: str) -> object:
        raise UserDataError(data.path, "The disk is full.", "Free some space.")

    monkeypatch.setattr(Draft, "save", full_disk)
    with qtbot.waitSignal(window.user.layer.refused):
        qtbot.keyClicks(section.editor, "Test note: written while the disk is full.")
    assert section.status.text() == "Not saved: The disk is full. Free some space."
    assert section.editor.toPlainText() == "Test note: written while the disk is full."
    written(qtbot, window)
    [box] = window.findChildren(QMessageBox, "userdataWarning")  # said once, not at every focus
    box.close()
    monkeypatch.setattr(Draft, "save", real_save)
    section.editor.setFocus()
    qtbot.keyClicks(section.editor, " Then saved.")  # the next change tries again
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    assert list(_saved_notes(config_dir)) == [
        "Test note: written while the disk is full. Then saved."
    ]
    # Failed again, then the reader goes to another page: tried again before it changes.
    monkeypatch.setattr(Draft, "save", full_disk)
    with qtbot.waitSignal(window.user.layer.refused):
        qtbot.keyClicks(section.editor, " And more.")
    for box in window.findChildren(QMessageBox, "userdataWarning"):
        box.close()
    monkeypatch.setattr(Draft, "save", real_save)
    window.navigate("alcohol/B4")
    written(qtbot, window)
    assert list(_saved_notes(config_dir)) == [
        "Test note: written while the disk is full. Then saved. And more."
    ]


def test_a_note_deleted_elsewhere_while_written_is_kept(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    section = _section(window)
    qtbot.keyClicks(section.editor, "Test note: first words.")
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    with UserData.open(user_data_path(config_dir)) as other:  # another window deletes it
        [note] = other.notes()
        other.delete_note(note.id)
    qtbot.keyClicks(section.editor, " Still typing.")
    qtbot.waitUntil(lambda: section.status.text() == "Saved")
    assert list(_saved_notes(config_dir)) == ["Test note: first words. Still typing."]


def test_a_note_too_long_to_keep_says_so_and_keeps_the_words(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    section = _section(window)
    section.editor.setPlainText("Test words. " * 9_000)  # 108,000 characters
    window.user.notes.save()
    assert section.status.text().startswith("Not saved: the note is 108,000 characters long")
    written(qtbot, window)
    assert _saved_notes(config_dir) == {}


def test_notes_stay_off_the_projector(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.write_note.trigger()
    window.window_actions.present.trigger()
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert not _section(window).isVisible()
    window.user.notes.write_note.trigger()
    assert not _section(window).isVisible()
    assert window.statusBar().currentMessage().startswith("Notes are hidden while presenting")
    window.window_actions.present.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_a_listing_has_no_notes(qtbot: QtBot, main_window: WindowFactory, config_dir: Path) -> None:
    window = with_user_data(qtbot, main_window, config_dir, "alcohol/column/B")
    assert not window.page.side_tabs.tabBar().isVisible()  # the outline alone, as before
    assert not window.user.notes.write_note.isEnabled()
    window.navigate("alcohol/C3")  # a cell the pack lists by title only: a note may go on it
    assert window.page.side_tabs.tabBar().isVisible()
    window.user.notes.write_note.trigger()
    assert _section(window).place.text() == "New note on: This page"
    assert [a.text() for a in _section(window).new_menu.actions()] == ["This page"]


def test_no_two_commands_share_a_key(main_window: WindowFactory) -> None:
    """A key given to two commands does neither (Qt calls it ambiguous)."""
    window = main_window()
    seen: dict[str, str] = {}
    for action in window.actions():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text}: {seen[text]} and {action.text()}"
            seen[text] = action.text()


@pytest.mark.parametrize("name", SIZES)
def test_my_notes_read_whole_in_a_narrow_window_and_at_200_percent(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, name: str
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note(STUDY_ADDRESS, "Test note: synthetic words to wrap. " * 3)
    window = with_user_data(qtbot, main_window, config_dir)
    at_size(qtbot, window, name)
    window.user.notes.write_note.trigger()
    QApplication.processEvents()
    assert window.size() == SIZES[name][0]  # the notes make the window no wider
    assert cut_off(window, ignore=grids(window)) == []
    # The note being written is in view, at least its first lines, however short the window.
    editor = _section(window).editor
    lines = 3 * editor.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: editor.visibleRegion().boundingRect().height() >= lines)
    assert editor.visibleRegion().boundingRect().top() == 0
    tabs = window.page.side_tabs.tabBar()
    for index in range(tabs.count()):
        text = tabs.tabText(index)
        room = tabs.tabRect(index).width()
        assert tabs.fontMetrics().horizontalAdvance(text) < room, f"{text!r} in {room} px"


def _search(qtbot: QtBot, window: MainWindow, words: str) -> list[object]:
    """Ctrl+K, type `words`, and the rows of the results as they come."""
    box = window.window_actions.search_box
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == words):
        qtbot.keyClicks(box, words)
    return list(window.search_view.model.rows)


def test_ctrl_k_finds_a_note_in_my_notes_and_opens_its_place(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note(STUDY_ADDRESS, "Test note: the zebrafinch test word, on a study.")
        data.add_note("alcohol/B5", "Test note: supervision, a word the pack has too.")
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")
    rows = _search(qtbot, window, "zebrafinch")
    assert rows[0] == "My notes (1)" and isinstance(rows[1], NoteResult)
    assert window.search_view.heading.text() == "0 results for “zebrafinch”, and 1 of your notes"
    text = rows[1].text
    assert text.title.text.startswith(STUDY) and text.place.startswith("Your note, last changed")
    assert text.snippet.words == ["zebrafinch"]
    # Enter opens the best result: here the note, at its place, with it beside the page.
    qtbot.keyClick(window.window_actions.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(window.showing_page)
    assert str(window.current) == STUDY_ADDRESS
    assert window.page.side_tabs.currentWidget() is _section(window)
    assert _section(window).editor.toPlainText().startswith("Test note: the zebrafinch")
    # A word in the pack and in a note: the pack's results first, My notes last.
    rows = _search(qtbot, window, "supervision")
    headings = [row for row in rows if isinstance(row, str)]
    assert headings[-1] == "My notes (1)" and len(headings) > 1
    assert isinstance(rows[-1], NoteResult) and rows[-1].note.address == B5
    assert not isinstance(window.search_view.results.current_hit(), NoteResult)


def test_search_filters_narrow_my_notes_too(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note("alcohol/B5", "Test note: the zebrafinch test word.")
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")
    assert _search(qtbot, window, "zebrafinch")[0] == "My notes (1)"
    view = window.search_view
    with qtbot.waitSignal(window.results_shown):
        view.matrix_filter.setCurrentIndex(view.matrix_filter.findData("drug"))
    assert view.model.rows == []  # a note on the Alcohol matrix
    with qtbot.waitSignal(window.results_shown):
        view.matrix_filter.setCurrentIndex(view.matrix_filter.findData("alcohol"))
    assert view.model.rows[0] == "My notes (1)"
    with qtbot.waitSignal(window.results_shown):
        view.type_filter.setCurrentIndex(view.type_filter.findData("R"))
    assert view.model.rows == []  # reviews only: not the reader's notes


def test_a_note_found_whose_place_is_gone_opens_in_the_notes_panel(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note("alcohol/B5", "Test note: another zebrafinch, to be listed first.")
        lost = data.add_note(f"{B5}#a-heading-a-later-edition-dropped", "Test note: zebrafinch.")
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")
    rows = _search(qtbot, window, "zebrafinch")
    found = next(r for r in rows if isinstance(r, NoteResult) and r.note.id == lost.id)
    assert not found.here and GONE in found.text.place
    window.search_view.result_chosen.emit(found)
    dialog = window.user.notes.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    chosen = dialog.chosen()
    assert chosen is not None and chosen.id == lost.id
    assert dialog.text.toPlainText() == "Test note: zebrafinch."
    dialog.close()


def test_the_notes_panel_lists_every_note_however_many_blocks_they_fill(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    many = 2 * BLOCK + 3  # the panel reads the rows it shows a block at a time
    with UserData.open(user_data_path(config_dir)) as data:
        oldest = data.add_note("alcohol/A1", "Test note 0: the oldest.")
        for number in range(1, many):
            data.add_note("alcohol/A2", f"Test note {number}.")
    window = with_user_data(qtbot, main_window, config_dir)
    window.user.notes.all_notes.trigger()
    dialog = window.user.notes.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.model.rowCount() == many
    assert dialog.model.index(0, 0).data().endswith(f"\nTest note {many - 1}.")
    assert dialog.model.index(BLOCK, 0).data().endswith(f"\nTest note {many - 1 - BLOCK}.")
    qtbot.keyClick(dialog.list, Qt.Key.Key_End)
    assert dialog.text.toPlainText() == "Test note 0: the oldest."
    qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
    dialog.close()
    window.user.notes.show_all(chosen=oldest.id)  # as a search result whose place is gone
    assert dialog.list.currentIndex().row() == many - 1
    dialog.close()


def test_search_results_show_a_note_deleted_in_the_panel_as_gone(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note("alcohol/B5", "Test note: the zebrafinch, to keep.")
        data.add_note(STUDY_ADDRESS, "Test note: the zebrafinch, to delete.")
    window = with_user_data(qtbot, main_window, config_dir, "alcohol")
    rows = _search(qtbot, window, "zebrafinch")
    assert sum(isinstance(r, NoteResult) for r in rows) == 2
    window.user.notes.all_notes.trigger()
    dialog = window.user.notes.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    answer_next_dialog("Delete note")
    with qtbot.waitSignal(window.results_shown):  # searched again once the delete is saved
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.close()
    notes = [r.note.text for r in window.search_view.model.rows if isinstance(r, NoteResult)]
    assert notes == ["Test note: the zebrafinch, to keep."]


def test_search_without_the_user_database_shows_no_notes(
    qtbot: QtBot, main_window: WindowFactory
) -> None:
    window = main_window("alcohol")  # the database not open (yet, or at all)
    rows = _search(qtbot, window, "supervision")
    assert rows and not any(isinstance(r, NoteResult) for r in rows)
    assert "My notes" not in " ".join(r for r in rows if isinstance(r, str))


def _marks(window: MainWindow) -> list[str]:
    window.grab()  # paints the page, and its marks
    return [key for _, key in window.page.browser.drawn_marks]


def test_the_page_marks_its_notes_in_the_margin_and_a_mark_opens_them(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note("alcohol/B5", "Test note: on the page.")
        data.add_note(STUDY_ADDRESS, "Test note: on the study.")
    window = with_user_data(qtbot, main_window, config_dir)
    assert _marks(window)[0] == PAGE_KEY  # beside the page's title
    window.page.go_to_anchor("entry-therapist-relationship-offenders")
    assert "entry-therapist-relationship-offenders" in _marks(window)
    browser = window.page.browser
    rect = next(r for r, k in browser.drawn_marks if k.startswith("entry-"))
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.page.side_tabs.currentWidget() is _section(window)
    assert _section(window).editor.toPlainText() == "Test note: on the study."
    assert QApplication.focusWidget() is _section(window).editor
    window.window_actions.present.trigger()  # not on the projector
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert _marks(window) == []
    window.window_actions.present.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert _marks(window)


def test_the_notes_panel_reads_whole_at_200_percent(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path
) -> None:
    with UserData.open(user_data_path(config_dir)) as data:
        data.add_note(STUDY_ADDRESS, "Test note: synthetic words. " * 20)
        data.add_note(f"{B5}#a-heading-a-later-edition-dropped", "Test note: place gone.")
    window = with_user_data(qtbot, main_window, config_dir)
    window.zoom_by(ZOOM_200)
    window.user.notes.all_notes.trigger()
    dialog = window.user.notes.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert cut_off(dialog) == []
    # A row is two lines, each cut short if it must be: the whole of it is its tooltip, and
    # the chosen note's place and words are shown whole below.
    index = dialog.model.index(1, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
    dialog.list.setCurrentIndex(index)
    assert dialog.about.wordWrap() and dialog.about.text().startswith(f"On {STUDY}")
    dialog.close()


def test_notes_imported_while_their_page_is_open_appear_beside_it(
    qtbot: QtBot, main_window: WindowFactory, config_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "another-computer"
    with UserData.open(user_data_path(other)) as data:
        data.add_note(STUDY_ADDRESS, "Test note: written on another computer.")
        data.export_to(tmp_path / "from-another-computer.json")
    window = with_user_data(qtbot, main_window, config_dir)
    assert _tab_text(window) == "My notes"
    with qtbot.waitSignal(window.user.said):
        window.user.import_from(tmp_path / "from-another-computer.json")
    assert _tab_text(window) == "My notes (1)"
    assert _outline_button(window, STUDY).text().endswith(NOTE_MARK)  # type: ignore[attr-defined]


def test_the_notes_commands_are_in_the_edit_and_go_menus(main_window: WindowFactory) -> None:
    """Not a menu of their own: with it the menu bar would not fit half a screen at 200 %."""
    window = main_window()
    actions, notes = window.window_actions, window.user.notes
    assert notes.write_note in actions.edit_menu.actions()
    assert notes.all_notes in actions.go_menu.actions()
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Notes" not in titles
