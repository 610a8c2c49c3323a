"""Where the user database lives: Qt's place for application data unless a folder was chosen for
settings (--config-dir, $MATRIXDESK_CONFIG_DIR, portable mode), found without Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from matrixdesk import paths
from matrixdesk.paths import PORTABLE_MARKER, PORTABLE_SETTINGS
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.schema import USERDATA_FILENAME


@pytest.fixture(autouse=True)
def _no_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)


def test_the_default_folder_is_where_qt_puts_app_data(tmp_path: Path) -> None:
    """Asked of Qt itself, in a fresh process named as the reader names its application, with
    $XDG_DATA_HOME unset, absolute, relative (which Qt ignores), and another home folder."""
    script = textwrap.dedent(
        """
        import json, os, sys
        from PySide6.QtCore import QCoreApplication, QStandardPaths
        from matrixdesk.ui.main_window import APP_NAME
        from matrixdesk.paths import app_data_dir

        app = QCoreApplication([])
        app.setOrganizationName(APP_NAME)
        app.setApplicationName(APP_NAME)
        answers = []
        for settings in json.loads(sys.argv[1]):
            for name, value in settings.items():
                os.environ.pop(name, None) if value is None else os.environ.update({name: value})
            qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            answers.append([qt, str(app_data_dir())])
        print(json.dumps(answers))
        """
    )
    cases = [
        {"XDG_DATA_HOME": None},
        {"XDG_DATA_HOME": str(tmp_path / "xdg-data")},
        {"XDG_DATA_HOME": "relative/data"},
        {"XDG_DATA_HOME": None, "HOME": str(tmp_path / "another-home")},
    ]
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(cases)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    answers = json.loads(result.stdout)
    assert len(answers) == len(cases)
    for (qt, ours), case in zip(answers, cases, strict=True):
        assert Path(ours) == Path(qt), case
    assert answers[1][1] == str(tmp_path / "xdg-data" / "MatrixDesk" / "MatrixDesk")


def test_with_no_folder_chosen_it_lives_in_the_app_data_folder() -> None:
    path = user_data_path(None)
    assert path.name == USERDATA_FILENAME == "userdata.sqlite"
    assert path.parent.parts[-2:] == ("MatrixDesk", "MatrixDesk")


def test_a_chosen_folder_holds_it_beside_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matrixdesk.ui.launch import config_dir

    chosen = tmp_path / "chosen"
    assert user_data_path(chosen) == chosen / "userdata.sqlite"
    assert user_data_path(chosen).parent == config_dir(chosen)

    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "from-env"))
    assert user_data_path(None) == tmp_path / "from-env" / "userdata.sqlite"
    assert user_data_path(None).parent == config_dir(None)
    assert user_data_path(chosen) == chosen / "userdata.sqlite", "the option beats the variable"


def test_a_portable_copy_keeps_it_beside_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matrixdesk.ui.launch import config_dir

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "matrixdesk"))
    assert user_data_path(None).parent != tmp_path / PORTABLE_SETTINGS
    (tmp_path / PORTABLE_MARKER).write_text("portable\n")
    assert user_data_path(None) == tmp_path / PORTABLE_SETTINGS / "userdata.sqlite"
    assert user_data_path(None).parent == config_dir(None)
