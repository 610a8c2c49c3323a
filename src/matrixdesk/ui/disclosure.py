"""A button that opens and closes something (the Matrix Bite, a folded passage), exposed to
assistive technology as what it is: a push button with an expandable, expanded or collapsed
state and a Press action. (A checkable button would be read as a check box, "checked".)

Qt's widgets have no such button, so this one comes with its own accessible interface, given
to Qt by a factory: for this class only, through QAccessibleWidget, whose action interface is
Qt's own. Qt's AT-SPI bridge sends no event when "expanded" changes: whoever shows the button
announces the change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from matrixdesk.ui.wrapping_button import WrappingButton

_OPEN, _CLOSED = "\u25be", "\u25b8"  # ▾ ▸


class DisclosureButton(WrappingButton):
    toggled_open = Signal(bool)
    """The reader opened (True) or closed (False) what the button stands for."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.label = label
        self.expanded = False
        self.control = ""
        """What it opens and closes, in its owner's words (a key the owner gives it)."""
        self.mark = ""
        """Shown after the label (✎: the reader's notes are in it), and said as `mark_said`."""
        self.mark_said = ""
        self.setAccessibleName(label)
        self.clicked.connect(self._on_clicked)
        self._show()

    def set_label(self, label: str) -> None:
        if label != self.label:
            self.label = label
            self.setAccessibleName(label)
            self._show()

    def set_expanded(self, expanded: bool) -> None:
        if expanded != self.expanded:
            self.expanded = expanded
            self._show()

    def set_mark(self, mark: str, said: str) -> None:
        """Show `mark` after the label, and say `said` with the button's description."""
        if (mark, said) != (self.mark, self.mark_said):
            self.mark, self.mark_said = mark, said
            self._show()

    def _show(self) -> None:
        mark = f" {self.mark}" if self.mark else ""
        self.setText(f"{_OPEN if self.expanded else _CLOSED} {self.label}{mark}")
        said = f" ({self.mark_said})" if self.mark_said else ""
        self.setToolTip(f"{'Close' if self.expanded else 'Open'} {self.label}{said}")

    def _on_clicked(self) -> None:
        self.set_expanded(not self.expanded)
        self.toggled_open.emit(self.expanded)


class _DisclosureAccessible(QAccessibleWidget):
    def __init__(self, button: DisclosureButton) -> None:
        super().__init__(button, QAccessible.Role.Button)
        self.button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.button.label
        if kind == QAccessible.Text.Description:
            return self.button.toolTip()
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.expandable = True
        state.expanded = self.button.expanded
        state.collapsed = not self.button.expanded
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        return [self.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt override
        if name == self.pressAction():
            self.button.click()
        else:
            super().doAction(name)


def _factory(class_name: str, target: QObject) -> QAccessibleInterface | None:
    if class_name == "DisclosureButton" and isinstance(target, DisclosureButton):
        return _DisclosureAccessible(target)
    return None


QAccessible.installFactory(_factory)
