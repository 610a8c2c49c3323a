"""Where the user database lives, found without Qt (the command line and the tests need no
QApplication, and the reader looks it up off its UI thread).

By default in the platform's place for application data, the folder Qt's
QStandardPaths.AppDataLocation names once the organisation and application are "MatrixDesk" (a
test checks the two agree); in the folder chosen for settings when one was chosen (--config-dir,
$MATRIXDESK_CONFIG_DIR, portable mode), so a profile or a USB stick carries everything together.
"""

from __future__ import annotations

from pathlib import Path

from matrixdesk.paths import app_data_dir, chosen_config_dir
from matrixdesk.userdata.schema import USERDATA_FILENAME


def user_data_path(config_dir: Path | None) -> Path:
    """The user database's file, for the folder chosen as the app chooses its settings folder
    (`config_dir`: --config-dir or --portable's folder, None if neither was given)."""
    folder = chosen_config_dir(config_dir) or app_data_dir()
    return folder / USERDATA_FILENAME
