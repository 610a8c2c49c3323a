"""A pack that is damaged, or altered after it was made, is refused in words, never misread: not a
crash, a hang, a traceback or different text shown as if the pack were whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from matrixdesk.app import main
from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from tests.conftest import altered_pack
from tests.damage_corpus import ACCEPTABLE, ACCEPTABLE_RESEALED

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

CORPUS = Path(__file__).resolve().parent / "damage_corpus.py"
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the corpus forks a probe a copy")


def _corpus(pack: Path, tmp_path: Path, *options: str) -> dict:
    report = tmp_path / "corpus.json"
    # The program's own verdict (its exit status) is left to the assertions, which say more.
    subprocess.run(
        [sys.executable, str(CORPUS), "--pack", str(pack), "--json", str(report), *options],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return json.loads(report.read_text())


@pytest.mark.slow
@needs_fork
def test_every_byte_damaged_copy_reads_as_the_original_or_is_refused(
    pack_path: Path, tmp_path: Path
) -> None:
    """Two changed bytes in every page of the pack, and twenty copies damaged otherwise, through
    info, search, render and the reader (window, grid, pages, search thread)."""
    report = _corpus(pack_path, tmp_path, "--per-page", "2", "--extra", "20")
    pages = pack_path.stat().st_size // 4096
    assert report["copies"] == 2 * pages + 20 >= 140
    assert set(report["verdicts"]) <= ACCEPTABLE, report["verdicts"]


@pytest.mark.slow
@needs_fork
def test_a_damaged_copy_sealed_again_never_crashes_hangs_or_shows_a_traceback(
    pack_path: Path, tmp_path: Path
) -> None:
    """Sealed again after the damage, as a careless or hostile tool would: the seal passes, so
    this is what stops damage after it. Changed text may then be shown (such a pack says it is
    whole); a crash, a hang or a traceback never."""
    report = _corpus(pack_path, tmp_path, "--reseal", "--per-page", "1", "--extra", "20")
    assert set(report["verdicts"]) <= ACCEPTABLE_RESEALED, report["verdicts"]
    assert report["verdicts"].get("refused", 0) > 0  # the checks after the seal do refuse some
    for copy in report["details"]:
        assert all(path["code"] in (0, 1) for path in copy["paths"].values()), copy


def test_a_damaged_pack_is_refused_with_a_reason(
    pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "damaged.sqlite"
    data = bytearray(pack_path.read_bytes())
    data[len(data) // 2] ^= 0x20  # one letter's case, in the middle of the file
    bad.write_bytes(bytes(data))
    with pytest.raises(PackError, match="damaged: its contents are not what they were"):
        ContentStore.open(bad)
    for command in (["info", str(bad)], ["--pack", str(bad), "search", "offender"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "The content pack is damaged" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("DELETE FROM cells WHERE code = 'C3'", "does not have its 25 cells in their places"),
        ("UPDATE matrix_columns SET position = 9 WHERE key = 'A'", "columns A to E and rows"),
        ("UPDATE cells SET code = 'F9' WHERE code = 'B1'", "a cell code is not one this version"),
        ("DROP TABLE matrix_columns", "no such table: matrix_columns"),
        (
            "INSERT INTO pack_info VALUES (2, 'Another', 'x', 'x', 'x', 'x', NULL, 'x')",
            "does not have exactly one description of itself",
        ),
        ("UPDATE entry_types SET type_code = 'X'", "a study type in cell alcohol/B5"),
        ("UPDATE cells SET online_url = 'action:copy/x'", "is not a web address"),
        # SQLite keeps a blob a blob, even in a column of text.
        (
            "UPDATE cells SET title = X'41' WHERE code = 'A1'",
            "title of cell alcohol/A1 is not text",
        ),
        ("UPDATE matrices SET key = 'doc' WHERE key = 'drug'", "a matrix has a key this version"),
    ],
)
def test_a_pack_altered_and_sealed_again_is_refused_where_it_breaks_the_format(
    pack_path: Path, tmp_path: Path, statement: str, problem: str
) -> None:
    """What a pack holds must be what the format allows, whatever made it: a value of the wrong
    type or kind, a missing table or cell, and so on is 'damaged', before a window opens."""
    altered = altered_pack(pack_path, tmp_path, statement)
    with pytest.raises(PackError, match=problem):
        store = ContentStore.open(altered)
        store.cell_page("alcohol", "B5")


def test_a_damaged_search_index_is_not_nothing_found(
    pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zeroed = altered_pack(
        pack_path,
        tmp_path,
        "UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id > 10",
    )
    assert main(["info", str(zeroed)]) == 1
    assert "The content pack is damaged" in capsys.readouterr().err
    broken = altered_pack(
        pack_path, tmp_path, "DELETE FROM search_index_data WHERE id > 10", name="broken.sqlite"
    )
    assert main(["--pack", str(broken), "search", "offender"]) == 1
    err = capsys.readouterr().err
    assert "The content pack is damaged and cannot be read" in err and "No results" not in err


def test_a_pack_cut_short_while_the_reader_reads_it_is_said_so(
    qtbot: QtBot, pack_path: Path, tmp_path: Path, config_dir: Path
) -> None:
    from matrixdesk.ui.launch import open_window
    from matrixdesk.ui.settings import Settings

    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(pack_path.read_bytes())
    store = ContentStore.open(copy)
    window = open_window(store, Settings(config_dir), None)
    qtbot.addWidget(window)
    os.truncate(copy, 8192)
    with qtbot.waitSignal(window.pack_failed) as failed:
        assert not window.navigate("alcohol/B5")
    assert "changed while MatrixDesk was reading it" in failed.args[0].problem
    assert failed.args[0].advice_for(chosen=False) == "Close MatrixDesk and start it again."
    with qtbot.waitSignal(window.searching.search_failed) as search_failed:
        window.searching.on_text("offender")
    assert "changed while MatrixDesk was reading it" in search_failed.args[0].problem
    assert "Search cannot be used" in window.search_view.heading.text()
    window.close()
    store.close()


def test_a_pack_removed_while_the_reader_reads_it_reads_on(
    qtbot: QtBot, pack_path: Path, tmp_path: Path, config_dir: Path
) -> None:
    """The verified file stays open: an upgrade that moves a new pack over it, or a clean-up that
    deletes it, changes nothing for a running reader, search included."""
    from matrixdesk.ui.launch import open_window
    from matrixdesk.ui.settings import Settings

    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(pack_path.read_bytes())
    store = ContentStore.open(copy)
    window = open_window(store, Settings(config_dir), None)
    qtbot.addWidget(window)
    copy.unlink()
    assert window.navigate("alcohol/B5")
    assert "What if the therapist works for the jailer?" in window.page.browser.toPlainText()
    with qtbot.waitSignal(window.results_shown):
        window.searching.on_text("offender")
    assert window.search_view.model.rowCount() > 3
    window.close()
    store.close()
