"""The bundled SVG icons: study types (for the page and filter bar), Back, Forward and Home (one
look for the three, on every system), and the app icon."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QSize
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


# The stroke colour the toolbar's SVGs are drawn with, which `toolbar_icon` replaces.
_TOOLBAR_STROKE = "#6b7378"
_TOOLBAR_ICON_PIXELS = 128  # enough for the largest zoom on a high-density screen


@cache
def toolbar_icon(name: str, colour: str) -> QIcon:
    """The "back", "forward" or "home" icon drawn in `colour` (the window's text colour: as
    legible as the words beside it, in light and dark palettes)."""
    svg = _icon_path(name).read_text(encoding="utf-8").replace(_TOOLBAR_STROKE, colour)
    data = QBuffer()
    data.setData(svg.encode("utf-8"))
    reader = QImageReader(data, b"svg")
    reader.setScaledSize(QSize(_TOOLBAR_ICON_PIXELS, _TOOLBAR_ICON_PIXELS))
    return QIcon(QPixmap.fromImage(reader.read()))
