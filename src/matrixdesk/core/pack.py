"""Opening a content pack: checks that say plainly what is wrong, then read-only connections.

Before SQLite reads anything, the file must be a regular file of a sane size, its header (the first
100 bytes of an SQLite file are documented and fixed) must say it is a pack this version reads, and
its seal (`seal`) must match every byte of it. So a damaged pack is refused as a whole, in words a
user can act on, instead of being read as if it were whole.

The verified file stays open for as long as the pack is used. SQLite reads it read-only and
immutable, and before each read `PackFile.check_unchanged` makes sure the file is still the one
verified: a pack cut short or rewritten while the app runs is refused then, not misread.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from matrixdesk.core.schema import (
    APPLICATION_ID,
    OLDEST_READ_VERSION,
    SCHEMA_VERSION,
    SIGNED_FORMAT,
)
from matrixdesk.core.seal import Seal, SealError, verify_seal

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# Far beyond any real pack (both matrices in full, with every analysis, are tens of megabytes);
# refusing larger files keeps a wrong file from being read end to end.
MAX_PACK_BYTES = 2 * 1024**3
# What to do about a pack that cannot be used depends on whose choice it was.
INSTALLED_PACK_ADVICE = "Reinstall MatrixDesk, or choose another pack with --pack."
CHOSEN_PACK_ADVICE = "Check the file, or name no pack to read the installed one."
RESTART_ADVICE = "Close MatrixDesk and start it again."
DAMAGED = "The content pack is damaged"


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


@dataclass(frozen=True, slots=True)
class _Identity:
    """What changes when a file's bytes do: its size and last modification."""

    size: int
    modified_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> _Identity:
        return cls(status.st_size, status.st_mtime_ns)


class PackFile:
    """A pack file whose header and seal have been checked, held open while it is used."""

    def __init__(self, path: Path) -> None:
        """Raise PackError unless `path` is a complete, undamaged pack this version can read."""
        self.path = path
        self._fd = _open_regular_file(path)
        try:
            status = os.fstat(self._fd)
            self._identity = _Identity.of(status)
            self.format = SCHEMA_VERSION
            self.seal = self._verify(status.st_size)
        except BaseException:
            os.close(self._fd)
            raise

    def _verify(self, size: int) -> Seal:
        if size > MAX_PACK_BYTES:
            raise PackError(
                self.path, "This file is far larger than any content pack; it is not one."
            )
        with open(self._fd, "rb", closefd=False) as handle:
            self.format = check_header(self.path, handle.read(_HEADER_SIZE), size)
            try:
                seal = verify_seal(handle, signature_slot=self.format >= SIGNED_FORMAT)
            except SealError:
                raise PackError(
                    self.path,
                    f"{DAMAGED}: its contents are not what they were when it was made "
                    "(its seal does not match).",
                ) from None
        self.check_unchanged()  # nor while it was being checked
        return seal

    def connect(self) -> sqlite3.Connection:
        """A new read-only connection, usable from any one thread."""
        return sqlite3.connect(pack_uri(self.path), uri=True, check_same_thread=False)

    def check_unchanged(self) -> None:
        """Raise PackError if the verified file was changed or cut short since it was opened."""
        try:
            unchanged = _Identity.of(os.fstat(self._fd)) == self._identity
        except OSError:  # closed: the store was closed while something still read from it
            unchanged = False
        if not unchanged:
            raise PackError(
                self.path,
                "The content pack was changed while MatrixDesk was reading it.",
                RESTART_ADVICE,
            )

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _open_regular_file(path: Path) -> int:
    """A descriptor for `path`, refused unless it is a regular file. Opened without blocking, so
    a FIFO or device named as a pack is refused instead of waiting for a writer forever."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise PackError(path, "The content pack does not exist.") from None
    except IsADirectoryError:
        raise PackError(path, "This is a folder, not a content pack file.") from None
    except OSError as error:
        raise PackError(path, f"The content pack cannot be read ({error.strerror}).") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise PackError(path, "This is a folder, not a content pack file.")
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise PackError(path, "This is a device or pipe, not a content pack file.")
    return fd


def check_header(path: Path, header: bytes, size: int) -> int:
    """The pack format of the file whose first 100 bytes are `header`; PackError unless they and
    its `size` say it is a complete pack this version can read (this format or the one before,
    docs/packs.md)."""
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
    if schema_version < OLDEST_READ_VERSION:
        raise PackError(
            path,
            f"The content pack is in an old format ({schema_version}) that this version no longer "
            f"reads (it reads formats {OLDEST_READ_VERSION} and {SCHEMA_VERSION}).",
        )
    return schema_version


def pack_uri(path: Path) -> str:
    """SQLite URI that opens a pack read-only and immutable: no locks, no journal, no -wal files
    next to a pack that may sit in a read-only install folder. The app never writes to a pack."""
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"
