"""Where the bundled, read-only content pack lives (source tree, installed wheel or frozen bundle).

`make` compiles the pack into the package folder `matrixdesk/data/`; the wheel build hook and the
frozen build put it in the same place, so one lookup through importlib.resources serves all three.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from matrixdesk.core.schema import PACK_FILENAME


def bundled_pack_path() -> Path:
    return Path(str(files("matrixdesk") / "data" / PACK_FILENAME))
