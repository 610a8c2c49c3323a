""" "On this page": the outline of the cell page being read (`page.outline`), beside it.

Each study and heading is a button that takes the reader there (the page gets the keyboard, its
caret at the place); the Matrix Bite and each folded passage are disclosure buttons. For a
screen reader this is the page's structure, which the text alone does not expose.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from matrixdesk.page.note_places import NOTE_MARK, notes_said
from matrixdesk.page.outline import OutlineItem
from matrixdesk.ui.announce import announce
from matrixdesk.ui.disclosure import DisclosureButton
from matrixdesk.ui.wrapping_button import WrappingButton

INDENT = 14  # pixels a level, at 100 %


class OutlineLink(WrappingButton):
    """A study or heading of the page: takes the reader to its anchor."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("", parent)
        self.anchor = ""


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
        self._body = body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(8, 4, 8, 8)
        self._layout.setSpacing(0)
        self._heading = QLabel("On this page")
        self._heading.setObjectName("outlineHeading")
        font = self._heading.font()
        font.setBold(True)
        self._heading.setFont(font)
        self._layout.addWidget(self._heading)
        self._layout.addStretch(1)
        self.setWidget(body)
        self._heading.hide()
        self._items: tuple[OutlineItem, ...] = ()
        self.buttons: list[WrappingButton] = []
        """One for each item shown, in order."""
        # Made once and used again from page to page: making a button costs more than
        # giving one new words (a page shows a dozen or more).
        self._spare_links: list[OutlineLink] = []
        self._spare_disclosures: list[DisclosureButton] = []
        self._notes: dict[str, int] = {}
        self._titled = True  # headed "On this page" (not when a tab of that name says it)

    def show_outline(self, items: tuple[OutlineItem, ...]) -> None:
        if items == self._items:
            return
        # The reader who opened the Matrix Bite here keeps the keyboard on its button, which
        # may now stand elsewhere: found again by what it opens or where it leads.
        focused = next(
            (self._key(i) for i, b in zip(self._items, self.buttons, strict=True) if b.hasFocus()),
            None,
        )
        self._items = items
        for button in self.buttons:
            self._layout.removeWidget(button)
            if isinstance(button, DisclosureButton):
                self._spare_disclosures.append(button)
            elif isinstance(button, OutlineLink):
                self._spare_links.append(button)
        self.buttons = [self._button(item) for item in items]
        for position, button in enumerate(self.buttons, start=1):  # after the heading
            self._layout.insertWidget(position, button)
            button.show()
        for spare in (*self._spare_links, *self._spare_disclosures):
            spare.hide()
        self._heading.setVisible(bool(items) and self._titled)
        for item, button in zip(items, self.buttons, strict=True):
            if focused is not None and self._key(item) == focused:
                button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_titled(self, titled: bool) -> None:
        """Head the outline "On this page" (True), or leave that to a tab with that name."""
        self._titled = titled
        self._heading.setVisible(bool(self._items) and titled)

    def mark_notes(self, counts: dict[str, int]) -> None:
        """Mark the items with the reader's notes: `counts` by an item's anchor (or control),
        how many notes it has. Kept for the outlines shown after."""
        if counts == self._notes:
            return
        self._notes = dict(counts)
        for item, button in zip(self._items, self.buttons, strict=True):
            self._mark(item, button)

    def _mark(self, item: OutlineItem, button: WrappingButton) -> None:
        count = self._notes.get(self._key(item), 0)
        said = notes_said(count)
        if isinstance(button, DisclosureButton):
            inside = (
                ""
                if count == 0
                else "a heading in it has a note"
                if count == 1
                else f"its headings have {count} notes"
            )
            button.set_mark(NOTE_MARK if count else "", inside)
            return
        button.setText(f"{item.label} {NOTE_MARK}" if count else item.label)
        button.setAccessibleDescription(said)
        button.setToolTip(f"Go to “{item.label}” in the page" + (f" (it {said})" if said else ""))

    def _toggled(self, button: DisclosureButton, is_open: bool) -> None:
        control = button.control
        self.control_toggled.emit(control, is_open)  # the outline is shown anew meanwhile
        # Said from the outline, which stays, whatever becomes of the button.
        announce(self, f"{button.label} {'expanded' if is_open else 'collapsed'}")

    @staticmethod
    def _key(item: OutlineItem) -> str:
        return item.control or item.anchor or item.label

    def _button(self, item: OutlineItem) -> WrappingButton:
        if item.control is not None:
            disclosure = self._spare_disclosure()
            disclosure.control = item.control
            disclosure.set_label(item.label)
            disclosure.set_expanded(item.expanded)
            disclosure.set_indent(INDENT * item.level)
            self._mark(item, disclosure)
            return disclosure
        link = self._spare_link()
        link.anchor = item.anchor or ""
        link.setAccessibleName(item.label)
        self._mark(item, link)
        link.set_indent(INDENT * item.level)
        return link

    def _spare_disclosure(self) -> DisclosureButton:
        if self._spare_disclosures:
            return self._spare_disclosures.pop(0)
        made = DisclosureButton("", self._body)
        made.toggled_open.connect(lambda on: self._toggled(made, on))
        return made

    def _spare_link(self) -> OutlineLink:
        if self._spare_links:
            return self._spare_links.pop(0)
        made = OutlineLink(self._body)
        made.clicked.connect(lambda: self.go_requested.emit(made.anchor))
        return made
