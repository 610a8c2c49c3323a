"""All / S / K / R / G buttons that narrow a cell's study list; types the cell lacks are off.
The buttons wrap onto more lines rather than squeeze their words in a narrow window or at a
large zoom."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QToolButton, QWidget

from matrixdesk.core.schema import STUDY_TYPES, TYPED_STUDY_CODES
from matrixdesk.ui.app_zoom import icon_size
from matrixdesk.ui.flow_layout import FlowLayout
from matrixdesk.ui.icons import type_icon

TYPE_ICON_SIZE = 16  # pixels, at 100 %


class TypeFilterBar(QWidget):
    filter_chosen = Signal(str)
    """Type code to show ("S", "K", "R", "G"), or "all"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, spacing=2)
        layout.setContentsMargins(18, 0, 18, 0)
        layout.addWidget(QLabel("Show:"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for code in ("all", *TYPED_STUDY_CODES):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            if code != "all":
                button.setIcon(type_icon(code))
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.clicked.connect(lambda _checked=False, c=code: self.filter_chosen.emit(c))
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        self._size_icons()

    def set_counts(self, counts: dict[str, int]) -> None:
        """Label each button with how many studies it shows; switch off types with none."""
        self.buttons["all"].setText(f"All studies ({counts.get('all', 0)})")
        self.buttons["all"].setAccessibleName("Show all studies")
        for code in TYPED_STUDY_CODES:
            count = counts.get(code, 0)
            button = self.buttons[code]
            button.setText(f"{STUDY_TYPES[code]} ({count})")
            button.setEnabled(count > 0)
            button.setAccessibleName(f"Show {STUDY_TYPES[code].lower()} only, {count}")
        for button in self.buttons.values():
            button.setToolTip(button.accessibleName())

    def show_choice(self, code: str | None) -> None:
        self.buttons[code or "all"].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the zoom changed: icons keep to the text
            self._size_icons()

    def _size_icons(self) -> None:
        size = icon_size(self.font(), TYPE_ICON_SIZE)
        for button in self.buttons.values():
            button.setIconSize(size)
