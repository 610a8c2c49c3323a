"""`matrixdesk preview`: the reader on a scratch pack, rebuilt and reloaded when a source is
saved; a broken source shows its problems and keeps the last good page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from matrixdesk.authoring.compiler import build_pack
from matrixdesk.ui.launch import application
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.preview import Preview
from tests.synthetic import content_with_features_cell

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

_INTRO = "Synthetic intro paragraph used only by the test suite."
_EDITED = "Synthetic intro paragraph, edited while the preview test watched."


@pytest.fixture
def preview(qtbot: QtBot, tmp_path: Path) -> Iterator[Preview]:
    application()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    preview = Preview(content_with_features_cell(tmp_path), build_pack, scratch)
    assert preview.start("drug/A1") == []
    assert preview.window is not None
    qtbot.waitExposed(preview.window)
    yield preview
    preview.stop()


def _page_text(window: MainWindow) -> str:
    return " ".join(window.page.browser.toPlainText().split())


def test_saving_a_source_rebuilds_and_reloads_at_the_same_place(
    preview: Preview, qtbot: QtBot
) -> None:
    first = preview.window
    assert first is not None and _INTRO in _page_text(first)
    cell = preview.source_dir / "drug" / "A1.md"
    with qtbot.waitSignal(preview.reloaded, timeout=20_000) as reload:
        cell.write_text(cell.read_text(encoding="utf-8").replace(_INTRO, _EDITED), "utf-8")
    window = reload.args[0]
    assert window is preview.window and window is not first
    assert str(window.current) == "matrixdesk:/drug/A1"
    assert _EDITED in _page_text(window)
    packs = sorted(p.name for p in preview.scratch.glob("*.sqlite"))
    assert packs == ["preview-0002.sqlite"], "a new file each build; the old one let go"
    assert not list(preview.source_dir.rglob("*.sqlite")), "nothing written in the sources"


def test_a_broken_source_shows_its_problems_and_keeps_the_last_good_page(
    preview: Preview, qtbot: QtBot
) -> None:
    shown = preview.window
    assert shown is not None
    cell = preview.source_dir / "drug" / "A1.md"
    good = cell.read_text(encoding="utf-8")
    broken = good.replace("type: R\n", "type: X\n")
    line = broken.splitlines().index("type: X") + 1
    with qtbot.waitSignal(preview.failed, timeout=20_000) as failure:
        cell.write_text(broken, encoding="utf-8")
    assert any(f"A1.md:{line}: unknown type code 'X'" in p for p in failure.args[0])
    box = preview.problems_box
    assert box is not None and box.isVisible()
    assert f"A1.md:{line}: unknown type code 'X'" in box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert preview.window is shown and _INTRO in _page_text(shown)
    with qtbot.waitSignal(preview.reloaded, timeout=20_000):
        cell.write_text(good.replace(_INTRO, _EDITED), encoding="utf-8")
    assert preview.problems_box is None
    assert preview.window is not None and _EDITED in _page_text(preview.window)
