"""The CPD log in the window: Record CPD (Ctrl+Shift+L) on a cell's page, prefilled with the
place, the studies the page lists, today and "reading" (and, if the reader has switched it on,
the minutes the page has been open in this visit); the CPD log to edit, delete and export
entries as PDF or CSV. In the Course menu, beside the Matrix Bites course, as both are the reader's
professional development (a menu of its own would not fit half a screen at 200 %).

Every change is written through the user database's thread (`UserLayer.write`): the window
never waits for the disk, and so is every export: a CSV, and a PDF (laid out and written there
too, as Qt allows for text documents and PDF writers outside the GUI thread with no widgets:
see `export.cpd_printout`). Reads (the log's entries) are quick and made here, as elsewhere."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from matrixdesk.page.note_places import GONE, STUDY, note_places, page_of

if TYPE_CHECKING:
    from matrixdesk.core.views import CellPage
    from matrixdesk.ui.cpd_entry_dialog import CpdEntryDialog
    from matrixdesk.ui.cpd_log_dialog import CpdLogDialog
    from matrixdesk.ui.settings import Settings
    from matrixdesk.ui.user_layer import UserLayer
    from matrixdesk.userdata.records import CpdDetails, CpdEntry
    from matrixdesk.userdata.store import UserData

CSV_FILTER = "CSV for a spreadsheet (*.csv)"
PDF_FILTER = "PDF: the log table and a reflective account an entry (*.pdf)"
FILTERS = {"csv": CSV_FILTER, "pdf": PDF_FILTER}


def prefilled_places(address: str, page: CellPage | None) -> tuple[str, ...]:
    """What Record CPD fills in as the places: the cell's page, the part of it being read (a
    Matrix Bite heading), then each study the page lists; every one by its long address."""
    cell = page_of(address) or address
    studies = [place.address for place in note_places(cell, page) if place.kind == STUDY]
    read = [address] if address != cell and address not in studies else []
    return tuple(dict.fromkeys([cell, *read, *studies]))


class CpdCommands(QObject):
    said = Signal(str)
    """A short message for the status bar and screen readers ("CPD entry saved.")."""

    def __init__(
        self,
        window: QMainWindow,
        layer: UserLayer,
        settings: Settings,
        title_of: Callable[[str], str],
        exists: Callable[[str], bool],
        shown_page: Callable[[], CellPage | None],
    ) -> None:
        """`title_of(address)` and `exists(address)`: a place's title, and whether this pack
        has it; `shown_page()`: the cell page on screen, if its content is in the pack."""
        super().__init__(window)
        self.window = window
        self.layer = layer
        self.settings = settings
        self.title_of = title_of
        self.exists = exists
        self.shown_page = shown_page
        self.address: str | None = None
        """The cell page (or a part of it) being read; None elsewhere."""
        self._visit: tuple[str, float] | None = None
        """The page being read and when it was shown (a monotonic clock's seconds)."""
        self.entry_dialog: CpdEntryDialog | None = None
        self.log_dialog: CpdLogDialog | None = None
        self.folder: str | None = None  # where the log was last exported
        self.record = QAction("&Record CPD…", window)
        self.record.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.record.setToolTip("Record continuing professional development from this page")
        self.log = QAction("CPD &log…", window)
        self.count_time = QAction("&Count reading time for CPD", window)
        self.count_time.setCheckable(True)
        self.count_time.setChecked(settings.cpd_counts_time)
        self.count_time.setToolTip(
            "Record CPD fills in the minutes the page has been open (an estimate)"
        )
        self.record.setEnabled(False)
        self.log.setEnabled(False)  # until the user database is open
        self.record.triggered.connect(self.record_here)
        self.log.triggered.connect(self.open_log)
        self.count_time.toggled.connect(self._count_time_toggled)
        layer.ready.connect(self._on_ready)

    def commands(self) -> list[QAction]:
        """The commands, in their menu's order."""
        return [self.record, self.log, self.count_time]

    def show_place(self, address: str | None) -> None:
        """The window shows `address`, a cell's page or a part of it (None: anything else). The
        clock for the reading time starts when another page is shown."""
        self.address = address
        page = page_of(address) if address else None
        if page is None:
            self._visit = None
        elif self._visit is None or self._visit[0] != page:
            self._visit = (page, time.monotonic())
        self.record.setEnabled(self.layer.data is not None and address is not None)

    def minutes_read(self) -> int | None:
        """Minutes the page has been open in this visit, if the reader counts them."""
        if not self.count_time.isChecked() or self._visit is None:
            return None
        return max(1, round((time.monotonic() - self._visit[1]) / 60))

    def describe(self, address: str) -> str:
        """A place in words: its title, or that this pack no longer has it, with its address."""
        if self.exists(address):
            return self.title_of(address)
        return f"({GONE}) {address}"

    @Slot()
    def _on_ready(self) -> None:
        self.log.setEnabled(True)
        self.show_place(self.address)

    @Slot(bool)
    def _count_time_toggled(self, on: bool) -> None:
        self.settings.cpd_counts_time = on

    # --- recording and editing -------------------------------------------------------------------

    @Slot()
    def record_here(self) -> None:
        """Record CPD: an entry on the page shown, with its place and studies."""
        address = self.address
        if address is None or self.layer.data is None:
            return
        minutes = self.minutes_read()
        places = prefilled_places(address, self.shown_page())
        self._open_entry(_today(places, minutes or 0), None, estimated=minutes is not None)

    @Slot()
    def record_new(self) -> None:
        """New entry, from the log: training, supervision or a meeting, with no page to start
        from; the reader says what it was."""
        self._open_entry(_today((), 0), None, estimated=False)

    def edit(self, entry: CpdEntry) -> None:
        self._open_entry(entry.details, entry.id, estimated=False)

    def _open_entry(self, details: CpdDetails, entry_id: str | None, estimated: bool) -> None:
        from matrixdesk.ui.cpd_entry_dialog import CpdEntryDialog

        parent = self.log_dialog if self.log_dialog and self.log_dialog.isVisible() else None
        dialog = CpdEntryDialog(
            details, self.describe, parent or self.window, entry_id is not None, estimated
        )
        dialog.save_requested.connect(lambda checked: self._save(dialog, entry_id, checked))
        dialog.finished.connect(dialog.deleteLater)
        self.entry_dialog = dialog
        dialog.open()

    def _save(self, dialog: CpdEntryDialog, entry_id: str | None, details: CpdDetails) -> None:
        def save(data: UserData) -> CpdEntry | None:
            if entry_id is None:
                return data.add_cpd(details)
            # Deleted meanwhile (another window, an import): kept as a new entry, not lost.
            return data.edit_cpd(entry_id, details) or data.add_cpd(details)

        def then(_entry: object) -> None:
            dialog.saved()
            self._refresh_log()
            self.said.emit("CPD entry saved.")

        self.layer.write(save, then, dialog.save_failed)

    # --- the log ---------------------------------------------------------------------------------

    @Slot()
    def open_log(self) -> None:
        from matrixdesk.ui.cpd_log_dialog import CpdLogDialog

        if self.layer.data is None:
            return
        if self.log_dialog is None:
            self.log_dialog = CpdLogDialog(self.describe, self.window)
            self.log_dialog.new_requested.connect(self.record_new)
            self.log_dialog.edit_requested.connect(self.edit)
            self.log_dialog.delete_requested.connect(self._ask_to_delete)
            self.log_dialog.export_requested.connect(self._ask_export)
        self._refresh_log()
        self.log_dialog.open()

    def _refresh_log(self) -> None:
        if self.log_dialog is not None and self.layer.data is not None:
            self.log_dialog.show_entries(self.layer.data.cpd_entries())

    @Slot(object)
    def _ask_to_delete(self, entry: CpdEntry) -> None:
        from matrixdesk.userdata.records import ACTIVITY_WORDS

        details = entry.details
        ask = QMessageBox(self.log_dialog or self.window)
        ask.setObjectName("deleteCpd")
        ask.setIcon(QMessageBox.Icon.Question)
        ask.setWindowTitle("Delete CPD entry")
        ask.setText(
            f"Delete the CPD entry of {details.date} ({ACTIVITY_WORDS[details.activity]}, "
            f"{details.minutes} min)? It cannot be brought back."
        )
        ask.setStandardButtons(QMessageBox.StandardButton.Cancel)
        chosen = ask.addButton("Delete entry", QMessageBox.ButtonRole.DestructiveRole)
        ask.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ask.finished.connect(
            lambda _: self._delete(entry) if ask.clickedButton() is chosen else None
        )
        ask.finished.connect(ask.deleteLater)
        ask.open()

    def _delete(self, entry: CpdEntry) -> None:
        def then(_gone: object) -> None:
            self._refresh_log()
            self.said.emit("CPD entry deleted.")

        self.layer.write(lambda data: data.delete_cpd(entry.id), then)

    @Slot(object, str)
    def _ask_export(self, entries: Sequence[CpdEntry], format_name: str) -> None:
        if self.folder is None:  # the reader's documents, then wherever they saved last
            self.folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        chosen, _ = QFileDialog.getSaveFileName(
            self.log_dialog or self.window,
            "Export the CPD log",
            str(Path(self.folder) / f"cpd-log.{format_name}"),
            FILTERS[format_name],
        )
        if chosen:
            file = Path(chosen)
            self.folder = str(file.parent)
            self.export(
                list(entries),
                format_name,
                file if file.suffix else file.with_suffix(f".{format_name}"),
            )

    def export(self, entries: Sequence[CpdEntry], format_name: str, file: Path) -> None:
        """Write `entries` to `file` as `format_name` ("pdf" or "csv") on the user database's
        thread (the window never waits for the layout or a slow disk), with each place as the
        window says it."""
        from matrixdesk.cpd_export import write

        if format_name == "pdf":
            from matrixdesk.export.paged import load_fonts

            load_fonts()  # here: the application's fonts are added on the GUI thread
        places = {address for entry in entries for address in entry.details.places}
        titles = {address: self.describe(address) for address in places}
        count = len(entries)
        self.layer.write(
            lambda _data: write(format_name, entries, file, titles),
            lambda _count: self.said.emit(
                f"Exported {count} CPD {'entry' if count == 1 else 'entries'} to {file}."
            ),
        )


def _today(places: tuple[str, ...], minutes: int) -> CpdDetails:
    """A new entry's details: today, reading, individual, the words left to the reader."""
    from matrixdesk.userdata.records import CpdDetails

    return CpdDetails(
        date=date.today().isoformat(),
        activity="reading",
        places=places,
        minutes=minutes,
        mode="individual",
        learned="",
        practice="",
        standard="",
        evidence="",
    )
