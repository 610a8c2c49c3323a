"""Help > About MatrixDesk: the app's version, the pack's title and edition, what it holds, who
publishes the content and whom its pages credit, and the licences of everything that ships.

The pack's words reach the box as plain text or escaped HTML, never as markup of their own.
"""

from __future__ import annotations

import sqlite3
import sys
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import matrixdesk
from matrixdesk.core.views import PackSummary
from matrixdesk.ui.app_zoom import zoomed_size
from matrixdesk.ui.licence_texts import LicenceTexts

# What ships in every copy, and under which licence; the texts are in Licence texts.
_SOFTWARE = (
    ("MatrixDesk", "MIT License"),
    ("Qt {qt} and Qt for Python (PySide6) {pyside}", "GNU LGPL version 3"),
    ("Python {python}", "Python Software Foundation License"),
    ("SQLite {sqlite}", "public domain"),
    ("SQLAlchemy", "MIT License"),
    ("ICU", "Unicode License"),
    ("Noto Sans and Noto Serif fonts", "SIL Open Font License 1.1"),
)


def software_lines() -> list[tuple[str, str]]:
    versions = {
        "qt": qVersion(),
        "pyside": pyside_version,
        "python": ".".join(map(str, sys.version_info[:3])),
        "sqlite": sqlite3.sqlite_version,
    }
    return [(name.format(**versions), licence) for name, licence in _SOFTWARE]


def _sections(summary: PackSummary, coverage: str) -> list[tuple[str, list[str]]]:
    """The box's words: headed groups of lines, the first group's heading the app itself."""
    pack = [summary.title, f"Edition {summary.edition}", coverage]
    if summary.publisher:
        pack.append(f"Published by {summary.publisher}")
    pack += [f"{credit.role} {', '.join(credit.names)}" for credit in summary.credits]
    return [
        (
            f"MatrixDesk {matrixdesk.__version__}",
            ["Offline reader for the Effectiveness Bank Alcohol and Drug Treatment Matrices."],
        ),
        ("Content pack", pack),
        ("Licences", [f"{name}: {licence}" for name, licence in software_lines()]),
    ]


def about_text(summary: PackSummary, coverage: str) -> str:
    """The box's words as plain text: what Copy gives, for a support request."""
    return "\n\n".join(
        "\n".join([heading, *lines]) for heading, lines in _sections(summary, coverage)
    )


def _about_html(summary: PackSummary, coverage: str) -> str:
    """The same words laid out; every text, the pack's included, escaped."""
    return "".join(
        f"<h{2 if number == 0 else 3}>{escape(heading)}</h{2 if number == 0 else 3}>"
        f"<p>{'<br>'.join(map(escape, lines))}</p>"
        for number, (heading, lines) in enumerate(_sections(summary, coverage))
    )


class AboutBox(QDialog):
    def __init__(self, summary: PackSummary, coverage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About MatrixDesk")
        self.plain_text = about_text(summary, coverage)
        self.text = QLabel(_about_html(summary, coverage))
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)  # built above, the pack's words escaped
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName("About MatrixDesk")
        self.text.setAccessibleDescription(self.plain_text)
        # Scrolls rather than grows past the screen at large zoom or on a small display.
        scroll = QScrollArea()
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        licences = QPushButton("Licence texts…")
        licences.setToolTip("The full text of each licence above")
        copy = QPushButton("Copy")
        copy.setToolTip("Copy these details, for example to ask for support")
        buttons.addButton(licences, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        licences.clicked.connect(self.show_licences)
        copy.clicked.connect(self.copy_details)
        self.licences_button = licences
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        self.resize(zoomed_size(560, 520, self))

        self.licence_texts: LicenceTexts | None = None

    def show_licences(self) -> None:
        if self.licence_texts is None:
            self.licence_texts = LicenceTexts(self)
        self.licence_texts.open()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text)
