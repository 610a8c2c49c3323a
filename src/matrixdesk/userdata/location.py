"""Where the user database lives, found without Qt (the command line and the tests need no
QApplication, and the reader looks it up off its UI thread).

By default in the platform's place for application data, the folder Qt's
QStandardPaths.AppDataLocation names once the organisation and application are "MatrixDesk" (a
test checks the two agree); in the folder chosen for settings when one was chosen (--config-dir,
$MATRIXDESK_CONFIG_DIR, portable mode), so a profile or a USB stick carries everything together.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from matrixdesk.paths import chosen_config_dir
from matrixdesk.userdata.schema import USERDATA_FILENAME

# What the reader sets as QCoreApplication's organisation and application names.
ORGANISATION = APPLICATION = "MatrixDesk"


def app_data_dir() -> Path:
    """QStandardPaths.writableLocation(AppDataLocation), as Qt 6 works it out."""
    if sys.platform == "win32":
        # Qt asks Windows for the roaming AppData folder, which %APPDATA% names.
        appdata = os.environ.get("APPDATA")
        base = Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        # The XDG base directory spec: a relative $XDG_DATA_HOME is invalid and ignored (Qt does).
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / ORGANISATION / APPLICATION


def user_data_path(config_dir: Path | None) -> Path:
    """The user database's file, for the folder chosen as the app chooses its settings folder
    (`config_dir`: --config-dir or --portable's folder, None if neither was given)."""
    folder = chosen_config_dir(config_dir) or app_data_dir()
    return folder / USERDATA_FILENAME
