"""Help > User guide: the guide that ships with the app (built from docs/user-guide.md), in a
window of its own, so it can sit beside the page it explains."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from matrixdesk.paths import resources_dir
from matrixdesk.ui.app_zoom import app_zoom, keep_in_proportion, zoomed_size
from matrixdesk.ui.theme import reading_font

GUIDE = "guide/user-guide.html"


def guide_html() -> str:
    path = resources_dir() / GUIDE
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return (
            "<h1>MatrixDesk user guide</h1><p>The guide could not be read from "
            f"{escape(str(path))} ({error.__class__.__name__}). Reinstall MatrixDesk to "
            "restore it.</p>"
        )


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MatrixDesk user guide")
        # A window of its own, not a dialog that blocks the reader: read it beside the page.
        self.setWindowFlag(Qt.WindowType.Window)
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenLinks(False)  # the guide has no links; nothing loads from anywhere
        self.browser.setFont(reading_font(app_zoom()))  # the page's font, at the reader's zoom
        keep_in_proportion(self.browser)
        self.browser.setHtml(guide_html())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(zoomed_size(720, 760, self))
