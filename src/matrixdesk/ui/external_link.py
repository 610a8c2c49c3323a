"""Web addresses are never opened behind the reader's back: they are shown, copyable, and opened in
the system browser only when the reader says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_external_link(parent: QWidget, url: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Web address")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText("This link is on the web and needs an internet connection.")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the address comes from the pack
    box.setInformativeText(url)
    open_button = box.addButton("Open in web browser", QMessageBox.ButtonRole.AcceptRole)
    copy_button = box.addButton("Copy address", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    # On an office PC with no internet, copying is what a reader can use: make it the default.
    box.setDefaultButton(copy_button)
    box.exec()
    if box.clickedButton() is copy_button:
        QGuiApplication.clipboard().setText(url)
    elif box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl(url))
