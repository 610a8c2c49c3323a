"""The CPD log in the user database: entries kept, edited, deleted and listed newest first, every
field checked before anything is written, places kept by address even when the pack no longer
has them. All text here is synthetic."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.store import UserData
from matrixdesk.userdata.values import BadValueError


@pytest.fixture
def userdata(tmp_path: Path) -> Iterator[UserData]:
    with UserData.open(tmp_path / "profile" / "userdata.sqlite") as opened:
        yield opened


def details(**changes: object) -> CpdDetails:
    """A synthetic entry's details, with `changes`."""
    made = CpdDetails(
        date="2026-01-12",
        activity="reading",
        places=("alcohol/B5", "alcohol/B5/entry/synthetic-study"),
        minutes=40,
        mode="individual",
        learned='Synthetic learning, with a comma, a "quote"\nand a second line.',
        practice="Synthetic change to practice.",
        standard="Synthetic standard",
        evidence="Synthetic evidence 1",
    )
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


def test_an_entry_is_kept_with_every_field_and_its_places_in_long_form(
    userdata: UserData,
) -> None:
    entry = userdata.add_cpd(details())
    assert entry.details.places == (
        "matrixdesk:/alcohol/B5",
        "matrixdesk:/alcohol/B5/entry/synthetic-study",
    )
    assert entry.created == entry.updated
    with UserData.open(userdata.path) as other:  # committed: another connection sees it
        assert other.cpd_entries() == (entry,)
        assert other.cpd_entry(entry.id) == entry


def test_entries_are_listed_newest_day_first_and_filtered_by_day(userdata: UserData) -> None:
    middle = userdata.add_cpd(details(date="2026-02-01"))
    old = userdata.add_cpd(details(date="2026-01-01", places=()))
    new = userdata.add_cpd(details(date="2026-03-01", activity="training", mode="participatory"))
    same_day_later = userdata.add_cpd(details(date="2026-03-01"))
    assert userdata.cpd_entries() == (same_day_later, new, middle, old)
    assert userdata.cpd_entries(start="2026-02-01") == (same_day_later, new, middle)
    assert userdata.cpd_entries(end="2026-02-01") == (middle, old)
    assert userdata.cpd_entries("2026-01-02", "2026-02-28") == (middle,)


def test_an_edit_replaces_fields_and_places_and_keeps_created(userdata: UserData) -> None:
    entry = userdata.add_cpd(details())
    edited = userdata.edit_cpd(
        entry.id, details(places=("alcohol/B5#synthetic-heading",), minutes=15)
    )
    assert edited is not None
    assert edited.created == entry.created and edited.updated > entry.updated
    assert edited.details.places == ("matrixdesk:/alcohol/B5#synthetic-heading",)
    assert userdata.cpd_entries() == (edited,)


def test_delete_removes_the_entry_and_its_places(userdata: UserData) -> None:
    keep = userdata.add_cpd(details())
    gone = userdata.add_cpd(details())
    assert userdata.delete_cpd(gone.id) is True
    assert userdata.delete_cpd(gone.id) is False
    assert userdata.edit_cpd(gone.id, details()) is None
    assert userdata.cpd_entries() == (keep,)
    with contextlib.closing(sqlite3.connect(userdata.path)) as connection:
        assert connection.execute("SELECT DISTINCT entry FROM cpd_places").fetchall() == [
            (keep.id,)
        ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "12/01/2026"}, "is not a date like 2026-01-31"),
        ({"date": "2026-02-30"}, "is not a date that exists"),
        ({"activity": "gardening"}, "is not an activity"),
        ({"mode": "both"}, "is neither individual nor participatory"),
        ({"minutes": -5}, "is not a number of minutes"),
        ({"minutes": 10**6}, "is not a number of minutes"),
        ({"places": ("matrixdesk:/search?q=synthetic",)}, "is not a place"),
        ({"places": ("alcohol/B5", "matrixdesk:/alcohol/B5")}, "is given twice"),
        ({"learned": "s" * 100_001}, "at most 100,000 fit"),
        ({"standard": "s" * 1_001}, "at most 1,000 fit"),
    ],
)
def test_a_wrong_field_is_refused_before_anything_is_written(
    userdata: UserData, changes: dict[str, object], message: str
) -> None:
    kept = userdata.add_cpd(details())
    with pytest.raises(BadValueError, match=message):
        userdata.add_cpd(details(**changes))
    with pytest.raises(BadValueError, match=message):
        userdata.edit_cpd(kept.id, details(**changes))
    assert userdata.cpd_entries() == (kept,)


def test_places_the_pack_no_longer_has_are_named_and_kept(userdata: UserData) -> None:
    entry = userdata.add_cpd(details())
    known = {"matrixdesk:/alcohol/B5"}
    assert entry.missing_places(known) == ("matrixdesk:/alcohol/B5/entry/synthetic-study",)
    assert userdata.cpd_entries()[0].details.places == entry.details.places
