"""Where the bundled, read-only files live (source tree, installed wheel or frozen bundle).

`make` compiles the pack into the package folder `matrixdesk/data/`; the wheel build hook and the
frozen build put it in the same place, beside this module, so one lookup serves all three (a
plain path: importlib.resources would add its import to every start).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from matrixdesk.core.schema import PACK_FILENAME

PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_pack_path() -> Path:
    return PACKAGE_DIR / "data" / PACK_FILENAME


def source_content_dir() -> Path | None:
    """The Markdown sources, when running from a source checkout (an editable install or the
    tree itself): the folder the bundled pack is compiled from. None in a wheel or a bundle."""
    if getattr(sys, "frozen", False):
        return None
    content = PACKAGE_DIR.parents[1] / "data" / "content"
    return content if (content / "pack.toml").is_file() else None


def resources_dir() -> Path:
    """Icons and fonts: inside the package when installed or frozen, else the repository's own."""
    packaged = PACKAGE_DIR / "resources"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parents[1] / "resources"


CONFIG_DIR_ENV = "MATRIXDESK_CONFIG_DIR"
PORTABLE_MARKER = "portable"
PORTABLE_SETTINGS = "MatrixDesk settings"


def app_folder() -> Path:
    """The folder the app runs from: the frozen bundle's, else the current one."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path.cwd()


def portable_settings_dir() -> Path:
    """Settings beside the app, for a copy carried on a USB stick."""
    return app_folder() / PORTABLE_SETTINGS


def marked_portable() -> bool:
    """A file named `portable` beside the installed app's executable asks for portable mode
    without --portable. (Run from source or a wheel there is no such place: use --portable.)"""
    return getattr(sys, "frozen", False) and (app_folder() / PORTABLE_MARKER).exists()


def chosen_config_dir(explicit: Path | None) -> Path | None:
    """The folder chosen for settings and user data, without Qt: `explicit` (--config-dir, or
    --portable's folder), else $MATRIXDESK_CONFIG_DIR, else beside the app if a `portable` file
    is there; None when nothing was chosen and the platform's own places apply."""
    if explicit is not None:
        return explicit
    if from_env := os.environ.get(CONFIG_DIR_ENV):
        return Path(from_env)
    if marked_portable():
        return portable_settings_dir()
    return None


def app_data_dir() -> Path:
    """QStandardPaths.writableLocation(AppDataLocation) for MatrixDesk, as Qt 6 works it out,
    without Qt (the command line and the tests need no QApplication, and the reader looks it up
    off its UI thread): the folder of the user database and of the packs a user installs.
    tests/test_userdata_location.py asks Qt itself and checks the two agree."""
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
    # The reader's QCoreApplication organisation and application names.
    return base / "MatrixDesk" / "MatrixDesk"
