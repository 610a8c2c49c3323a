"""The reader's own layer through its API, as the reader uses it: bookmark a page, write notes on
a cell, a study and a bite heading, find them, mark bites read, look back at the history. All
text here is synthetic."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from matrixdesk.userdata import store as store_module
from matrixdesk.userdata import values
from matrixdesk.userdata.records import BiteProgress, Bookmark, HistoryItem, MatrixProgress, Note
from matrixdesk.userdata.schema import bite_progress, bookmarks, history, notes
from matrixdesk.userdata.store import UserData
from matrixdesk.userdata.values import MAX_NOTE_CHARS, STAMP_EXAMPLE


@pytest.fixture
def userdata(tmp_path: Path) -> Iterator[UserData]:
    with UserData.open(tmp_path / "userdata.sqlite") as opened:
        yield opened


# --- bookmarks ------------------------------------------------------------------------------------


def test_a_place_is_bookmarked_once_whatever_form_its_address_takes(userdata: UserData) -> None:
    first = userdata.add_bookmark("alcohol/B5", "Synthetic cell title")
    again = userdata.add_bookmark("matrixdesk:/alcohol/B5", "Another synthetic title")
    assert again == first
    assert first.address == "matrixdesk:/alcohol/B5"
    assert first.name == "Synthetic cell title"
    assert userdata.bookmarks() == (first,)
    assert userdata.bookmark_at("alcohol/B5") == first
    assert userdata.bookmark_at("alcohol/B4") is None


def test_bookmarks_are_listed_newest_first_and_can_be_renamed_and_removed(
    userdata: UserData,
) -> None:
    cell = userdata.add_bookmark("alcohol/B5", "Synthetic cell")
    heading = userdata.add_bookmark("alcohol/B5#practitioner-skills", "Synthetic heading")
    study = userdata.add_bookmark("drug/A1/entry/synthetic-study", "Synthetic study")
    document = userdata.add_bookmark("doc/synthetic-document", "Synthetic document")
    assert [b.id for b in userdata.bookmarks()] == [document.id, study.id, heading.id, cell.id]

    renamed = userdata.rename_bookmark(heading.id, "My synthetic label")
    assert renamed is not None
    assert (renamed.name, renamed.title, renamed.created) == (
        "My synthetic label",
        "Synthetic heading",
        heading.created,
    )
    assert renamed.updated >= heading.updated
    back = userdata.rename_bookmark(heading.id, "   ")
    assert back is not None and back.label is None and back.name == "Synthetic heading"

    assert userdata.remove_bookmark(cell.id) is True
    assert userdata.remove_bookmark(cell.id) is False
    assert userdata.rename_bookmark(cell.id, "gone") is None
    assert cell.id not in {b.id for b in userdata.bookmarks()}


@pytest.mark.parametrize(
    "address", ["matrixdesk:/search?q=synthetic", "not a place", "alcohol/F9", ""]
)
def test_only_places_can_be_bookmarked_or_annotated(userdata: UserData, address: str) -> None:
    with pytest.raises(ValueError, match="is not a place"):
        userdata.add_bookmark(address, "Synthetic")
    with pytest.raises(ValueError, match="is not a place"):
        userdata.add_note(address, "Synthetic")
    assert userdata.bookmarks() == () and userdata.notes() == ()


# --- notes ----------------------------------------------------------------------------------------


def test_a_note_is_kept_exactly_as_typed(userdata: UserData) -> None:
    typed = "Synthetic *note*:\n\n- one\n- two  \n\tindented, ünïcödé, 🙂, <b>not html</b>  "
    note = userdata.add_note("alcohol/B5", typed)
    assert userdata.note(note.id) == note
    assert note.text == typed


def test_editing_a_note_keeps_when_it_was_written(userdata: UserData) -> None:
    note = userdata.add_note("alcohol/B5", "Synthetic first draft.")
    edited = userdata.edit_note(note.id, "Synthetic second draft.")
    assert edited is not None
    assert (edited.id, edited.address, edited.created) == (note.id, note.address, note.created)
    assert edited.text == "Synthetic second draft." and edited.updated >= note.updated
    assert userdata.notes() == (edited,)
    assert userdata.delete_note(note.id) is True
    assert userdata.edit_note(note.id, "Synthetic: too late.") is None
    assert userdata.delete_note(note.id) is False
    assert userdata.notes() == ()


def test_a_page_finds_the_notes_on_it_and_on_its_parts(userdata: UserData) -> None:
    on_cell = userdata.add_note("alcohol/B5", "Synthetic note on the cell.")
    on_heading = userdata.add_note("alcohol/B5#practitioner-skills", "Synthetic, on a heading.")
    on_study = userdata.add_note("alcohol/B5/entry/synthetic-study", "Synthetic, on a study.")
    userdata.add_note("alcohol/B4", "Synthetic note on the next cell.")
    userdata.add_note("drug/B5", "Synthetic note on the other matrix.")
    on_document = userdata.add_note("doc/synthetic", "Synthetic note on a document.")
    userdata.add_note("doc/synthetic-longer", "Synthetic note on another document.")

    assert userdata.notes_at("alcohol/B5") == (on_cell,)
    assert userdata.notes_at("alcohol/B5", parts=True) == (on_cell, on_heading, on_study)
    assert userdata.notes_at("alcohol/B5#practitioner-skills") == (on_heading,)
    assert userdata.notes_at("doc/synthetic", parts=True) == (on_document,)
    assert len(userdata.notes()) == 7


def test_the_notes_panel_lists_the_most_recently_changed_first(userdata: UserData) -> None:
    older = userdata.add_note("alcohol/A1", "Synthetic older note.")
    newer = userdata.add_note("alcohol/A2", "Synthetic newer note.")
    assert [n.id for n in userdata.notes()] == [newer.id, older.id]
    userdata.edit_note(older.id, "Synthetic older note, edited last.")
    assert [n.id for n in userdata.notes()] == [older.id, newer.id]
    assert [n.id for n in userdata.notes(limit=1)] == [older.id]  # the panel's first rows
    assert [n.id for n in userdata.notes(limit=1, offset=1)] == [newer.id]  # and the next
    assert userdata.note_count() == 2
    assert (userdata.note_row(older.id), userdata.note_row(newer.id)) == (0, 1)
    assert userdata.note_row("no-such-note") is None


def test_notes_changed_in_the_same_instant_keep_one_order(userdata: UserData) -> None:
    """The panel reads a block at a time: a row is where `notes()` puts it, ties and all."""
    written = [userdata.add_note(f"alcohol/A{n}", f"Synthetic note {n}.") for n in range(1, 6)]
    with userdata._writing() as connection:  # all in one millisecond, as after an import
        connection.exec_driver_sql(f"UPDATE notes SET updated = '{STAMP_EXAMPLE}'")
    listed = [n.id for n in userdata.notes()]
    assert listed == [n.id for n in reversed(written)]  # the last written first
    assert [userdata.note_row(i) for i in listed] == list(range(5))
    paged = [n.id for at in range(0, 5, 2) for n in userdata.notes(limit=2, offset=at)]
    assert paged == listed


def test_a_note_too_long_to_be_a_note_is_refused(userdata: UserData) -> None:
    with pytest.raises(ValueError, match="at most 100,000 fit"):
        userdata.add_note("alcohol/B5", "s" * (MAX_NOTE_CHARS + 1))
    assert userdata.notes() == ()


def test_notes_are_found_by_their_words_as_the_pack_search_finds_them(userdata: UserData) -> None:
    interviewing = userdata.add_note(
        "alcohol/B5", "Synthetic: the team found Motivational Interviewing useful with clients."
    )
    supervision = userdata.add_note("alcohol/C2", "Synthetic: supervision every other week.")
    hits = userdata.search_notes("interview")
    assert [hit.note for hit in hits] == [interviewing], "stemmed: interview finds interviewing"
    assert hits[0].snippet.words == ["Interviewing"]
    assert [h.note for h in userdata.search_notes("interv", prefix_last=True)] == [interviewing]
    assert userdata.search_notes("interv") == (), "a whole word unless typing"
    assert [h.note for h in userdata.search_notes('"other week"')] == [supervision]
    assert userdata.search_notes('"week other"') == ()
    both = {h.note.id for h in userdata.search_notes("clients OR supervision")}
    assert both == {interviewing.id, supervision.id}
    assert userdata.search_notes("   ") == ()


def test_edits_and_deletions_reach_the_search_at_once(userdata: UserData) -> None:
    note = userdata.add_note("alcohol/B5", "Synthetic note about probation.")
    userdata.edit_note(note.id, "Synthetic note about commissioning.")
    assert userdata.search_notes("probation") == ()
    assert [h.note.id for h in userdata.search_notes("commissioning")] == [note.id]
    userdata.delete_note(note.id)
    assert userdata.search_notes("commissioning") == ()


@pytest.mark.parametrize(
    "query", ['"', "text:synthetic", "NEAR(a b)", "*", "a AND", "(", "-x", "^x", "synthetic'"]
)
def test_any_text_typed_into_search_is_safe(userdata: UserData, query: str) -> None:
    userdata.add_note("alcohol/B5", "Synthetic text for a search.")
    userdata.search_notes(query)
    userdata.search_notes(query, prefix_last=True)


# --- Matrix Bites course progress ---------------------------------------------------------------


def test_bites_are_marked_read_and_discussed_and_unmarked(userdata: UserData) -> None:
    read = userdata.mark_read("alcohol", "B5")
    assert read.read_at and read.discussed_at is None
    assert userdata.mark_read("alcohol", "B5").read_at == read.read_at, "first reading kept"
    both = userdata.mark_discussed("alcohol", "B5")
    assert (both.read_at, bool(both.discussed_at)) == (read.read_at, True)
    only_discussed = userdata.unmark_read("alcohol", "B5")
    assert only_discussed is not None and only_discussed.read_at is None
    assert userdata.unmark_discussed("alcohol", "B5") is None
    assert userdata.bite("alcohol", "B5") is None
    assert userdata.unmark_read("alcohol", "B5") is None, "unmarking nothing is harmless"


def test_progress_counts_a_matrixs_read_bites(userdata: UserData) -> None:
    for cell in ("A1", "B1", "C3", "E5"):
        userdata.mark_read("alcohol", cell)
    userdata.mark_discussed("alcohol", "C3")
    userdata.mark_discussed("alcohol", "D4")  # discussed without being marked read
    userdata.mark_read("drug", "A1")
    progress = userdata.progress("alcohol")
    assert progress == MatrixProgress(
        "alcohol", frozenset({"A1", "B1", "C3", "E5"}), frozenset({"C3", "D4"})
    )
    assert (len(progress.read), progress.total) == (4, 25)
    assert [progress.read_in_row(row) for row in "12345"] == [2, 0, 1, 0, 1]
    assert progress.next_unread() == "C1"
    assert progress.next_unread(after="B1") == "C1"
    assert progress.next_unread(after="E5", among={"A1", "B1", "D2"}) == "D2"
    assert progress.next_unread(among={"A1", "B1"}) is None
    assert userdata.progress("drug").read == {"A1"}
    assert userdata.progress("synthetic-empty").read == frozenset()


@pytest.mark.parametrize(("matrix", "cell"), [("alcohol", "F1"), ("alcohol", "b5"), ("doc", "A1")])
def test_only_real_cells_can_be_marked(userdata: UserData, matrix: str, cell: str) -> None:
    with pytest.raises(ValueError):
        userdata.mark_read(matrix, cell)


# --- history --------------------------------------------------------------------------------------


def test_history_lists_places_latest_first_each_once(userdata: UserData) -> None:
    userdata.record_visit("alcohol/B5", "Synthetic B5")
    userdata.record_visit("doc/synthetic", "Synthetic document")
    userdata.record_visit("alcohol/B5#practitioner-skills", "Synthetic heading")
    userdata.record_visit("alcohol/B5", "Synthetic B5, retitled")
    assert [(h.address, h.title) for h in userdata.history()] == [
        ("matrixdesk:/alcohol/B5", "Synthetic B5, retitled"),
        ("matrixdesk:/alcohol/B5#practitioner-skills", "Synthetic heading"),
        ("matrixdesk:/doc/synthetic", "Synthetic document"),
    ]
    assert len(userdata.history(limit=2)) == 2
    assert userdata.clear_history() == 3
    assert userdata.history() == ()


def test_history_forgets_the_oldest_places_past_its_limit(
    userdata: UserData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "HISTORY_LIMIT", 5)
    for number in range(1, 9):
        userdata.record_visit(f"doc/synthetic-{number}", f"Synthetic {number}")
    assert [h.title for h in userdata.history()] == [f"Synthetic {n}" for n in (8, 7, 6, 5, 4)]


# --- places the pack no longer has ----------------------------------------------------------------


def test_bookmarks_and_notes_of_places_gone_from_the_pack_are_listed_not_deleted(
    userdata: UserData,
) -> None:
    kept = userdata.add_bookmark("alcohol/B5", "Synthetic kept")
    gone = userdata.add_bookmark("alcohol/B5#a-heading-now-gone", "Synthetic heading gone")
    note_kept = userdata.add_note("alcohol/B5", "Synthetic note kept.")
    note_gone = userdata.add_note("doc/synthetic-gone", "Synthetic note on a lost document.")
    known = {"matrixdesk:/alcohol/B5", "matrixdesk:/alcohol/B4"}
    orphans = userdata.orphans(known)
    assert orphans.bookmarks == (gone,)
    assert orphans.notes == (note_gone,)
    assert set(userdata.bookmarks()) == {kept, gone}
    assert set(userdata.notes()) == {note_kept, note_gone}


# --- commits, records, threads --------------------------------------------------------------------


def test_every_change_is_committed_when_it_is_made(userdata: UserData) -> None:
    """Another connection (as another process would) sees each change as soon as the call
    returns, with the UserData still open."""
    with contextlib.closing(sqlite3.connect(userdata.path)) as other:
        note = userdata.add_note("alcohol/B5", "Synthetic note, committed at once.")
        assert other.execute("SELECT text FROM notes").fetchall() == [(note.text,)]
        userdata.add_bookmark("alcohol/B5", "Synthetic")
        userdata.mark_read("alcohol", "B5")
        userdata.record_visit("alcohol/B5", "Synthetic")
        counts = [
            other.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("bookmarks", "bite_progress", "history")
        ]
        assert counts == [1, 1, 1]


def test_two_windows_on_one_file_see_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserData.open(path) as first, UserData.open(path) as second:
        note = first.add_note("alcohol/B5", "Synthetic note from the first window.")
        assert second.notes() == (note,)
        second.delete_note(note.id)
        assert first.notes() == ()


def test_it_can_be_opened_on_one_thread_and_used_on_another(tmp_path: Path) -> None:
    opened: list[UserData] = []
    worker = threading.Thread(target=lambda: opened.append(UserData.open(tmp_path / "u.sqlite")))
    worker.start()
    worker.join()
    with opened[0] as userdata:
        note = userdata.add_note("alcohol/B5", "Synthetic note, written on another thread.")
        assert userdata.notes() == (note,)


def test_what_it_hands_out_cannot_be_changed(userdata: UserData) -> None:
    note = userdata.add_note("alcohol/B5", "Synthetic.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        note.text = "changed"  # type: ignore[misc]


def test_what_is_done_within_one_millisecond_keeps_its_order(userdata: UserData) -> None:
    made = [userdata.add_bookmark(f"doc/synthetic-{n}", f"Synthetic {n}") for n in range(30)]
    assert list(userdata.bookmarks()) == made[::-1]
    for number in range(30):
        userdata.record_visit(f"doc/synthetic-{number % 3}", f"Synthetic visit {number}")
    assert [h.title for h in userdata.history()] == [f"Synthetic visit {n}" for n in (29, 28, 27)]
    stamps = [values.now() for _ in range(1000)]  # far more than one a millisecond
    assert stamps == sorted(set(stamps)), "every stamp later than the one before"


def test_a_word_in_very_many_notes_finds_the_newest_first(
    userdata: UserData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "RANK_UP_TO", 3)
    made = [userdata.add_note("alcohol/B5", f"Synthetic common note {n}.") for n in range(5)]
    found = [hit.note for hit in userdata.search_notes("common", limit=4)]
    assert found == made[:0:-1]
    userdata.add_note("alcohol/B5", "Synthetic rare rare rare note.")
    userdata.add_note("alcohol/B5", "Synthetic note, rare once.")
    ranked = [hit.note.text for hit in userdata.search_notes("rare")]
    assert ranked == ["Synthetic rare rare rare note.", "Synthetic note, rare once."]


def test_records_take_their_tables_columns_in_order() -> None:
    """Rows become records by position (far quicker for the Notes panel's 10,000)."""
    pairs = (
        (Bookmark, bookmarks),
        (Note, notes),
        (BiteProgress, bite_progress),
        (HistoryItem, history),
    )
    for record, table in pairs:
        fields = [field.name for field in dataclasses.fields(record)]
        assert fields == [column.name for column in table.c if column.name != "number"]
