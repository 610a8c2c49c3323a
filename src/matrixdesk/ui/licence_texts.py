"""The full text of each licence the About box names, from the app's own resources."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.paths import resources_dir
from matrixdesk.ui.app_zoom import zoomed_size

# Shown in this order; the fonts' licence sits with the fonts.
LICENCE_FILES = (
    ("MatrixDesk: MIT License", "licences/MatrixDesk.txt"),
    ("Qt and Qt for Python: GNU LGPL version 3", "licences/LGPL-3.0.txt"),
    ("GNU GPL version 3 (which the LGPL builds on)", "licences/GPL-3.0.txt"),
    ("Python: Python Software Foundation License", "licences/Python.txt"),
    ("Noto fonts: SIL Open Font License 1.1", "fonts/OFL.txt"),
    ("SQLAlchemy: MIT License", "licences/SQLAlchemy.txt"),
    ("ICU: Unicode License", "licences/ICU.txt"),
    (
        "Third-party notices: what ships, and what the LGPL lets you do",
        "licences/THIRD-PARTY-NOTICES.txt",
    ),
)


def licence_text(relative: str) -> str:
    path = resources_dir() / relative
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return f"This licence's text could not be read from {path} ({error}). Reinstall MatrixDesk."


class LicenceTexts(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Licence texts")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Licence")
        self.choice.addItems([name for name, _ in LICENCE_FILES])
        label = QLabel("&Licence:")
        label.setBuddy(self.choice)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Licence text")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.choice)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.choice.currentIndexChanged.connect(self._show)
        self._show(0)
        self.resize(zoomed_size(640, 560, self))

    def _show(self, index: int) -> None:
        self.text.setPlainText(licence_text(LICENCE_FILES[index][1]))
