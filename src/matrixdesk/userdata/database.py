"""The SQLAlchemy engine for a user database, set up so that every change is kept once made.

* WAL journal: a commit is one append to the -wal file, readers never block the writer, and
  a process killed at any moment leaves the last commit whole (or not there at all).
* synchronous=FULL: the -wal file is synced at every commit, so a commit survives a power cut
  too, not only a killed process (which NORMAL would already survive). It costs a sync per
  change, a few milliseconds, once per thing the reader does (scripts/bench_userdata.py).
* busy_timeout: a second instance waits for the other's write instead of failing.
* Transactions are begun by us, not by the sqlite3 module: reads with BEGIN, writes with
  BEGIN IMMEDIATE, which takes the write lock at once, so a transaction that reads before it
  writes (an import) waits its turn at the start rather than failing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from matrixdesk.userdata.errors import UserDataError, reason
from matrixdesk.userdata.opening import BUSY_TIMEOUT_S

_WRITE = "matrixdesk_write"  # execution option: begin with BEGIN IMMEDIATE
WRITE_ADVICE = (
    "Check that the disk has room and that no other program holds the file, then try again."
)


def engine_for(path: Path) -> Engine:
    # check_same_thread off: the pool hands each connection to one thread at a time, and the
    # reader opens the database on a worker thread that is not the one that later uses it.
    engine = create_engine(
        URL.create("sqlite", database=str(path)), connect_args={"check_same_thread": False}
    )
    event.listen(engine, "connect", _configure)
    event.listen(engine, "begin", _begin)
    return engine


def _configure(connection: sqlite3.Connection, _record: object) -> None:
    connection.isolation_level = None  # the module's own BEGINs off: `_begin` says them
    # First, so that switching to WAL waits for another instance doing the same.
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")


def _begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def reading(engine: Engine, path: Path) -> Iterator[Connection]:
    """A read transaction: one consistent view of the file, whatever another instance writes."""
    with _translated(path), engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def writing(engine: Engine, path: Path) -> Iterator[Connection]:
    """One change, committed (and synced) when the block ends, or not made at all."""
    with (
        _translated(path),
        engine.connect().execution_options(**{_WRITE: True}) as connection,
        connection.begin(),
    ):
        yield connection


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """SQLite's failures (disk full, locked too long, I/O error) as UserDataError."""
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error) as error:
        raise UserDataError(
            path, f"The user database could not be used ({reason(error)}).", WRITE_ADVICE
        ) from None
