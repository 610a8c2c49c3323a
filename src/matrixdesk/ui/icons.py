"""The bundled SVG icons: study types (for the page and filter bar), Back, Forward and Home (one
look for the three, on every system), and the app icon."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap

from matrixdesk.paths import resources_dir

# Rendered at twice the on-page size so they stay crisp on high-density screens and when zoomed.
_PAGE_ICON_PIXELS = 52


def _icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


@cache
def type_icon_image(code: str) -> QImage:
    reader = QImageReader(str(_icon_path(f"type-{code}")))
    reader.setScaledSize(QSize(_PAGE_ICON_PIXELS, _PAGE_ICON_PIXELS))
    return reader.read()


@cache
def type_icon(code: str) -> QIcon:
    return QIcon(QPixmap.fromImage(type_icon_image(code)))


@cache
def app_icon() -> QIcon:
    return QIcon(str(_icon_path("matrixdesk")))


@cache
def toolbar_icon(name: str) -> QIcon:
    """ "back", "forward" or "home"."""
    return QIcon(str(_icon_path(name)))
