"""Export and import: one versioned JSON file with everything; importing merges without
duplicating; a file that is malformed, newer or wrong is refused with its problem named and
changes nothing. All text here is synthetic."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matrixdesk.userdata import merging
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.exchange import FORMAT_VERSION, ExchangeError, check_content, read_file
from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.store import UserData

KINDS = {"bookmarks", "notes", "bite_progress", "history", "cpd_entries"}


@pytest.fixture
def userdata(tmp_path: Path) -> Iterator[UserData]:
    with UserData.open(tmp_path / "profile" / "userdata.sqlite") as opened:
        yield opened


def _fill(userdata: UserData) -> None:
    """Something of everything, as a reader would leave it."""
    userdata.add_bookmark("alcohol/B5", "Synthetic cell")
    heading = userdata.add_bookmark("alcohol/B5#synthetic-heading", "Synthetic heading")
    userdata.rename_bookmark(heading.id, "Synthetic label, renamed")
    userdata.add_bookmark("doc/synthetic-document", "Synthetic document")
    userdata.add_note("alcohol/B5", "Synthetic note:\n\n- *simple* Markdown\n- ünïcödé 🙂")
    edited = userdata.add_note("alcohol/B5/entry/synthetic-study", "Synthetic first draft.")
    userdata.edit_note(edited.id, "Synthetic second draft.")
    userdata.add_note("doc/synthetic-document", "Synthetic note on a document.")
    userdata.mark_read("alcohol", "B5")
    userdata.mark_discussed("alcohol", "B5")
    userdata.mark_discussed("drug", "C3")
    userdata.record_visit("alcohol/B5", "Synthetic cell")
    userdata.record_visit("doc/synthetic-document", "Synthetic document")
    userdata.add_cpd(
        CpdDetails(
            "2026-01-12",
            "reading",
            ("alcohol/B5", "alcohol/B5/entry/synthetic-study"),
            40,
            "individual",
            'Synthetic learning, with a comma, a "quote"\nand a second line.',
            "Synthetic change to practice.",
            "Synthetic standard",
            "Synthetic evidence 1",
        )
    )
    discussed = userdata.add_cpd(
        CpdDetails(
            "2026-01-14", "team-discussion", (), 60, "participatory", "Synthetic.", "", "", ""
        )
    )
    userdata.edit_cpd(
        discussed.id,
        CpdDetails(
            "2026-01-14",
            "team-discussion",
            ("alcohol/B5#synthetic-heading",),
            75,
            "participatory",
            "Synthetic, edited.",
            "",
            "",
            "",
        ),
    )


def _without_time_of_export(file: Path) -> dict[str, Any]:
    document = json.loads(file.read_text(encoding="utf-8"))
    del document["exported_at"]
    return document


def _content_digest(path: Path) -> str:
    """What the database holds, read as another process would (through its -wal file)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def _exported(userdata: UserData, file: Path) -> dict[str, Any]:
    userdata.export_to(file)
    return json.loads(file.read_text(encoding="utf-8"))


def test_export_import_export_gives_the_same_data(userdata: UserData, tmp_path: Path) -> None:
    _fill(userdata)
    first = tmp_path / "first.json"
    counts = userdata.export_to(first)
    assert counts == {
        "bookmarks": 3,
        "notes": 3,
        "bite_progress": 2,
        "history": 2,
        "cpd_entries": 2,
    }
    with UserData.open(tmp_path / "empty-profile" / "userdata.sqlite") as other:
        summary = other.import_from(first)
        assert {name: merged.added for name, merged in summary.items()} == counts
        second = tmp_path / "second.json"
        other.export_to(second)
    assert _without_time_of_export(second) == _without_time_of_export(first)


def test_the_file_says_what_it_is_and_holds_every_field(userdata: UserData, tmp_path: Path) -> None:
    _fill(userdata)
    document = _exported(userdata, tmp_path / "export.json")
    assert list(document)[:4] == ["format", "format_version", "app_version", "exported_at"]
    assert (document["format"], document["format_version"]) == ("matrixdesk-userdata", 2)
    assert set(document["notes"][0]) == {"id", "address", "text", "created", "updated"}
    assert set(document["bookmarks"][0]) == {
        "id",
        "address",
        "title",
        "label",
        "created",
        "updated",
    }
    assert set(document["bite_progress"][0]) == {"matrix", "cell", "read_at", "discussed_at"}
    assert set(document["history"][0]) == {"address", "title", "visited_at"}
    assert "number" not in document["notes"][0], "the search index's link stays in the file"
    assert document["cpd_entries"][0] == {
        "id": document["cpd_entries"][0]["id"],
        "date": "2026-01-12",
        "activity": "reading",
        "places": ["matrixdesk:/alcohol/B5", "matrixdesk:/alcohol/B5/entry/synthetic-study"],
        "minutes": 40,
        "mode": "individual",
        "learned": 'Synthetic learning, with a comma, a "quote"\nand a second line.',
        "practice": "Synthetic change to practice.",
        "standard": "Synthetic standard",
        "evidence": "Synthetic evidence 1",
        "created": document["cpd_entries"][0]["created"],
        "updated": document["cpd_entries"][0]["updated"],
    }


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    userdata: UserData, tmp_path: Path
) -> None:
    _fill(userdata)
    file = tmp_path / "export.json"
    userdata.export_to(file)
    before = _exported(userdata, tmp_path / "before.json")
    summary = userdata.import_from(file)
    assert all(merged.added == merged.updated == 0 for merged in summary.values())
    assert merging.describe_merge(summary).startswith("0 new, 0 updated, 12 already here")
    after = _exported(userdata, tmp_path / "after.json")
    assert {k: v for k, v in after.items() if k != "exported_at"} == {
        k: v for k, v in before.items() if k != "exported_at"
    }


def _import_document(userdata: UserData, document: dict[str, Any], file: Path) -> None:
    file.write_text(json.dumps(document), encoding="utf-8")
    userdata.import_from(file)


def test_the_later_edit_of_a_note_wins_either_way(userdata: UserData, tmp_path: Path) -> None:
    note = userdata.add_note("alcohol/B5", "Synthetic note, as first written.")
    document = _exported(userdata, tmp_path / "export.json")
    [mine] = document["notes"]

    elsewhere = copy.deepcopy(document)  # edited later on another computer
    elsewhere["notes"][0] |= {
        "text": "Synthetic, edited later elsewhere.",
        "updated": "2999-01-01T00:00:00.000Z",
    }
    _import_document(userdata, elsewhere, tmp_path / "later.json")
    assert userdata.note(note.id).text == "Synthetic, edited later elsewhere."  # type: ignore[union-attr]

    older = copy.deepcopy(document)  # an older copy does not undo the edit
    older["notes"][0] |= {"text": "Synthetic, an older copy.", "updated": mine["created"]}
    _import_document(userdata, older, tmp_path / "older.json")
    assert userdata.note(note.id).text == "Synthetic, edited later elsewhere."  # type: ignore[union-attr]
    assert len(userdata.notes()) == 1


def test_a_place_bookmarked_on_both_computers_stays_one_bookmark(
    userdata: UserData, tmp_path: Path
) -> None:
    mine = userdata.add_bookmark("alcohol/B5", "Synthetic cell")
    with UserData.open(tmp_path / "other" / "userdata.sqlite") as other:
        theirs = other.add_bookmark("alcohol/B5", "Synthetic cell")
        other.rename_bookmark(theirs.id, "Synthetic label from elsewhere")
        other.add_bookmark("alcohol/C1", "Synthetic other cell")
        other.export_to(tmp_path / "theirs.json")
    summary = userdata.import_from(tmp_path / "theirs.json")
    assert (summary["bookmarks"].added, summary["bookmarks"].updated) == (1, 1)
    by_place = {b.address: b for b in userdata.bookmarks()}
    assert len(by_place) == 2
    assert by_place["matrixdesk:/alcohol/B5"].id == mine.id
    assert by_place["matrixdesk:/alcohol/B5"].name == "Synthetic label from elsewhere"


def test_course_progress_and_history_merge_as_both_computers_saw_them(
    userdata: UserData, tmp_path: Path
) -> None:
    userdata.mark_read("alcohol", "B5")
    userdata.record_visit("alcohol/B5", "Synthetic cell")
    document = _exported(userdata, tmp_path / "mine.json")
    earlier, later = "2000-01-01T00:00:00.000Z", "2999-01-01T00:00:00.000Z"
    document["bite_progress"] = [
        {"matrix": "alcohol", "cell": "B5", "read_at": later, "discussed_at": later},
        {"matrix": "drug", "cell": "A1", "read_at": earlier, "discussed_at": None},
    ]
    document["history"] = [
        {
            "address": "matrixdesk:/alcohol/B5",
            "title": "Synthetic, visited later",
            "visited_at": later,
        },
        {
            "address": "matrixdesk:/alcohol/A1",
            "title": "Synthetic, visited long ago",
            "visited_at": earlier,
        },
    ]
    read_here = userdata.bite("alcohol", "B5").read_at  # type: ignore[union-attr]
    _import_document(userdata, document, tmp_path / "theirs.json")
    b5 = userdata.bite("alcohol", "B5")
    assert b5 is not None and (b5.read_at, b5.discussed_at) == (read_here, later)
    assert userdata.progress("drug").read == {"A1"}
    assert [(h.title, h.visited_at) for h in userdata.history()] == [
        ("Synthetic, visited later", later),
        ("Synthetic, visited long ago", earlier),
    ]


def test_an_import_never_deletes_what_is_here(userdata: UserData, tmp_path: Path) -> None:
    _fill(userdata)
    with UserData.open(tmp_path / "empty" / "userdata.sqlite") as empty:
        empty.export_to(tmp_path / "empty.json")
    before = _content_digest(userdata.path)
    userdata.import_from(tmp_path / "empty.json")
    assert _content_digest(userdata.path) == before


def test_a_format_1_file_is_still_imported(userdata: UserData, tmp_path: Path) -> None:
    """As MatrixDesk wrote it before the CPD log: no cpd_entries at all."""
    with UserData.open(tmp_path / "other" / "userdata.sqlite") as other:
        _fill(other)
        document = _exported(other, tmp_path / "theirs.json")
    document["format_version"] = 1
    del document["cpd_entries"]
    file = tmp_path / "format-1.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    mine = userdata.add_cpd(
        CpdDetails("2026-01-01", "supervision", (), 30, "individual", "Synthetic.", "", "", "")
    )
    summary = userdata.import_from(file)
    assert summary["cpd_entries"] == merging.Merged(0, 0, 0)
    assert summary["notes"].added == 3
    assert userdata.cpd_entries() == (mine,), "an older file deletes nothing"


def test_the_later_edit_of_a_cpd_entry_wins_places_and_all(
    userdata: UserData, tmp_path: Path
) -> None:
    first = CpdDetails("2026-01-01", "reading", ("alcohol/B5",), 30, "individual", "S1", "", "", "")
    entry = userdata.add_cpd(first)
    theirs = _exported(userdata, tmp_path / "theirs.json")
    later = CpdDetails(
        "2026-01-02",
        "training",
        ("alcohol/B5#synthetic-heading",),
        45,
        "participatory",
        "Synthetic later.",
        "p",
        "s",
        "e",
    )
    edited = userdata.edit_cpd(entry.id, later)
    _import_document(userdata, theirs, tmp_path / "older.json")
    assert userdata.cpd_entries() == (edited,), "an older copy does not win"
    mine_now = _exported(userdata, tmp_path / "mine.json")
    with UserData.open(tmp_path / "other" / "userdata.sqlite") as other:
        _import_document(other, theirs, tmp_path / "t.json")
        _import_document(other, mine_now, tmp_path / "m.json")
        assert other.cpd_entries() == (edited,), "a newer copy wins, places and all"


# --- refused files --------------------------------------------------------------------------------


def _valid(userdata: UserData, tmp_path: Path) -> dict[str, Any]:
    _fill(userdata)
    return _exported(userdata, tmp_path / "valid.json")


Change = Callable[[dict[str, Any]], object]
BAD_DOCUMENTS: dict[str, tuple[Change, str]] = {
    "newer format": (
        lambda d: d.update(format_version=FORMAT_VERSION + 1),
        "made by a newer MatrixDesk (export format 3; this version reads format 2)",
    ),
    "no format": (lambda d: d.pop("format"), "not a MatrixDesk user data export"),
    "another format": (
        lambda d: d.update(format="synthetic-other"),
        "not a MatrixDesk user data export",
    ),
    "version as text": (
        lambda d: d.update(format_version="1"),
        "at $.format_version: expected a whole number, found text ('1')",
    ),
    "version true": (
        lambda d: d.update(format_version=True),
        "at $.format_version: expected a whole number, found true",
    ),
    "number for text": (
        lambda d: d["notes"][1].update(text=42),
        "at $.notes[1].text: expected text, found a number (42)",
    ),
    "null for text": (
        lambda d: d["notes"][0].update(text=None),
        "at $.notes[0].text: expected text, found null",
    ),
    "list for label": (
        lambda d: d["bookmarks"][0].update(label=["x"]),
        "at $.bookmarks[0].label: expected text or null, found a list",
    ),
    "notes not a list": (
        lambda d: d.update(notes={"synthetic": 1}),
        "at $.notes: expected a list [...], found an object",
    ),
    "note not an object": (
        lambda d: d["notes"].append("synthetic"),
        "at $.notes[3]: expected an object {...}, found text ('synthetic')",
    ),
    "missing field": (
        lambda d: d["history"][1].pop("title"),
        'at $.history[1]: the field "title" is missing',
    ),
    "unknown field": (
        lambda d: d["bite_progress"][0].update(colour="synthetic"),
        'at $.bite_progress[0]: a field this version does not know, "colour"',
    ),
    "missing list": (lambda d: d.pop("history"), 'at $: the field "history" is missing'),
    "not a place": (
        lambda d: d["notes"][0].update(address="matrixdesk:/search?q=synthetic"),
        "at $.notes[0].address: 'matrixdesk:/search?q=synthetic' is not a place",
    ),
    "not a time": (
        lambda d: d["notes"][0].update(created="yesterday"),
        "at $.notes[0].created: 'yesterday' is not a UTC time like 2026-01-31T09:15:00.000Z",
    ),
    "no such day": (
        lambda d: d["history"][0].update(visited_at="2026-02-30T10:00:00.000Z"),
        "is not a date and time that exists",
    ),
    "not an id": (
        lambda d: d["bookmarks"][2].update(id="synthetic-1"),
        "at $.bookmarks[2].id: 'synthetic-1' is not an id",
    ),
    "not a cell": (
        lambda d: d["bite_progress"][0].update(cell="F6"),
        "at $.bite_progress[0].cell: 'F6' is not a cell code from A1 to E5",
    ),
    "unmarked bite": (
        lambda d: d["bite_progress"][0].update(read_at=None, discussed_at=None),
        "at $.bite_progress[0]: a bite that is neither read nor discussed",
    ),
    "same id twice": (
        lambda d: d["notes"][2].update(id=d["notes"][0]["id"]),
        "at $.notes[2]: a second notes item with this id",
    ),
    "cpd minutes as text": (
        lambda d: d["cpd_entries"][0].update(minutes="40"),
        "at $.cpd_entries[0].minutes: expected a whole number, found text ('40')",
    ),
    "cpd minutes negative": (
        lambda d: d["cpd_entries"][0].update(minutes=-1),
        "at $.cpd_entries[0].minutes: -1 is not a number of minutes",
    ),
    "cpd places not a list": (
        lambda d: d["cpd_entries"][0].update(places="matrixdesk:/alcohol/B5"),
        "at $.cpd_entries[0].places: expected a list [...], found text",
    ),
    "cpd place not a place": (
        lambda d: d["cpd_entries"][0]["places"].append(7),
        "at $.cpd_entries[0].places[2]: expected text, found a number (7)",
    ),
    "cpd place twice": (
        lambda d: d["cpd_entries"][0]["places"].append("alcohol/B5"),
        "at $.cpd_entries[0].places[2]: matrixdesk:/alcohol/B5 is given twice",
    ),
    "cpd activity": (
        lambda d: d["cpd_entries"][1].update(activity="synthetic"),
        "at $.cpd_entries[1].activity: 'synthetic' is not an activity",
    ),
    "cpd date": (
        lambda d: d["cpd_entries"][1].update(date="2026-13-01"),
        "at $.cpd_entries[1].date: '2026-13-01' is not a date that exists",
    ),
    "cpd mode": (
        lambda d: d["cpd_entries"][1].update(mode=None),
        "at $.cpd_entries[1].mode: expected text, found null",
    ),
    "format 1 with a cpd log": (
        lambda d: d.update(format_version=1),
        'at $: a field this version does not know, "cpd_entries"',
    ),
    "format 2 without a cpd log": (
        lambda d: d.pop("cpd_entries"),
        'at $: the field "cpd_entries" is missing',
    ),
    "same place bookmarked twice": (
        lambda d: d["bookmarks"][1].update(address=d["bookmarks"][0]["address"]),
        "at $.bookmarks[1]: a second bookmarks item with this address",
    ),
    "broken character": (
        lambda d: d["notes"][0].update(text="Synthetic \ud800"),
        "at $.notes[0].text: the text holds a character that is not valid Unicode",
    ),
    "too long": (
        lambda d: d["notes"][0].update(text="s" * 100_001),
        "at $.notes[0].text: the text is 100,001 characters long; at most 100,000 fit",
    ),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=str)
def test_a_wrong_file_is_refused_naming_the_problem_and_changes_nothing(
    case: str, userdata: UserData, tmp_path: Path
) -> None:
    change, message = BAD_DOCUMENTS[case]
    document = _valid(userdata, tmp_path)
    change(document)
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    before = _content_digest(userdata.path)
    with pytest.raises(ExchangeError) as refused:
        userdata.import_from(file)
    assert message in str(refused.value)
    assert str(refused.value).startswith(f"{file}: ")
    assert _content_digest(userdata.path) == before


BAD_BYTES = {
    "truncated": (b'{"format": "matrixdesk-userdata",\n  "notes": [', "line 2, column 13"),
    "trailing comma": (b'{\n"format": 1,\n}', "not valid JSON: Expecting property name"),
    "empty": (b"", "not valid JSON: Expecting value (line 1, column 1)"),
    "not utf-8": (b'{\n"format": "\xff"}', "not UTF-8 text (line 2, column 12)"),
    "a list": (b"[]", "at $: expected an object {...}, found a list"),
    "too deep": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    "huge number": (b'{"format_version": ' + b"9" * 5000 + b"}", "not valid JSON"),
}


@pytest.mark.parametrize("case", BAD_BYTES, ids=str)
def test_a_file_that_is_not_json_is_refused_with_where(
    case: str, userdata: UserData, tmp_path: Path
) -> None:
    data, message = BAD_BYTES[case]
    file = tmp_path / "bad.json"
    file.write_bytes(data)
    before = _content_digest(userdata.path)
    with pytest.raises(ExchangeError, match="^" + str(file)) as refused:
        userdata.import_from(file)
    assert message in str(refused.value)
    assert _content_digest(userdata.path) == before


def test_a_byte_order_mark_is_fine(userdata: UserData, tmp_path: Path) -> None:
    document = _valid(userdata, tmp_path)
    file = tmp_path / "with-bom.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode())
    assert read_file(file).counts()["notes"] == 3


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "is a folder, not an export file"),
        (lambda p: os.mkfifo(p), "is a device or pipe"),
    ],
    ids=["missing", "folder", "pipe"],
)
def test_what_is_not_a_file_is_refused(
    make: Callable[[Path], object], message: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    make(path)
    with pytest.raises(ExchangeError, match=message):
        read_file(path)


def test_a_failure_half_way_through_a_merge_changes_nothing(
    userdata: UserData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge is one transaction: the bookmarks and notes merged before the failure (in the
    course progress) are rolled back with it."""
    with UserData.open(tmp_path / "other" / "userdata.sqlite") as other:
        _fill(other)
        other.export_to(tmp_path / "theirs.json")
    userdata.add_note("alcohol/A1", "Synthetic note here before.")
    before = _content_digest(userdata.path)

    def fail(*_args: object) -> merging.Merged:
        raise sqlite3.OperationalError("synthetic failure: disk I/O error")

    monkeypatch.setattr(merging, "_merge_bites", fail)
    with pytest.raises(UserDataError, match="synthetic failure"):
        userdata.import_from(tmp_path / "theirs.json")
    assert _content_digest(userdata.path) == before
    assert len(userdata.notes()) == 1


# --- writing the export ---------------------------------------------------------------------------


def test_a_failed_export_leaves_the_old_file_whole_and_nothing_beside_it(
    userdata: UserData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(userdata)
    file = tmp_path / "export.json"
    file.write_text("Synthetic: the previous export.\n")

    def no_room(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_room)
    with pytest.raises(ExchangeError, match="could not be written \\(No space left on device\\)"):
        userdata.export_to(file)
    assert file.read_text() == "Synthetic: the previous export.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "profile"]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("folder", "is a folder; give the name of the file to write"),
        ("no/such/x.json", "does not exist"),
    ],
)
def test_an_export_to_a_folder_or_into_no_folder_is_refused(
    userdata: UserData, tmp_path: Path, where: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExchangeError, match=message):
        userdata.export_to(tmp_path / where)
    assert sorted(p.name for p in (tmp_path / "folder").iterdir()) == []


# --- anything at all ------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)


def _near_valid_documents() -> st.SearchStrategy[Any]:
    """Export files with one field of one item replaced by any JSON value."""
    base = {
        "format": "matrixdesk-userdata",
        "format_version": 1,
        "app_version": "0.1.0",
        "exported_at": "2026-01-31T09:15:00.000Z",
        "bookmarks": [],
        "notes": [
            {
                "id": "0f8e3a52-6c1d-4b7e-9a35-2d4c8b1e7f60",
                "address": "matrixdesk:/alcohol/B5",
                "text": "Synthetic note.",
                "created": "2026-01-31T09:15:00.000Z",
                "updated": "2026-01-31T09:15:00.000Z",
            }
        ],
        "bite_progress": [],
        "history": [],
    }

    def replaced(field: str, value: object) -> dict[str, Any]:
        document = copy.deepcopy(base)
        document["notes"][0][field] = value
        return document

    return st.builds(replaced, st.sampled_from([*base["notes"][0], "extra"]), _JSON)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_JSON, _near_valid_documents()))
def test_any_json_is_either_read_or_refused_in_words(document: object) -> None:
    try:
        content = check_content(document)
    except ExchangeError as error:
        assert str(error)
    else:
        assert set(content.tables) == KINDS
