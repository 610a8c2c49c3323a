""" "On this page": the outline of the cell page being read (`page.outline`), beside it.

Each study and heading is a button that takes the reader there (the page gets the keyboard, its
caret at the place); the Matrix Bite and each folded passage are disclosure buttons. For a
screen reader this is the page's structure, which the text alone does not expose.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from matrixdesk.page.outline import OutlineItem
from matrixdesk.ui.announce import announce
from matrixdesk.ui.disclosure import DisclosureButton
from matrixdesk.ui.wrapping_button import WrappingButton

INDENT = 14  # pixels a level, at 100 %


class PageOutline(QScrollArea):
    go_requested = Signal(str)
    """An anchor name in the page: take the reader there."""
    control_toggled = Signal(str, bool)
    """An item's control ("bite", or a fold's key), opened (True) or closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("On this page")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._items: tuple[OutlineItem, ...] = ()
        self.buttons: list[WrappingButton] = []
        self._build((), None)

    def show_outline(self, items: tuple[OutlineItem, ...]) -> None:
        if items == self._items:
            return
        # The reader who opened the Matrix Bite here keeps the keyboard on its button, which
        # is built anew with the rest: found again by what it opens or where it leads.
        focused = next(
            (self._key(i) for i, b in zip(self._items, self.buttons, strict=True) if b.hasFocus()),
            None,
        )
        self._items = items
        self._build(items, focused)

    def _build(self, items: tuple[OutlineItem, ...], focused: str | None) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(0)
        heading = QLabel("On this page")
        heading.setObjectName("outlineHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        # Only once it has a parent: shown before, it would flash up as a window of its own.
        heading.setVisible(bool(items))
        self.buttons = [self._button(item) for item in items]
        for item, button in zip(items, self.buttons, strict=True):
            row = QVBoxLayout()
            row.setContentsMargins(INDENT * item.level, 0, 0, 0)
            row.addWidget(button)
            layout.addLayout(row)
        layout.addStretch(1)
        self.setWidget(body)  # the old body, and its buttons, are deleted
        for item, button in zip(items, self.buttons, strict=True):
            if focused is not None and self._key(item) == focused:
                button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _toggled(self, control: str, label: str, is_open: bool) -> None:
        self.control_toggled.emit(control, is_open)  # the outline is built anew meanwhile
        # Said from the outline, which stays: the button that was pressed is gone.
        announce(self, f"{label} {'expanded' if is_open else 'collapsed'}")

    @staticmethod
    def _key(item: OutlineItem) -> str:
        return item.control or item.anchor or item.label

    def _button(self, item: OutlineItem) -> WrappingButton:
        if item.control is not None:
            disclosure = DisclosureButton(item.label)
            disclosure.set_expanded(item.expanded)
            control, label = item.control, item.label
            disclosure.toggled_open.connect(lambda on: self._toggled(control, label, on))
            return disclosure
        button = WrappingButton(item.label)
        button.setAccessibleName(item.label)
        button.setToolTip(f"Go to “{item.label}” in the page")
        anchor = item.anchor or ""
        button.clicked.connect(lambda: self.go_requested.emit(anchor))
        return button
