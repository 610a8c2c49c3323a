"""Where the bundled, read-only files live (source tree, installed wheel or frozen bundle).

`make` compiles the pack into the package folder `matrixdesk/data/`; the wheel build hook and the
frozen build put it in the same place, so one lookup through importlib.resources serves all three.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from matrixdesk.core.schema import PACK_FILENAME


def bundled_pack_path() -> Path:
    return Path(str(files("matrixdesk") / "data" / PACK_FILENAME))


def resources_dir() -> Path:
    """Icons and fonts: inside the package when installed or frozen, else the repository's own."""
    packaged = Path(str(files("matrixdesk") / "resources"))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "resources"
