"""The one exception the user database raises for what the reader cannot fix by retrying."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import DBAPIError


class UserDataError(Exception):
    """The user database cannot be used: its folder cannot be made or written, the disk is
    full, another program holds it locked for too long. `problem` says what is wrong, `advice`
    what to do; the reader goes on without the personal layer."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        super().__init__(f"{path}: {problem} {advice}")
        self.path = path
        self.problem = problem
        self.advice = advice


def reason(error: BaseException) -> str:
    """What went wrong, in words: SQLite's and the system's own messages are plain enough once
    out of SQLAlchemy's wrapping (which would add the SQL statement and a link)."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)
