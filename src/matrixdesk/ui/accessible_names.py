"""Names for the controls Qt makes inside its own widgets, which it leaves unnamed: a screen
reader would say only "button" or "scroll bar"."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QSplitter, QToolButton


def name_clear_button(field: QLineEdit, name: str) -> None:
    """The ✕ that setClearButtonEnabled puts in a field."""
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(name)


def name_scroll_bars(area: QAbstractScrollArea, what: str) -> None:
    area.verticalScrollBar().setAccessibleName(f"Scroll {what}")
    area.horizontalScrollBar().setAccessibleName(f"Scroll {what} sideways")


def name_splitter_handles(splitter: QSplitter, name: str) -> None:
    for index in range(1, splitter.count()):
        splitter.handle(index).setAccessibleName(name)
