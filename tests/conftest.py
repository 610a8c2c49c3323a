"""Shared fixtures and pack helpers. Qt runs offscreen; tests that use qtbot are marked `gui`
automatically."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from matrixdesk.core.schema import OLDEST_READ_VERSION, SCHEMA_VERSION
from matrixdesk.core.store import ContentStore

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow

    WindowFactory = Callable[..., MainWindow]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Packs IT installed on this machine are not the tests' business: a machine-wide folder of their
# own, which no test fills (those that install machine-wide name a folder of their own).
os.environ.setdefault(
    "MATRIXDESK_MACHINE_DIR", str(Path(tempfile.gettempdir()) / "matrixdesk-tests-no-machine-packs")
)

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "data" / "content"
SOURCE = Path(__file__).resolve().parent / "source"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def pack_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real pack, compiled fresh from data/content for this test run."""
    from matrixdesk.authoring.compiler import build_pack

    out = tmp_path_factory.mktemp("pack") / "matrices.sqlite"
    assert build_pack(CONTENT, out) == []
    return out


@pytest.fixture
def store(pack_path: Path) -> Iterator[ContentStore]:
    store = ContentStore.open(pack_path)
    yield store
    store.close()


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A private settings folder, so tests never read or write the real user's settings."""
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


@pytest.fixture
def main_window(qtbot: QtBot, store: ContentStore, config_dir: Path) -> Iterator[WindowFactory]:
    """Makes real main windows (shown, offscreen); closes them after the test and fails the test
    if any other top-level window was left open."""
    from PySide6.QtWidgets import QApplication

    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    application()
    windows: list[MainWindow] = []

    def make(open_address: str | None = None, folder: Path | None = None) -> MainWindow:
        window = open_window(store, Settings(folder or config_dir), open_address)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not leaked, f"top-level windows left open: {leaked}"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/content that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def altered_pack(good: Path, folder: Path, *statements: str, name: str = "altered.sqlite") -> Path:
    """A copy of the pack `good` changed by SQL `statements`, then sealed again: a pack that
    passes the seal check but was not made by our writer (as a hostile or buggy tool might)."""
    from matrixdesk.core.seal import write_seal

    altered = folder / name
    altered.write_bytes(good.read_bytes())
    with contextlib.closing(sqlite3.connect(altered)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    with altered.open("rb+") as handle:
        write_seal(handle)
    return altered


def make_bad_pack(kind: str, good: Path, folder: Path) -> Path:
    """A pack file in `folder` that cannot be used, damaged as `kind` says: "missing", "not
    sqlite", "truncated", "wrong application id", "newer schema" or "older schema" (a copy of
    `good`)."""
    bad = folder / "bad.sqlite"
    if kind == "not sqlite":
        bad.write_text("These are meeting notes, not a database.\n" * 10)
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[:16384])
    elif kind == "wrong application id":
        sqlite3.connect(bad).execute("CREATE TABLE notes (text)").connection.close()
    elif kind == "newer schema":
        bad.write_bytes(good.read_bytes())
        with sqlite3.connect(bad) as connection:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    elif kind == "older schema":
        # Sealed, as the older version that made it sealed it: only its format is refused.
        altered_pack(
            good, folder, f"PRAGMA user_version = {OLDEST_READ_VERSION - 1}", name=bad.name
        )
    return bad
