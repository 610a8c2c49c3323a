"""Writing compiled content to a pack: deterministic bytes, written aside, sealed, renamed into
place on success, and nothing left behind on failure."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from matrixdesk.authoring.compiled import Compiled
from matrixdesk.authoring.pack_rows import PackRows
from matrixdesk.authoring.sources import ContentSources
from matrixdesk.core import models as m
from matrixdesk.core.schema import APPLICATION_ID, SCHEMA_VERSION
from matrixdesk.core.seal import (
    SEAL_PLACEHOLDER,
    SEAL_PREFIX,
    SIGNATURE_PLACEHOLDER,
    SIGNATURE_PREFIX,
    SealError,
    write_seal,
    write_signature,
)
from matrixdesk.core.signing import sign

# A file being written is named after its pack, so a build killed before it finished leaves a
# file the next build of the same pack recognises and removes. (Older builds used mkstemp names.)
_BUILDING_SUFFIX = ".building"
_LEFTOVER_PATTERNS = ("{name}.building", "{name}.*.tmp", "{name}.*.tmp-journal")


class PackWriteError(Exception):
    """The pack could not be written (disk full, no permission, ...); nothing was left behind."""


def write_pack(
    content: ContentSources,
    compiled: Compiled,
    content_hash: str,
    builder_version: str,
    out: Path,
    signing_seed: str | None = None,
) -> None:
    """Write the pack to a temporary file beside `out`, seal it, sign it with the secret key
    `signing_seed` (hex) if given, then rename it over `out` in one step. Raises PackWriteError,
    with `out` untouched and no temporary file left, if it cannot."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(out)
        with _building_beside(out) as building:
            _write_rows(content, compiled, content_hash, builder_version, building)
            _finish(building, signing_seed)
            # Created private (0600) by os.open's mode under umask; a pack is for every user.
            building.chmod(0o666 & ~_current_umask())
            building.replace(out)
    except SealError:
        raise PackWriteError(
            f"the sources contain the text '{SEAL_PREFIX.decode()}' or "
            f"'{SIGNATURE_PREFIX.decode()}' and hex digits, which packs keep for their seal and "
            "signature: reword that text"
        ) from None
    except (OSError, sqlite3.Error, SQLAlchemyError) as error:
        raise PackWriteError(
            f"{_reason(error)}; check there is room on the disk and that you may write in "
            f"{out.parent}, then build again"
        ) from None


def sweep_leftovers(out: Path) -> None:
    """Remove what an earlier build of `out`, killed part-way, left beside it."""
    for pattern in _LEFTOVER_PATTERNS:
        for leftover in out.parent.glob(pattern.format(name=f".{out.name}")):
            leftover.unlink(missing_ok=True)


def _write_rows(
    content: ContentSources,
    compiled: Compiled,
    content_hash: str,
    builder_version: str,
    path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{path}")
    # No rollback journal: a failed build deletes the whole file, so there is nothing to roll
    # back to, and no `-journal` file to leave behind if the build is killed.
    event.listen(engine, "connect", _without_journal)
    try:
        m.Base.metadata.create_all(engine)
        with Session(engine) as session:
            assert content.pack is not None, "the compiler writes only sources without problems"
            info = m.PackInfo(
                id=1,
                title=content.pack.title,
                edition=content.pack.edition,
                content_hash=content_hash,
                builder_version=builder_version,
                seal=SEAL_PLACEHOLDER,
                signature=SIGNATURE_PLACEHOLDER,
                publisher=content.pack.publisher,
            )
            PackRows(session, content, compiled).add_all(info)
            session.commit()
    finally:
        engine.dispose()


def _without_journal(connection: sqlite3.Connection, _record: object) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")  # the finished file is synced once, at the end


@contextlib.contextmanager
def _building_beside(out: Path) -> Iterator[Path]:
    building = out.with_name(f".{out.name}{_BUILDING_SUFFIX}")
    # O_EXCL: a new file of our own, never one that something else put there meanwhile.
    handle = os.open(building, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(handle)
    try:
        yield building
    finally:
        building.unlink(missing_ok=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _finish(path: Path, signing_seed: str | None) -> None:
    """Stamp the file, compact the search index, rewrite the file in canonical page order, and
    seal it (`core.seal`); then, if asked, sign the seal into the slot the seal reads as zeros
    (`core.signing`). Ed25519 signatures are deterministic, so signed packs are too."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        _without_journal(connection, None)
        connection.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("VACUUM")
    finally:
        connection.close()
    with path.open("rb+") as handle:
        seal = write_seal(handle)
        if signing_seed is not None:
            write_signature(handle, sign(seal, signing_seed))
        os.fsync(handle.fileno())


def _reason(error: BaseException) -> str:
    """What went wrong writing, in words: SQLite's and the system's messages are clear enough,
    once they are taken out of SQLAlchemy's wrapping."""
    if isinstance(error, SQLAlchemyError) and getattr(error, "orig", None) is not None:
        error = error.orig  # type: ignore[attr-defined]
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror.lower()}{where}"
    return str(error)
