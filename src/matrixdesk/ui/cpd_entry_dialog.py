"""A CPD entry, new or edited: the form a reader fills in after reading, a supervision or a team
discussion. Every field has a label that is its buddy (its accessible name, and Alt+its letter
moves to it); text boxes pass Tab on, so the form works by keyboard alone. The form scrolls
inside the dialog and its rows wrap, label above field, when the dialog is narrow or zoomed.

The dialog only asks: `save_requested` carries the details, checked, and whoever owns it writes
them and then closes it (`saved`) or keeps it open with the reader's words and says why
(`save_failed`). A reader's words are never thrown away on a stray Esc: closing a form that has
words in it asks first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.ui.accessible_names import name_scroll_bars
from matrixdesk.ui.announce import announce
from matrixdesk.ui.app_zoom import zoomed_size
from matrixdesk.userdata import values
from matrixdesk.userdata.records import ACTIVITY_WORDS, CpdDetails

# Offered, not imposed: the reader may type any standard or code. Named generically; the
# clauses are the reader's to cite from their regulator's own text.
STANDARD_PRESETS: Final = (
    "NMC Code",
    "HCPC standards of proficiency",
    "HCPC standards of conduct, performance and ethics",
    "Social Work England professional standards",
    "Probation professional standards",
)
ESTIMATE = (
    "The minutes are an estimate from the time the page was open in this visit; change them "
    "to the time you spent."
)
_NAMES = values.CPD_FIELD_NAMES


class CpdEntryDialog(QDialog):
    save_requested = Signal(object)
    """The CpdDetails to save, checked."""

    def __init__(
        self,
        details: CpdDetails,
        describe: Callable[[str], str],
        parent: QWidget,
        editing: bool = False,
        estimated: bool = False,
    ) -> None:
        """`describe(address)`: a place in words (its title, or that the pack no longer has
        it); `estimated`: the minutes given are the time the page was open."""
        super().__init__(parent)
        self.setObjectName("cpdEntryDialog")
        self.setWindowTitle("Edit CPD entry" if editing else "Record CPD")
        self.setAccessibleName(self.windowTitle())
        self.saving = False
        self._build(describe)
        self._fill(details, estimated)
        self.resize(zoomed_size(600, 680, self))

    def _build(self, describe: Callable[[str], str]) -> None:
        self.describe = describe
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.activity = QComboBox()
        for key in values.ACTIVITIES:
            self.activity.addItem(ACTIVITY_WORDS[key].capitalize(), key)
        self.mode = QComboBox()
        for key in values.MODES:
            self.mode.addItem(key.capitalize(), key)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, values.MAX_MINUTES)
        self.minutes.setSuffix(" min")
        self.estimate = QLabel(ESTIMATE)
        self.estimate.setWordWrap(True)
        self.places = QListWidget()
        self.places.setWordWrap(True)
        self.places.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.places.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        name_scroll_bars(self.places, "the places")
        self.remove_place = QPushButton("Remo&ve place")
        self.remove_place.setAccessibleDescription("Take the chosen place off this entry")
        self.learned = self._text_box()
        self.practice = self._text_box()
        self.standard = QComboBox()
        self.standard.setEditable(True)
        self.standard.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.standard.addItems(["", *STANDARD_PRESETS])
        self.standard.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.standard.setMinimumContentsLength(12)
        line = self.standard.lineEdit()
        if line is not None:
            line.setMaxLength(values.MAX_TITLE_CHARS)
            line.setAccessibleName(_NAMES["standard"])  # where the reader types: named too
        self.standard.setAccessibleDescription("Type one, or choose one from the list")
        self.standard.setToolTip("Type one, or choose one from the list")
        self.evidence = QLineEdit()
        self.evidence.setMaxLength(values.MAX_TITLE_CHARS)
        self.problem = QLabel()
        self.problem.setObjectName("cpdProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        # Each label above its field, not beside it: nothing has to share a narrow or zoomed
        # dialog's width, and a label's words wrap (a form layout's wrapping rows misjudge
        # wrapped labels' heights inside a scroll area, and overlap them).
        form = QVBoxLayout()
        places_row = QVBoxLayout()
        places_row.addWidget(self.places)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_place)
        remove_row.addStretch(1)
        places_row.addLayout(remove_row)
        fields: tuple[tuple[str, QWidget], ...] = (
            ("&Date", self.date),
            ("&Activity", self.activity),
            ("&Individual or participatory", self.mode),
            ("&Minutes", self.minutes),
        )
        for label, field in fields:
            self._row(form, label, field)
        form.addWidget(self.estimate)
        self._row(form, "&Places", self.places, places_row)
        fields = (
            ("What I &learned", self.learned),
            ("How it will change my p&ractice", self.practice),
            ("S&tandard or code", self.standard),
            ("&Evidence reference", self.evidence),
        )
        for label, field in fields:
            self._row(form, label, field)
        inside = QWidget()
        inside.setLayout(form)
        self.form_area = QScrollArea()
        self.form_area.setWidget(inside)
        self.form_area.setWidgetResizable(True)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_area.setFrameShape(QScrollArea.Shape.NoFrame)
        name_scroll_bars(self.form_area, "the form")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_area, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.remove_place.clicked.connect(self._remove_place)
        self.places.currentRowChanged.connect(self._enable_remove)

    def _text_box(self) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)  # Tab leaves the box: the form works by keyboard alone
        box.setMinimumHeight(box.fontMetrics().lineSpacing() * 4)
        return box

    def _row(
        self,
        form: QVBoxLayout,
        text: str,
        field: QWidget,
        shown: QHBoxLayout | QVBoxLayout | None = None,
    ) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        label.setWordWrap(True)
        field.setAccessibleName(text.replace("&", ""))
        form.addSpacing(label.fontMetrics().lineSpacing() // 3)
        form.addWidget(label)
        if shown is None:
            form.addWidget(field)
        else:
            form.addLayout(shown)

    def _fill(self, details: CpdDetails, estimated: bool) -> None:
        self.date.setDate(QDate.fromString(details.date, "yyyy-MM-dd"))
        self.activity.setCurrentIndex(max(0, self.activity.findData(details.activity)))
        self.mode.setCurrentIndex(max(0, self.mode.findData(details.mode)))
        self.minutes.setValue(details.minutes)
        self.estimate.setVisible(estimated)
        if estimated:
            self.minutes.setAccessibleDescription(ESTIMATE)
        for address in details.places:
            item = QListWidgetItem(self.describe(address))
            item.setData(Qt.ItemDataRole.UserRole, address)
            item.setToolTip(address)
            self.places.addItem(item)
        if self.places.count():
            self.places.setCurrentRow(0)
        self._enable_remove()
        self.learned.setPlainText(details.learned)
        self.practice.setPlainText(details.practice)
        self.standard.setCurrentText(details.standard)
        self.evidence.setText(details.evidence)
        self._filled = self.details()

    def details(self) -> CpdDetails:
        """What the form says now (unchecked)."""
        return CpdDetails(
            date=self.date.date().toString("yyyy-MM-dd"),
            activity=str(self.activity.currentData()),
            places=tuple(
                str(self.places.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.places.count())
            ),
            minutes=self.minutes.value(),
            mode=str(self.mode.currentData()),
            learned=self.learned.toPlainText(),
            practice=self.practice.toPlainText(),
            standard=self.standard.currentText().strip(),
            evidence=self.evidence.text().strip(),
        )

    # --- saving ----------------------------------------------------------------------------------

    @Slot()
    def _save(self) -> None:
        if self.saving:
            return
        try:
            details = values.cpd_details(self.details())
        except values.BadValueError as problem:
            self._say(f"Not saved. {problem}.")
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.save_button.setText("Saving…")
        self.save_requested.emit(details)

    def saved(self) -> None:
        """The entry is committed: close."""
        self.saving = False
        self.done(QDialog.DialogCode.Accepted)

    def save_failed(self, why: str) -> None:
        """The entry could not be saved: stay open, every word kept, and say why."""
        self.saving = False
        self.save_button.setEnabled(True)
        self.save_button.setText("Save")
        self._say(f"Not saved: {why} Your words are still here; try Save again.")

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        announce(self.problem, message, assertive=True)

    # --- places ----------------------------------------------------------------------------------

    @Slot()
    def _remove_place(self) -> None:
        row = self.places.currentRow()
        if row >= 0:
            self.places.takeItem(row)
        self._enable_remove()

    @Slot()
    def _enable_remove(self) -> None:
        self.remove_place.setEnabled(self.places.currentRow() >= 0)

    # --- closing ---------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: ask first if words would be lost."""
        if self.saving or self.details() == self._filled:
            super().reject()
            return
        ask = QMessageBox(self)
        ask.setObjectName("discardCpd")
        ask.setIcon(QMessageBox.Icon.Question)
        ask.setWindowTitle("Discard changes")
        ask.setText("Close without saving this CPD entry? What you wrote here will be lost.")
        ask.setStandardButtons(QMessageBox.StandardButton.Cancel)
        discard = ask.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        ask.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ask.finished.connect(
            lambda _: (
                super(CpdEntryDialog, self).reject() if ask.clickedButton() is discard else None
            )
        )
        ask.finished.connect(ask.deleteLater)
        ask.open()
