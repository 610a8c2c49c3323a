"""The CPD log: every entry, the newest first, as a table (date, activity, minutes, places), with
the total time of the entries shown; Edit, Delete (after asking) and Export, as PDF (for a
regulator: the log table and a reflective account an entry) or CSV, of all entries or the
selected ones. A place the pack no longer has is said to be so, with its address.

The dialog shows and asks; the CPD commands (`ui.cpd`) do the writing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.ui.accessible_names import name_scroll_bars
from matrixdesk.ui.app_zoom import zoomed_size
from matrixdesk.userdata.records import ACTIVITY_WORDS, CpdEntry, hours_and_minutes

COLUMNS: Final = ("Date", "Activity", "Time", "Places")  # time as said: "45 min", "6 h"
EMPTY: Final = (
    "No CPD entries yet. Open a cell's page and choose Course > Record CPD (Ctrl+Shift+L), or "
    "record training, supervision or a team discussion here with New entry."
)


def entries_said(entries: Sequence[CpdEntry]) -> str:
    """E.g. "3 entries, 2 h 45 min in all"."""
    count = len(entries)
    total = hours_and_minutes(sum(entry.details.minutes for entry in entries))
    return f"{count} {'entry' if count == 1 else 'entries'}, {total} in all"


class CpdLogDialog(QDialog):
    new_requested = Signal()
    """The reader asked for a new entry, not from a page (training, supervision, a meeting)."""
    edit_requested = Signal(object)
    """The CpdEntry the reader chose to edit."""
    delete_requested = Signal(object)
    """The CpdEntry the reader chose to delete (not yet confirmed)."""
    export_requested = Signal(object, str)
    """(the CpdEntry list, the newest first; the format, "pdf" or "csv") the reader chose to
    export."""

    def __init__(self, describe: Callable[[str], str], parent: QWidget) -> None:
        """`describe(address)`: a place in words (its title, or that the pack no longer has
        it, with its address)."""
        super().__init__(parent)
        self.setObjectName("cpdLogDialog")
        self.setWindowTitle("CPD log")
        self.describe = describe
        self.entries: list[CpdEntry] = []
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("CPD entries, the newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        name_scroll_bars(self.table, "the CPD entries")
        self.total = QLabel()
        self.total.setObjectName("cpdTotal")
        self.total.setWordWrap(True)
        self.new_button = QPushButton("&New entry…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete…")
        self.export_button = QPushButton("E&xport…")
        self.export_menu = QMenu(self.export_button)
        self.export_all = self.export_menu.addAction("&All entries as PDF…")
        self.export_selected = self.export_menu.addAction("&Selected entries as PDF…")
        self.export_menu.addSeparator()
        self.export_all_csv = self.export_menu.addAction("All entries as &CSV…")
        self.export_selected_csv = self.export_menu.addAction("S&elected entries as CSV…")
        self.export_button.setMenu(self.export_menu)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.new_button, self.edit_button, self.delete_button, self.export_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.buttons)
        self._connect()
        self.resize(zoomed_size(720, 480, self))

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.close)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.table.itemActivated.connect(self._edit)
        self.table.itemSelectionChanged.connect(self._enable)
        for action, chosen, format_name in (
            (self.export_all, self._all, "pdf"),
            (self.export_selected, self.selected, "pdf"),
            (self.export_all_csv, self._all, "csv"),
            (self.export_selected_csv, self.selected, "csv"),
        ):
            action.triggered.connect(
                lambda _=False, c=chosen, f=format_name: self.export_requested.emit(c(), f)
            )

    def show_entries(self, entries: Sequence[CpdEntry]) -> None:
        """List `entries` (the newest first), keeping the reader's place in the table."""
        row = self.table.currentRow()
        self.entries = list(entries)
        self.table.setRowCount(len(self.entries))
        for number, entry in enumerate(self.entries):
            details = entry.details
            titles = [self.describe(address) for address in details.places]
            # The first place, and how many more: a row stays a few lines high; all of them
            # are its tooltip and what a screen reader reads.
            more = f"\nand {len(titles) - 1} more" if len(titles) > 1 else ""
            cells = (
                details.date,
                ACTIVITY_WORDS[details.activity].capitalize(),
                hours_and_minutes(details.minutes),
                titles[0] + more if titles else "(no places)",
            )
            whole = "\n".join(titles) or "(no places)"
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                said = whole if column == len(cells) - 1 else text
                item.setToolTip(said)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, said)
                self.table.setItem(number, column, item)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))
        self.total.setText(f"Shown: {entries_said(self.entries)}.")
        if self.entries:
            self.table.selectRow(min(max(row, 0), len(self.entries) - 1))
        self._enable()

    def chosen(self) -> CpdEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _all(self) -> list[CpdEntry]:
        return list(self.entries)

    def selected(self) -> list[CpdEntry]:
        """The selected entries, in the table's order (the newest first)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[row] for row in rows if row < len(self.entries)]

    @Slot()
    def _enable(self) -> None:
        some = bool(self.selected())
        self.edit_button.setEnabled(some)
        self.delete_button.setEnabled(some)
        self.export_button.setEnabled(bool(self.entries))
        self.export_selected.setEnabled(some)
        self.export_selected_csv.setEnabled(some)

    @Slot()
    def _edit(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.edit_requested.emit(chosen)

    @Slot()
    def _delete(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.delete_requested.emit(chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete:  # asks first, as the button does
            self._delete()
            return
        super().keyPressEvent(event)
