"""Writing compiled content to a pack: deterministic bytes, written aside, renamed on success."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from matrixdesk.authoring.compiled import Compiled
from matrixdesk.authoring.pack_rows import PackRows
from matrixdesk.authoring.sources import ContentSources
from matrixdesk.core import models as m
from matrixdesk.core.schema import APPLICATION_ID, SCHEMA_VERSION


def write_pack(
    content: ContentSources,
    compiled: Compiled,
    content_hash: str,
    builder_version: str,
    out: Path,
) -> None:
    """Write the pack to a temporary file beside `out`, then rename it over `out` in one step."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _temporary_beside(out) as temporary:
        engine = create_engine(f"sqlite:///{temporary}")
        m.Base.metadata.create_all(engine)
        with Session(engine) as session:
            assert content.pack is not None, "the compiler writes only sources without problems"
            info = m.PackInfo(
                id=1,
                title=content.pack.title,
                edition=content.pack.edition,
                content_hash=content_hash,
                builder_version=builder_version,
            )
            PackRows(session, content, compiled).add_all(info)
            session.commit()
        engine.dispose()
        _finish(temporary)
        # mkstemp makes the file private (0600); a pack is installed for every user to read.
        temporary.chmod(0o666 & ~_current_umask())
        temporary.replace(out)


@contextlib.contextmanager
def _temporary_beside(out: Path) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _finish(path: Path) -> None:
    """Stamp the file, compact the search index and rewrite the file in canonical page order."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("VACUUM")
    finally:
        connection.close()
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())
