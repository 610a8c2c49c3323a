"""A reading session leaves the pack as it found it. SQLite opens it read-only and immutable
(`core.pack.pack_uri`): nothing the reader does writes to it, and SQLite takes no locks on it,
so a pack on a share that another program holds locked still opens and reads."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from matrixdesk.core.store import ContentStore

if TYPE_CHECKING:
    from tests.conftest import WindowFactory


@dataclass(frozen=True)
class WatchedPack:
    path: Path
    before: tuple[bytes, int]
    """The file's bytes and modification time before the reader opened it."""
    connections: list[sqlite3.Connection]
    """Every SQLite connection opened since: the reader's."""


@pytest.fixture
def watched(
    pack_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WatchedPack]:
    """A copy of the pack in a folder of its own, on which another connection holds SQLite's
    exclusive (writer's) lock for the whole test."""
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / pack_path.name
    shutil.copyfile(pack_path, pack)
    locker = sqlite3.connect(pack, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    connections: list[sqlite3.Connection] = []
    connect = sqlite3.connect

    def recording(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connections.append(connection)
        return connection

    monkeypatch.setattr(sqlite3, "connect", recording)
    yield WatchedPack(pack, (pack.read_bytes(), pack.stat().st_mtime_ns), connections)
    locker.execute("ROLLBACK")
    locker.close()


@pytest.fixture
def store(watched: WatchedPack) -> Iterator[ContentStore]:
    """Overrides conftest's: the windows read the watched copy. (Were SQLite to lock it, this
    would wait on the other connection's lock, then fail: "database is locked".)"""
    store = ContentStore.open(watched.path)
    yield store
    store.close()


def test_a_reading_session_never_writes_or_locks_the_pack(
    qtbot: QtBot, main_window: WindowFactory, watched: WatchedPack
) -> None:
    window = main_window("alcohol/B5#trickier-situation")  # a page, the Matrix Bite open
    box = window.window_actions.search_box
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == "probation"):
        box.setText("probation")
        box.textEdited.emit("probation")
    with qtbot.waitSignal(window.page_shown):
        window.search_view.result_chosen.emit(window.search_view.model.rows[1])

    assert len(watched.connections) >= 2  # the page's and the search thread's
    for connection in watched.connections:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("DELETE FROM cells")
    window.close()  # the search thread closes its connection

    pack = watched.path
    assert (pack.read_bytes(), pack.stat().st_mtime_ns) == watched.before
    assert [path.name for path in pack.parent.iterdir()] == [pack.name]  # no journal, no -wal
