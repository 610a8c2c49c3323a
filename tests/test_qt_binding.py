"""Guards against a Qt binding release that would crash the reader (see the pin in pyproject)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage, QPainter


def test_void_qt_calls_keep_none_alive(qapp) -> None:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(100):
        painter.save()
        painter.restore()
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before, "this PySide6 drops references to None: the app would crash at exit"
