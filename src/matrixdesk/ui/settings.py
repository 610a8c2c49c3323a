"""What the reader's choices survive a restart in: one INI file in the user's config folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_FILENAME = "matrixdesk.ini"


class Settings:
    def __init__(self, folder: Path) -> None:
        self.path = folder / SETTINGS_FILENAME
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _text(self, key: str) -> str | None:
        value = self._settings.value(key)
        return value if isinstance(value, str) and value else None

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def last_address(self) -> str | None:
        return self._text("session/address")

    @last_address.setter
    def last_address(self, address: str) -> None:
        self._settings.setValue("session/address", address)

    @property
    def zoom_steps(self) -> int:
        try:
            return int(self._settings.value("reading/zoom", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0

    @zoom_steps.setter
    def zoom_steps(self, steps: int) -> None:
        self._settings.setValue("reading/zoom", steps)

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def sync(self) -> None:
        self._settings.sync()
