"""Render the app icon (resources/icons/matrixdesk.svg) to the files installers want: PNGs for
Linux's hicolor theme, a Windows .ico and a macOS .icns. Run with Qt; writes into one folder."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QGuiApplication, QImage, QImageReader

SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "matrixdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, by pixel size.
ICNS_TYPES = {32: b"ic11", 64: b"ic12", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def render(size: int) -> bytes:
    reader = QImageReader(str(SVG))
    reader.setScaledSize(QSize(size, size))
    image: QImage = reader.read()
    if image.isNull():
        raise SystemExit(f"cannot render {SVG}: {reader.errorString()}")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico whose entries are PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", len(png) + 8) + png for kind, png in images.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    QGuiApplication(sys.argv[:1])
    pngs = {size: render(size) for size in {*PNG_SIZES, *ICO_SIZES, 1024}}
    for size in PNG_SIZES:
        (out / f"matrixdesk-{size}.png").write_bytes(pngs[size])
    (out / "matrixdesk.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (out / "matrixdesk.icns").write_bytes(
        icns({kind: pngs[size] for size, kind in ICNS_TYPES.items()})
    )
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
