"""Where user settings live: an explicit folder, the environment, portable mode, or the platform's
place. The bundled pack is never written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from matrixdesk.paths import CONFIG_DIR_ENV, PORTABLE_MARKER, PORTABLE_SETTINGS
from matrixdesk.ui.launch import config_dir


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


def _close_windows_once(said: list[str], tries: int = 500) -> None:
    """When the dialog `said` is filled in has been answered (or after `tries` looks, if it never
    comes), close the main window, as a reader would when done: run_reader then returns."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from matrixdesk.ui.main_window import MainWindow

    if not said and tries:
        QTimer.singleShot(10, lambda: _close_windows_once(said, tries - 1))
        return
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()


def test_settings_that_cannot_be_saved_are_told_once(
    qapp, pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from matrixdesk import app
    from tests.dialogs import answer_next_dialog

    not_a_folder = tmp_path / "settings-file"
    not_a_folder.write_text("A file where a folder should be.\n")
    said = answer_next_dialog("OK")
    _close_windows_once(said)
    assert app.main(["--pack", str(pack_path), "--config-dir", str(not_a_folder)]) == 0
    assert said[0] == "MatrixDesk cannot save its settings"
    assert f"{not_a_folder} is a file, not a folder" in said[1]
    assert "will not remember the zoom" in said[1] and "--config-dir" in said[1]
    err = capsys.readouterr().err
    assert err.count("MatrixDesk cannot save its settings") == 1
    assert not_a_folder.read_text() == "A file where a folder should be.\n"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_settings_folder_is_named(tmp_path: Path) -> None:
    from matrixdesk.ui.settings import Settings

    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert "Permission denied" in (Settings(folder).problem or "")
    finally:
        folder.chmod(0o700)


def test_a_writable_folder_has_no_problem(tmp_path: Path) -> None:
    from matrixdesk.ui.settings import Settings

    assert Settings(tmp_path / "new" / "folder").problem is None
    assert [p.name for p in (tmp_path / "new" / "folder").iterdir()] == []  # the probe is gone
