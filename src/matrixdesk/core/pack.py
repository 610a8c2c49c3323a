"""Opening a content pack: checks that say plainly what is wrong, then a read-only connection.

The header is read directly (the first 100 bytes of an SQLite file are documented and fixed) so a
wrong file is refused before SQLite touches it, and the reason can be put into words a user acts on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from matrixdesk.core.schema import APPLICATION_ID, SCHEMA_VERSION

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# What to do about a pack that cannot be used depends on whose choice it was.
INSTALLED_PACK_ADVICE = "Reinstall MatrixDesk, or choose another pack with --pack."
CHOSEN_PACK_ADVICE = "Check the file, or leave out --pack to read the installed pack."


class PackError(Exception):
    """A pack cannot be used. `problem` says what is wrong; `advice_for` what to do about it."""

    def __init__(self, path: Path, problem: str, advice: str | None = None) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self._advice = advice

    def advice_for(self, chosen: bool) -> str:
        """Advice for the installed pack, or (`chosen`) for a pack the user named."""
        if self._advice:
            return self._advice
        return CHOSEN_PACK_ADVICE if chosen else INSTALLED_PACK_ADVICE


def check_pack_file(path: Path) -> None:
    """Raise PackError unless `path` looks like a complete pack this version can read."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
        size = path.stat().st_size
    except FileNotFoundError:
        raise PackError(path, "The content pack does not exist.") from None
    except IsADirectoryError:
        raise PackError(path, "This is a folder, not a content pack file.") from None
    except OSError as error:
        raise PackError(path, f"The content pack cannot be read ({error.strerror}).") from None

    if len(header) < _HEADER_SIZE or not header.startswith(_SQLITE_MAGIC):
        raise PackError(
            path, "This file is not a MatrixDesk content pack (it is not an SQLite database)."
        )

    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if size < page_size * page_count:
        raise PackError(path, "The content pack is incomplete: the file has been cut short.")

    application_id = int.from_bytes(header[68:72], "big", signed=True)
    if application_id != APPLICATION_ID:
        raise PackError(path, "This SQLite database is not a MatrixDesk content pack.")

    schema_version = int.from_bytes(header[60:64], "big", signed=True)
    if schema_version > SCHEMA_VERSION:
        raise PackError(
            path,
            f"The content pack needs a newer MatrixDesk (pack format {schema_version}; "
            f"this version reads format {SCHEMA_VERSION}).",
            "Update MatrixDesk, or use a pack made for this version.",
        )
    if schema_version < SCHEMA_VERSION:
        raise PackError(
            path,
            f"The content pack is in an old format ({schema_version}) that this version no longer "
            "reads.",
        )


def pack_uri(path: Path) -> str:
    """SQLite URI that opens a pack read-only and immutable: no locks, no journal, no -wal files
    next to a pack that may sit in a read-only install folder. The app never writes to a pack."""
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(pack_uri(path), uri=True)
