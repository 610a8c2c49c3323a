"""Shared fixtures. Qt runs offscreen; tests that use qtbot are marked `gui` automatically."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
def content_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/content that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy
