"""What the reader's choices survive a restart in: one INI file in the user's config folder.

QSettings drops what it cannot write without a word, so the folder is tried once at start: if it
cannot be written (read-only media, --config-dir naming a file, a locked-down profile),
`problem` says why and the reader is told.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QTimer

from matrixdesk.core.schema import TYPED_STUDY_CODES
from matrixdesk.page.state import PageState
from matrixdesk.ui.history import Visit
from matrixdesk.ui.reading_place import Spot

SETTINGS_FILENAME = "matrixdesk.ini"
PRESENTATION_ZOOM = 6  # 1.1**6, about 1.8 times the normal size
PLACE_SAVE_DELAY_MS = 1000  # the place being read is written once the reader pauses this long


class Settings:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / SETTINGS_FILENAME
        self.problem = _unwritable(folder, self.path)
        """Why settings cannot be saved here, in words; None if they can."""
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._unsaved_place: str | None = None
        self._place_saver = QTimer(singleShot=True, interval=PLACE_SAVE_DELAY_MS)
        self._place_saver.timeout.connect(self._save_place)

    def _text(self, key: str) -> str | None:
        value = self._settings.value(key)
        return value if isinstance(value, str) and value else None

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def last_address(self) -> str | None:
        return self._unsaved_place or self._text("session/address")

    @last_address.setter
    def last_address(self, address: str) -> None:
        self._place_saver.stop()  # newer than any place still waiting to be written
        self._unsaved_place = None
        self._settings.setValue("session/address", address)

    def remember_place(self, address: str) -> None:
        """Note the place now on screen, for the next start, and write it once the reader
        pauses. Set at once, QSettings would write its file (and wait for the disk: 4 ms, at
        times 20, on a busy machine) on the event loop's next pass: after a click, before the
        new page is painted."""
        self._unsaved_place = address
        self._place_saver.start()

    def _save_place(self) -> None:
        if self._unsaved_place is not None:
            self.last_address = self._unsaved_place

    @property
    def last_visit(self) -> Visit | None:
        """The place open when the app was last closed, as the reader left it."""
        address = self.last_address
        if address is None:
            return None
        try:
            spot = Spot(*(int(part) for part in (self._text("session/spot") or "").split()))
            state = _state(json.loads(self._text("session/state") or "null"))
        except (TypeError, ValueError):  # written by another version, or by hand: ignore it
            spot, state = None, None
        return Visit(address, spot, state)

    @last_visit.setter
    def last_visit(self, visit: Visit) -> None:
        self.last_address = visit.address
        spot, state = visit.spot, visit.state
        self._settings.setValue("session/spot", f"{spot.position} {spot.offset}" if spot else "")
        self._settings.setValue(
            "session/state",
            json.dumps(
                {
                    "bite_open": state.bite_open,
                    "type_filter": state.type_filter,
                    "unfolded": sorted(state.unfolded),
                }
            )
            if state
            else "",
        )

    def _integer(self, key: str, default: int) -> int:
        try:
            return int(str(self._settings.value(key, default)))
        except (TypeError, ValueError):  # written by hand, or by another version
            return default

    @property
    def zoom_steps(self) -> int:
        return self._integer("reading/zoom", 0)

    @zoom_steps.setter
    def zoom_steps(self, steps: int) -> None:
        self._settings.setValue("reading/zoom", steps)

    @property
    def presentation_zoom(self) -> int:
        """Zoom steps in presentation mode: large text for a projector, unless changed there."""
        return self._integer("presentation/zoom", PRESENTATION_ZOOM)

    @presentation_zoom.setter
    def presentation_zoom(self, steps: int) -> None:
        self._settings.setValue("presentation/zoom", steps)

    @property
    def welcomed(self) -> bool:
        """The reader has been told, on a first start, what the pack holds."""
        return self._text("help/welcomed") == "yes"

    def set_welcomed(self) -> None:
        self._settings.setValue("help/welcomed", "yes")

    @property
    def notes_open(self) -> bool:
        """My notes, beside the page, was left open."""
        return self._text("notes/open") == "yes"

    @notes_open.setter
    def notes_open(self, is_open: bool) -> None:
        self._settings.setValue("notes/open", "yes" if is_open else "no")

    @property
    def cpd_counts_time(self) -> bool:
        """Record CPD fills in the minutes a page has been open (off unless the reader chose)."""
        return self._text("cpd/count-time") == "yes"

    @cpd_counts_time.setter
    def cpd_counts_time(self, on: bool) -> None:
        self._settings.setValue("cpd/count-time", "yes" if on else "no")

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def sync(self) -> bool:
        """Write the settings out; False if that failed."""
        self._save_place()
        self._settings.sync()
        return self._settings.status() == QSettings.Status.NoError


def _state(saved: object) -> PageState | None:
    """A page's state as saved, checked: anything not as written by `last_visit` is dropped."""
    if not isinstance(saved, dict):
        return None
    unfolded = saved.get("unfolded")
    type_filter = saved.get("type_filter")
    return PageState(
        bite_open=saved.get("bite_open") is True,
        type_filter=type_filter if type_filter in TYPED_STUDY_CODES else None,
        unfolded=frozenset(key for key in unfolded if isinstance(key, str))
        if isinstance(unfolded, list)
        else frozenset(),
    )


def _unwritable(folder: Path, path: Path) -> str | None:
    """Why settings cannot be written in `folder` (as the file `path`), or None if they can:
    found by making the folder and a file in it, the one test every system agrees with."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        os.close(handle)
        Path(probe).unlink()
        if path.exists():
            with path.open("ab"):
                pass
    except FileExistsError:
        return f"{folder} is a file, not a folder"
    except OSError as error:
        where = error.filename or folder
        return f"{where}: {error.strerror or error}"
    return None
