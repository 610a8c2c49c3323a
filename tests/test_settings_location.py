"""Where user settings live: an explicit folder, the environment, portable mode, or the platform's
place. The bundled pack is never written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from matrixdesk.paths import PORTABLE_MARKER, PORTABLE_SETTINGS
from matrixdesk.ui.launch import CONFIG_DIR_ENV, config_dir


@pytest.fixture(autouse=True)
def _no_settings_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_DIR_ENV, raising=False)


def test_an_explicit_folder_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "from-env"))
    assert config_dir(tmp_path / "chosen") == tmp_path / "chosen"
    assert config_dir(None) == tmp_path / "from-env"


def test_a_portable_marker_keeps_settings_beside_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in the frozen app: the marker counts beside the executable, not in the current folder.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "matrixdesk"))
    assert config_dir(None) != tmp_path / PORTABLE_SETTINGS
    (tmp_path / PORTABLE_MARKER).write_text("portable\n")
    assert config_dir(None) == tmp_path / PORTABLE_SETTINGS


def test_a_marker_in_the_current_folder_does_not_count_from_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / PORTABLE_MARKER).write_text("portable\n")
    assert config_dir(None) != tmp_path / PORTABLE_SETTINGS


def test_otherwise_the_platforms_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from matrixdesk.ui.launch import application

    application()  # names the app, which names the platform's folder
    monkeypatch.chdir(tmp_path)
    folder = config_dir(None)
    assert folder != tmp_path / PORTABLE_SETTINGS
    assert "MatrixDesk" in str(folder) or "matrixdesk" in str(folder).lower()


def test_portable_flag_runs_with_settings_beside_the_app(
    qapp,
    pack_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from matrixdesk import app

    chosen: list[Path | None] = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        "matrixdesk.ui.launch.run_reader",
        lambda pack, place, settings, chosen_pack: chosen.append(settings) or 0,
    )
    assert app.main(["--pack", str(pack_path), "--portable"]) == 0
    assert chosen == [tmp_path / PORTABLE_SETTINGS]
