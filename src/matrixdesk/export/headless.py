"""Qt for printouts made from the command line: a QGuiApplication on the offscreen platform, which
needs no display (a PDF needs no window), unless the caller chose a platform."""

from __future__ import annotations

import os

from PySide6.QtGui import QGuiApplication


def gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new one drawing off screen."""
    running = QGuiApplication.instance()
    if isinstance(running, QGuiApplication):
        return running
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["matrixdesk"])
