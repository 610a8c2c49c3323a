"""A pack that is damaged, or altered after it was made, is refused in words, never misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from matrixdesk.app import main
from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from tests.conftest import altered_pack


def _damaged_copy(good: Path, folder: Path) -> Path:
    """The same length and header, with pages in the middle overwritten."""
    bad = folder / "damaged.sqlite"
    data = bytearray(good.read_bytes())
    page = 4096
    for start in range(page, len(data) - page, page * 2):
        data[start : start + page] = b"\xff" * page
    bad.write_bytes(bytes(data))
    return bad


def test_a_damaged_pack_is_refused_with_a_reason(
    pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _damaged_copy(pack_path, tmp_path)
    with pytest.raises(PackError, match="damaged: its contents are not what they were"):
        ContentStore.open(bad)
    assert main(["info", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "The content pack is damaged" in err and "Traceback" not in err


def test_a_pack_missing_cells_is_refused(pack_path: Path, tmp_path: Path) -> None:
    holed = altered_pack(pack_path, tmp_path, "DELETE FROM cells WHERE code = 'C3'")
    with pytest.raises(PackError, match="does not have its 25 cells in their places"):
        ContentStore.open(holed)
