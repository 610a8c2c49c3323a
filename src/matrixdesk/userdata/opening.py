"""Before SQLite may write to the user database: make its folder, look at the file read-only, and
move aside a file that cannot be used, never overwriting or replacing it.

A file is used as it is only if SQLite, reading it read-only (so not a byte of it changes), finds
a sound MatrixDesk user database of this version or an older one, or an empty database. Anything
else (damaged, unreadable, not a database, another program's database, a newer version's) is
renamed, with its -wal, -shm and -journal companions, to a name that says why and when
(`userdata.damaged-2026-12-02T04-30-00Z.sqlite`), and the caller is told (`SetAside`) so the
reader can say where the old data now is. The companions go first and always with it: SQLite
would replay a stale -wal file into a new database of the same name.

New files and folders are private: the database and its companions 0600 (SQLite gives the
companions the database file's mode), folders made for it 0700.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.schema import APPLICATION_ID, SCHEMA_VERSION

COMPANION_SUFFIXES: Final = ("-wal", "-shm", "-journal")
BUSY_TIMEOUT_S: Final = 5.0  # another instance's write is a few milliseconds; a stuck one is not
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
_ASIDE_ADVICE: Final = (
    "It was moved aside unchanged, and a new, empty user database was made. Your earlier "
    "bookmarks and notes are in the moved file; keep it."
)
FOLDER_ADVICE: Final = (
    "Choose a folder you can write to with --config-dir, or ask whoever looks after this computer."
)
# Why a file was moved aside: the word in its new name, and the reason in words.
DAMAGED = "damaged"
UNREADABLE = "unreadable"
NOT_A_DATABASE = "not-a-database"
NEWER_VERSION = "newer-version"
LEFTOVER = "leftover"


@dataclass(frozen=True, slots=True)
class SetAside:
    """A user database (or what was left of one) that was moved aside instead of used."""

    reason: str
    """DAMAGED, UNREADABLE, NOT_A_DATABASE, NEWER_VERSION, or LEFTOVER (companion files of a
    database that was no longer there)."""
    problem: str
    """What was wrong, in words, for the reader's dialog."""
    original: Path
    moved_to: Path
    """The file's new name (for LEFTOVER, the name its companions are named after)."""
    companions: tuple[Path, ...]
    """Its -wal, -shm or -journal files, moved with it under the new name."""

    @property
    def message(self) -> str:
        return f"{self.problem} {_ASIDE_ADVICE} It is now {self.moved_to}."


def prepare(path: Path) -> SetAside | None:
    """Make `path` ready for a read-write SQLite connection: its folder made, the file moved
    aside if it cannot be used (returning what was moved), a new private file made if there is
    none. Raises UserDataError if the folder or the file cannot be used at all."""
    _make_folder(path.parent)
    problem = _problem_with(path)
    moved = _move_aside(path, *problem) if problem else None
    if moved is None and not path.exists() and any(p.exists() for p in _companions(path)):
        moved = _move_aside(
            path, LEFTOVER, "Files an earlier user database left behind were found without it."
        )
    _create_private(path)
    _keep_private(path)
    return moved


def _problem_with(path: Path) -> tuple[str, str] | None:
    """Why the file at `path` must not be used, as (reason, words); None if it may be (or if
    there is none)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return UNREADABLE, f"The user database cannot be read ({error.strerror})."
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device or pipe"
        raise UserDataError(path, f"This is {kind}, not a user database file.", FOLDER_ADVICE)
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        return UNREADABLE, f"The user database cannot be read ({error.strerror})."
    if start and start != _SQLITE_MAGIC:
        return NOT_A_DATABASE, "The user database file is not a database."
    return _sqlite_problem(path)


def _sqlite_problem(path: Path) -> tuple[str, str] | None:
    """What SQLite, reading the file read-only, finds wrong with it. A read-only connection
    cannot change the file: it neither checkpoints a -wal file nor rolls back a journal."""
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
        )
    except sqlite3.Error as error:
        return UNREADABLE, f"The user database cannot be opened ({error})."
    try:
        application_id, version, tables, check = (
            connection.execute("PRAGMA application_id").fetchone()[0],
            connection.execute("PRAGMA user_version").fetchone()[0],
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0],
            connection.execute("PRAGMA quick_check(1)").fetchone()[0],
        )
    except sqlite3.Error as error:
        return _sqlite_error(path, error)
    finally:
        connection.close()
    if check != "ok":
        return DAMAGED, f"The user database is damaged (SQLite's check says: {check})."
    if application_id == 0 and version == 0 and tables == 0:
        return None  # empty: a new file, or one whose making was cut short before it held data
    if application_id != APPLICATION_ID:
        return NOT_A_DATABASE, "The user database file is another program's database."
    if version > SCHEMA_VERSION:
        return NEWER_VERSION, (
            f"The user database was written by a newer MatrixDesk (its version {version}; this "
            f"MatrixDesk reads up to version {SCHEMA_VERSION})."
        )
    if version < 1:
        return DAMAGED, "The user database is damaged (it has no version)."
    return None


def _sqlite_error(path: Path, error: sqlite3.Error) -> tuple[str, str]:
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        # In use is not damaged: never move a file aside because another instance holds it.
        raise UserDataError(
            path,
            "The user database is locked by another program.",
            "Close other copies of MatrixDesk, then start it again.",
        )
    if name == "SQLITE_NOTADB":
        return NOT_A_DATABASE, "The user database file is not a database."
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH")):
        return UNREADABLE, f"The user database cannot be read ({error})."
    return DAMAGED, f"The user database is damaged ({error})."


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


def _move_aside(path: Path, reason: str, problem: str) -> SetAside:
    """Rename `path` and its companions to a free name that says `reason` and when."""
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    for attempt in range(1, 1000):
        tag = f".{reason}-{when}" + (f"-{attempt}" if attempt > 1 else "")
        target = path.with_name(f"{path.stem}{tag}{path.suffix}")
        if not any(p.exists() or p.is_symlink() for p in (target, *_companions(target))):
            break
    else:  # a thousand files set aside in one second: something is badly wrong; touch nothing
        raise UserDataError(path, "The user database cannot be moved aside.", FOLDER_ADVICE)
    moved: list[Path] = []
    try:
        for source, destination in zip(_companions(path), _companions(target), strict=True):
            if source.exists():
                source.rename(destination)
                moved.append(destination)
        if path.exists():
            path.rename(target)
    except OSError as error:
        raise UserDataError(
            path,
            f"{problem} It cannot be moved aside either ({error.strerror}).",
            "Move or rename the file yourself, then start MatrixDesk again.",
        ) from None
    return SetAside(reason, problem, path, target, tuple(moved))


def _make_folder(folder: Path) -> None:
    """Make `folder` and any missing folders above it, private to the user (0700)."""
    missing = [f for f in (folder, *folder.parents) if not f.is_dir()][::-1]
    try:
        for each in missing:
            each.mkdir(mode=0o700, exist_ok=True)
    except FileExistsError:
        raise UserDataError(
            folder, f"{each} is a file, not a folder, so user data cannot go there.", FOLDER_ADVICE
        ) from None
    except OSError as error:
        raise UserDataError(
            folder, f"The folder for user data cannot be made ({error.strerror}).", FOLDER_ADVICE
        ) from None


def _create_private(path: Path) -> None:
    """An empty file (an empty SQLite database) readable by its owner alone, if there is none.
    Made before SQLite opens it, as SQLite would make it 0644, and its companions inherit it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # there already, or another instance made it just now: either is fine
    except OSError as error:
        raise UserDataError(
            path, f"The user database cannot be made ({error.strerror}).", FOLDER_ADVICE
        ) from None


def _keep_private(path: Path) -> None:
    """Make an existing database and companions 0600 too (copied in, or made by other means).
    A file this user does not own keeps its owner's choice: it is theirs to decide."""
    if sys.platform == "win32":
        return  # the profile folder's ACL keeps it private
    for each in (path, *_companions(path)):
        try:
            if stat.S_IMODE(each.stat().st_mode) != 0o600:
                each.chmod(0o600)
        except OSError:
            pass
