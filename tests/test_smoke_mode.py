"""`matrixdesk --smoke-test` from the source tree: what the packaging tests run on builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matrixdesk.authoring.compiler import build_pack
from tests.smoke_run import run_smoke_test
from tests.synthetic import content_with_features_cell


def test_smoke_test_passes_and_reports_json() -> None:
    # run_smoke_test also fails on a traceback (or any other sign of a broken build) on stderr.
    report = run_smoke_test(sys.executable, "-m", "matrixdesk")
    assert report["smoke_test"] == "passed" and report["frozen"] is False
    assert report["opened"] == "matrixdesk:/alcohol/B5#what-is-this-cell-about"
    assert set(report["timings_ms"]) == {  # type: ignore[arg-type]
        "start_to_painted_grid",
        "open_cell_at_bite",
        "search_to_shown_results",
        "open_user_data_and_bookmark",
        "write_and_find_a_note",
    }


def test_smoke_test_passes_on_any_valid_pack(tmp_path: Path) -> None:
    """A pack without alcohol B5 in full: the smoke test reads the cell the pack does hold."""
    content = content_with_features_cell(tmp_path)
    b5 = content / "alcohol" / "B5.md"
    front_matter = b5.read_text(encoding="utf-8").split("+++")[1]
    b5.write_text(f"+++{front_matter}+++\n", encoding="utf-8")
    pack = tmp_path / "synthetic.sqlite"
    assert build_pack(content, pack) == []
    report = run_smoke_test(sys.executable, "-m", "matrixdesk", "--pack", pack)
    assert report["opened"] == "matrixdesk:/drug/A1#synthetic-section"
    assert report["searched"] == "Synthetic"


def test_smoke_test_says_when_search_cannot_read_the_pack(tmp_path: Path) -> None:
    """Search answers with the damage, and the smoke test says so at once, not after waiting
    in vain for results."""
    from tests.conftest import CONTENT, altered_pack

    good = tmp_path / "good.sqlite"
    assert build_pack(CONTENT, good) == []
    bad = altered_pack(good, tmp_path, "UPDATE search_index_content SET c1 = CAST(X'FFFE' AS TEXT)")
    result = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "--smoke-test", "--pack", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "The content pack is damaged and cannot be read" in result.stderr
    assert "timed out" not in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="only X11 and Wayland need a display named")
def test_with_no_display_the_reader_says_so_and_the_smoke_test_runs_off_screen() -> None:
    """Over SSH, with no display: Qt alone would abort with a message about plugins."""
    unset = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    reader = subprocess.run(
        [sys.executable, "-m", "matrixdesk"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert reader.returncode == 1
    assert "there is no display to show a window on" in reader.stderr
    assert "plugin" not in reader.stderr
    smoke = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert smoke.returncode == 0, smoke.stderr
    assert json.loads(smoke.stdout)["platform"] == "offscreen"
