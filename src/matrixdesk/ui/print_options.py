"""Before printing or saving a PDF: what of the page (a cell page only), the paper, and for a
discussion pack whether to add the reader's own notes. Every control has a name a screen reader
says and a key of its own (Alt+letter); the arrow keys move between the choices."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.page.printable import BITE, SHOWN, STUDIES, UNFOLDED

# Each choice with its key (the letter after &), in the order offered.
SCOPE_TEXTS = {
    SHOWN: "&As shown on screen",
    UNFOLDED: "Everything &unfolded",
    STUDIES: "The &study list alone",
    BITE: "The Matrix &Bite alone",
}
PAPER_TEXTS = {"a4": "A4", "letter": "Letter"}


class PrintOptions(QDialog):
    def __init__(
        self,
        parent: QWidget,
        title: str,
        go_text: str,
        paper: str,
        scopes: bool,
        my_notes: bool | None = None,
    ) -> None:
        """`scopes`: offer what of a cell page to print; `my_notes`: None offers no notes
        choice, else whether the reader has notes on the page to add (the box is off and, with
        none, unavailable)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("printOptions")
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        if scopes:
            box = QGroupBox("What to print")
            box.setAccessibleName("What to print")
            column = QVBoxLayout(box)
            for scope, text in SCOPE_TEXTS.items():
                button = QRadioButton(text)
                button.setAccessibleName(text.replace("&", ""))
                button.setChecked(scope == SHOWN)
                self.choices.addButton(button)
                button.setProperty("scope", scope)
                column.addWidget(button)
            layout.addWidget(box)
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        for key, text in PAPER_TEXTS.items():
            self.paper.addItem(text, key)
        self.paper.setCurrentIndex(self.paper.findData(paper))
        form.addRow("&Paper size:", self.paper)
        layout.addLayout(form)
        self.notes = QCheckBox("Add &my notes on this cell")
        self.notes.setAccessibleName("Add my notes on this cell")
        self._offer_notes = my_notes is not None
        self.notes.setVisible(self._offer_notes)
        self.notes.setEnabled(bool(my_notes))
        if my_notes is False:
            self.notes.setToolTip("You have no notes on this cell.")
            self.notes.setAccessibleDescription("You have no notes on this cell.")
        layout.addWidget(self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.go = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.go.setText(go_text)
        self.go.setAccessibleName(go_text.replace("&", "").rstrip("…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def scope(self) -> str:
        checked = self.choices.checkedButton()
        return str(checked.property("scope")) if checked is not None else SHOWN

    def chosen_paper(self) -> str:
        return str(self.paper.currentData())

    def with_notes(self) -> bool:
        return self._offer_notes and self.notes.isEnabled() and self.notes.isChecked()
