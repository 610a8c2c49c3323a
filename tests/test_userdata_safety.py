"""A user database that cannot be used (damaged, unreadable, not a database, another program's,
a newer version's) is never overwritten or replaced: it is moved aside, byte for byte, with its
-wal and -shm files, the reader is told the new name, and a new database is opened. New files
are private (0600, folders 0700)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from matrixdesk.userdata import opening
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.opening import COMPANION_SUFFIXES
from matrixdesk.userdata.schema import SCHEMA_VERSION
from matrixdesk.userdata.store import UserData

NOTE = "Synthetic test note: kept through every mishap."
ASIDE_NAME = r"userdata\.{reason}-\d{{4}}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?\.sqlite"


def _database_with_a_note(path: Path) -> None:
    with UserData.open(path) as userdata:
        userdata.add_note("alcohol/B5", NOTE)
        userdata.add_bookmark("alcohol/B5", "Synthetic title")


def _files(path: Path) -> dict[str, bytes]:
    """The database and its companions as they are on disk, by suffix ("" for the database)."""
    return {
        suffix: path.with_name(path.name + suffix).read_bytes()
        for suffix in ("", *COMPANION_SUFFIXES)
        if path.with_name(path.name + suffix).exists()
    }


def _with_unfinished_wal(path: Path, *statements: str) -> None:
    """A copy at `path` of a user database as a killed process leaves it: its last changes
    (`statements`) still in the -wal file, beside a -shm file."""
    source = path.with_name("source.sqlite")
    _database_with_a_note(source)
    connection = sqlite3.connect(source, isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    for statement in statements:
        connection.execute(statement)
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{source}{suffix}", f"{path}{suffix}")
    connection.close()
    source.unlink()
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def _opened_fresh(path: Path, reason: str, before: dict[str, bytes]) -> None:
    """Opening `path` moves what `before` holds aside under a name saying `reason`, byte for
    byte, and gives a new, empty, working database."""
    with UserData.open(path) as userdata:
        moved = userdata.set_aside
        assert moved is not None
        assert moved.reason == reason
        assert moved.original == path
        assert moved.moved_to.parent == path.parent
        assert re.fullmatch(ASIDE_NAME.format(reason=reason), moved.moved_to.name)
        assert str(moved.moved_to) in moved.message
        assert moved.moved_to.read_bytes() == before[""], "moved aside unchanged"
        companions = {p.name.removeprefix(moved.moved_to.name): p for p in moved.companions}
        assert set(companions) >= {suffix for suffix in before if suffix}, "all moved with it"
        if "-wal" in before:  # its unfinished changes (the -shm is only SQLite's index of them)
            assert companions["-wal"].read_bytes() == before["-wal"], "-wal moved unchanged"
        assert userdata.notes() == ()
        userdata.add_note("alcohol/A1", "Synthetic note in the new database.")
    with UserData.open(path) as again:
        assert again.set_aside is None
        assert [note.text for note in again.notes()] == ["Synthetic note in the new database."]


def test_a_damaged_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _database_with_a_note(path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : 3 * page] = b"\xa5" * (2 * page)  # the pages after the first, overwritten
    path.write_bytes(data)
    _opened_fresh(path, "damaged", _files(path))


def test_a_database_cut_short_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _database_with_a_note(path)
    path.write_bytes(path.read_bytes()[: 3 * 4096])
    _opened_fresh(path, "damaged", _files(path))


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    path.write_text("Synthetic test file: words, not a database.\n")
    _opened_fresh(path, "not-a-database", _files(path))


def test_another_programs_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE synthetic_other_program (value)")
        other.execute("INSERT INTO synthetic_other_program VALUES ('synthetic')")
        other.commit()
    _opened_fresh(path, "not-a-database", _files(path))


def test_a_newer_versions_database_is_moved_aside_with_its_wal(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _with_unfinished_wal(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = _files(path)
    assert set(before) == {"", "-wal", "-shm"}
    with UserData.open(path) as userdata:
        assert userdata.set_aside is not None
        assert f"version {SCHEMA_VERSION + 1}" in userdata.set_aside.problem
    path.unlink()  # look again, at what was moved
    _with_unfinished_wal(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    _opened_fresh(path, "newer-version", _files(path))


def test_a_damaged_database_with_unfinished_changes_keeps_them_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _with_unfinished_wal(path, "PRAGMA application_id = 7")  # now another program's
    before = _files(path)
    _opened_fresh(path, "not-a-database", before)


def test_unfinished_changes_of_a_sound_database_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _with_unfinished_wal(
        path, "UPDATE notes SET text = 'Synthetic note, edited before the process was killed.'"
    )
    with UserData.open(path) as userdata:
        assert userdata.set_aside is None
        assert [note.text for note in userdata.notes()] == [
            "Synthetic note, edited before the process was killed."
        ]


def test_an_unreadable_database_is_moved_aside(tmp_path: Path) -> None:
    """Run in a child process that file permissions bind: as root, one without the
    capabilities that let root read any file."""
    path = tmp_path / "userdata.sqlite"
    _database_with_a_note(path)
    before = _files(path)
    path.chmod(0)
    command = [sys.executable, "-c", _OPEN_AND_REPORT, str(path)]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("as root, needs setpriv (util-linux) to make a file unreadable")
        capabilities = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--inh-caps={capabilities}", f"--bounding-set={capabilities}"]
        command += [sys.executable, "-c", _OPEN_AND_REPORT, str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert report["reason"] == "unreadable"
    assert "Permission denied" in report["problem"]
    moved = Path(report["moved_to"])
    moved.chmod(0o600)
    assert moved.read_bytes() == before[""]
    assert report["notes"] == 0, "a new database was opened"


_OPEN_AND_REPORT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from matrixdesk.userdata.store import UserData
    with UserData.open(Path(sys.argv[1])) as userdata:
        moved = userdata.set_aside
        print(json.dumps({"reason": moved.reason, "problem": moved.problem,
                          "moved_to": str(moved.moved_to), "notes": len(userdata.notes())}))
    """
)


def test_two_files_moved_aside_in_one_second_get_different_names(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    moved = []
    for number in range(3):
        path.write_text(f"Synthetic test file {number}: not a database.\n")
        with UserData.open(path) as userdata:
            assert userdata.set_aside is not None
            moved.append(userdata.set_aside.moved_to)
        path.unlink()
    assert len(set(moved)) == 3
    assert [p.read_text()[:21] for p in moved] == [f"Synthetic test file {n}" for n in range(3)]


def test_a_wal_file_left_without_its_database_is_moved_aside_not_replayed(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _with_unfinished_wal(path, "UPDATE notes SET text = 'Synthetic: in the stray -wal only.'")
    path.unlink()  # its database gone: the -wal (and -shm) stay behind
    wal = path.with_name("userdata.sqlite-wal").read_bytes()
    with UserData.open(path) as userdata:
        assert userdata.set_aside is not None
        assert userdata.set_aside.reason == "leftover"
        assert [p.name[-4:] for p in userdata.set_aside.companions] == ["-wal", "-shm"]
        assert userdata.set_aside.companions[0].read_bytes() == wal
        assert userdata.notes() == (), "nothing of the stray -wal reached the new database"
        assert userdata.set_aside.original == path


def test_an_empty_file_is_used_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    path.touch()
    with UserData.open(path) as userdata:
        assert userdata.set_aside is None
        userdata.add_note("alcohol/B5", NOTE)
    assert list(tmp_path.iterdir()) == [path]


def test_a_folder_in_its_place_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    path.mkdir()
    (path / "synthetic.txt").write_text("Synthetic file in a folder.\n")
    with pytest.raises(UserDataError, match="This is a folder, not a user database file"):
        UserData.open(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["userdata.sqlite"]
    assert (path / "synthetic.txt").read_text() == "Synthetic file in a folder.\n"


def test_a_file_where_its_folder_should_be_is_reported(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("Synthetic file where a folder should be.\n")
    with pytest.raises(UserDataError, match="is a file, not a folder") as raised:
        UserData.open(tmp_path / "config" / "userdata.sqlite")
    assert "--config-dir" in raised.value.advice


def test_a_database_another_program_holds_locked_is_not_taken_for_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "userdata.sqlite"
    _database_with_a_note(path)
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # out of WAL, so an exclusive lock bars readers
    before = path.read_bytes()
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserDataError, match="locked by another program"):
            UserData.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["userdata.sqlite"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_database_and_its_folders_are_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    folder = tmp_path / "new" / "profile"
    old = os.umask(0o022)  # the usual umask, which would leave new files 0644
    try:
        with UserData.open(folder / "userdata.sqlite") as userdata:
            userdata.add_note("alcohol/B5", NOTE)
            names = sorted(p.name for p in folder.iterdir())
            assert names == ["userdata.sqlite", "userdata.sqlite-shm", "userdata.sqlite-wal"]
            for name in names:
                assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    finally:
        os.umask(old)
    for made in (folder, folder.parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755, "a folder that was there is left be"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_database_copied_in_with_a_looser_mode_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _database_with_a_note(path)
    path.chmod(0o644)
    with UserData.open(path) as userdata:
        assert [note.text for note in userdata.notes()] == [NOTE]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.with_name("userdata.sqlite-wal").stat().st_mode) == 0o600


def test_the_file_is_stamped_as_a_matrixdesk_user_database(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _database_with_a_note(path)
    header = path.read_bytes()[:100]
    assert header[68:72] == b"MDud"
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with UserData.open(path) as userdata:
        assert userdata.set_aside is None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "opening changed nothing"
