"""Every released version of the user database opens in this version with all its rows, and
reaches exactly the schema a new database gets; the migration runner upgrades in one
transaction or not at all.

tests/userdata_versions/v<N>.sql is a frozen copy of each released schema version (its schema
as SQLite keeps it, and synthetic rows). A new schema version adds its own file, so every
version ever released stays tested, and a change to the tables without a new version fails
here."""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection

from matrixdesk.userdata import migrations
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.schema import APPLICATION_ID, SCHEMA_VERSION
from matrixdesk.userdata.store import UserData

VERSIONS = Path(__file__).resolve().parent / "userdata_versions"
SNAPSHOTS = sorted(VERSIONS.glob("v*.sql"), key=lambda p: int(p.stem[1:]))
LATEST = VERSIONS / f"v{SCHEMA_VERSION}.sql"
NEXT = SCHEMA_VERSION + 1  # a synthetic next version, as the next release will have


def _load(snapshot: Path, path: Path) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.executescript(snapshot.read_text(encoding="utf-8"))
    return path


def _schema(path: Path) -> list[tuple[str, str, str]]:
    """Every table, index, trigger and virtual table, with its SQL (spacing aside)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    return [(kind, name, " ".join((sql or "").split())) for kind, name, sql in rows]


def _rows(path: Path) -> dict[str, list[dict[str, object]]]:
    """Each ordinary table's rows, by column name."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'notes_search_%'"
            )
        ]
        return {
            table: [dict(row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1")]
            for table in tables
        }


def _new_database(path: Path) -> Path:
    UserData.open(path).close()
    return path


def test_every_version_has_its_snapshot_and_every_later_one_its_migration() -> None:
    assert [int(p.stem[1:]) for p in SNAPSHOTS] == list(range(1, SCHEMA_VERSION + 1))
    assert sorted(migrations.MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))


def test_the_tables_are_those_of_their_versions_snapshot(tmp_path: Path) -> None:
    """Fails when the tables in `schema` change without a new SCHEMA_VERSION (and a migration
    and a snapshot of their own): an existing database would never be brought to them."""
    released = _load(VERSIONS / f"v{SCHEMA_VERSION}.sql", tmp_path / "released.sqlite")
    assert _schema(_new_database(tmp_path / "new.sqlite")) == _schema(released)


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=lambda p: p.stem)
def test_a_database_of_every_released_version_opens_with_all_its_rows(
    snapshot: Path, tmp_path: Path
) -> None:
    path = _load(snapshot, tmp_path / "userdata.sqlite")
    before = _rows(path)
    with UserData.open(path) as userdata:
        assert userdata.set_aside is None
        found = [hit.note.text for hit in userdata.search_notes("synthetic")]
        assert len(found) == len(before["notes"]), "the search index covers every note"
        assert userdata.bookmarks() and userdata.progress("alcohol").read and userdata.history()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert _schema(path) == _schema(_new_database(tmp_path / "new.sqlite"))
    after = _rows(path)
    for table, rows in before.items():
        kept = [{column: row[column] for column in rows[0]} for row in after[table]] if rows else []
        assert kept == rows, f"the rows of {table} are kept"


def _add_a_column(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE notes ADD COLUMN synthetic_colour TEXT")


def _add_a_column_then_fail(connection: Connection) -> None:
    _add_a_column(connection)
    connection.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")


def test_a_migration_runs_once_and_stamps_the_new_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a synthetic next version (a column added to notes), as the next release will have."""
    path = _load(LATEST, tmp_path / "userdata.sqlite")
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.MIGRATIONS, NEXT, _add_a_column)
    with UserData.open(path) as userdata:
        assert len(userdata.notes()) == 2
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (NEXT,)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(notes)")]
        assert columns[-1] == "synthetic_colour"
    UserData.open(path).close()  # run again, it would fail: the column is there


def test_a_failed_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _load(LATEST, tmp_path / "userdata.sqlite")
    with UserData.open(path):
        pass  # in WAL mode, as the reader leaves it
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.MIGRATIONS, NEXT, _add_a_column_then_fail)
    with pytest.raises(UserDataError, match="no such table"):
        UserData.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["userdata.sqlite"]
    monkeypatch.undo()
    with UserData.open(path) as userdata:
        assert userdata.set_aside is None and len(userdata.notes()) == 2


def test_a_database_upgraded_by_a_newer_version_is_set_aside_by_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _load(LATEST, tmp_path / "userdata.sqlite")
    with monkeypatch.context() as newer:
        newer.setattr(migrations, "SCHEMA_VERSION", NEXT)
        newer.setitem(migrations.MIGRATIONS, NEXT, _add_a_column)
        UserData.open(path).close()
    with UserData.open(path) as userdata:
        assert userdata.set_aside is not None
        assert userdata.set_aside.reason == "newer-version"
        assert re.search(
            rf"its version {NEXT}; this MatrixDesk reads up to version {SCHEMA_VERSION}",
            userdata.set_aside.problem,
        )


def test_a_version_1_database_gains_an_empty_cpd_log_that_works(tmp_path: Path) -> None:
    path = _load(VERSIONS / "v1.sql", tmp_path / "userdata.sqlite")
    with UserData.open(path) as userdata:
        assert userdata.cpd_entries() == ()
        made = userdata.add_cpd(
            CpdDetails(
                "2026-01-10",
                "reading",
                ("alcohol/B5",),
                30,
                "individual",
                "Synthetic.",
                "",
                "",
                "",
            )
        )
        assert userdata.cpd_entries() == (made,)
        assert len(userdata.notes()) == 2, "the notes are kept"


def test_the_cpd_entries_of_a_version_2_database_read_back_whole(tmp_path: Path) -> None:
    path = _load(VERSIONS / "v2.sql", tmp_path / "userdata.sqlite")
    with UserData.open(path) as userdata:
        newest, oldest = userdata.cpd_entries()
    assert newest.details.activity == "team-discussion" and newest.details.minutes == 90
    assert oldest.details.places == (
        "matrixdesk:/alcohol/B5",
        "matrixdesk:/alcohol/B5/entry/synthetic-study",
    )
    assert oldest.details.learned.endswith('a "quote" and\na second line.')
