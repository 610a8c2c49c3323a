"""File > Print… (Ctrl+P, with a preview), Export PDF… and Discussion pack (PDF)… for the page
on screen. The printouts themselves come from `matrixdesk.export`; this is the window's side:
the options dialog, the preview, where to save, and what to say.

QtPrintSupport (the preview and printers) is loaded only when the reader prints, not at start:
the first paint must not wait for it. A PDF needs only QtGui (QPdfWriter). The printouts
(`matrixdesk.export`, `page.handout`, `page.place_page`) and the options dialog are imported on
first use too: at start they cost 18 ms before the first paint."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from matrixdesk.core.addresses import Place
from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.core.views import PackSummary

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from matrixdesk.export.paged import PagedDocument
    from matrixdesk.page.handout import NoteLine
    from matrixdesk.page.place_page import CellAt, OtherPage
    from matrixdesk.ui.page_view import PageView
    from matrixdesk.ui.print_options import PrintOptions
    from matrixdesk.userdata.store import UserData

PDF_FILTER = "PDF files (*.pdf)"


class PrintCommands(QObject):
    said = Signal(str)
    """A short message for the status bar and screen readers."""
    preview_opened = Signal(object)
    """The QPrintPreviewDialog just opened (for whoever needs to reach it: tests)."""

    def __init__(
        self,
        window: QMainWindow,
        pack: PackSummary,
        shown: Callable[[], CellAt | OtherPage | None],
        my_notes: Callable[[CellAt], list[NoteLine] | None],
    ) -> None:
        """`shown()`: the page on screen as the reader has it (folds, filter), or None (home,
        search); `my_notes(cell)`: the reader's notes on the cell, None before the user
        database is open."""
        super().__init__(window)
        self.window = window
        self.pack = pack
        self.shown = shown
        self.my_notes = my_notes
        self._paper: str | None = None  # the locale's, until the reader chooses
        self.folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.options: PrintOptions | None = None
        self.preview: QPrintPreviewDialog | None = None
        self.print_ = QAction("&Print…", window)
        self.print_.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
        self.print_.setToolTip("Print this page, after a preview (Ctrl+P)")
        self.export_pdf = QAction("Export P&DF…", window)
        self.export_pdf.setToolTip("Save this page as a PDF file")
        self.handout = QAction("Discussion pac&k (PDF)…", window)
        self.handout.setToolTip(
            "A PDF for a team discussion of this cell: its studies, the Matrix Bite's questions "
            "with space to write, and a discussion record sheet"
        )
        self.print_.triggered.connect(self.ask_print)
        self.export_pdf.triggered.connect(self.ask_export)
        self.handout.triggered.connect(self.ask_handout)
        self.page_shown(False, False)

        self.commands = [self.print_, self.export_pdf, self.handout]
        """In menu order."""

    @property
    def paper(self) -> str:
        if self._paper is None:
            from matrixdesk.export.paged import default_paper

            self._paper = default_paper()
        return self._paper

    @paper.setter
    def paper(self, chosen: str) -> None:
        self._paper = chosen

    def page_shown(self, page: bool, cell: bool) -> None:
        """Enable what fits what is on screen: `page`, a page (not home or search results);
        `cell`, a cell page the pack holds, which has a discussion pack."""
        self.print_.setEnabled(page)
        self.export_pdf.setEnabled(page)
        self.handout.setEnabled(cell)

    # --- the options, then the work -----------------------------------------------------------

    def _ask(
        self,
        title: str,
        go: str,
        then: Callable[[PrintOptions, CellAt | OtherPage], None],
        handout: bool = False,
    ) -> None:
        from matrixdesk.page.place_page import CellAt
        from matrixdesk.ui.print_options import PrintOptions

        shown = self.shown()
        if shown is None or (handout and not isinstance(shown, CellAt)):
            return
        notes = bool(self.my_notes(shown)) if handout and isinstance(shown, CellAt) else None
        scopes = isinstance(shown, CellAt) and not handout
        dialog = PrintOptions(self.window, title, go, self.paper, scopes, notes)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: then(dialog, shown))
        dialog.finished.connect(lambda _result: setattr(self, "options", None))
        self.options = dialog
        dialog.open()  # window-modal, without a nested event loop

    @Slot()
    def ask_print(self) -> None:
        self._ask("Print", "&Preview…", self._preview)

    @Slot()
    def ask_export(self) -> None:
        self._ask("Export PDF", "&Save PDF…", self._save_page)

    @Slot()
    def ask_handout(self) -> None:
        self._ask("Discussion pack (PDF)", "&Save PDF…", self._save_handout, handout=True)

    def _document(self, options: PrintOptions, shown: CellAt | OtherPage) -> PagedDocument:
        from matrixdesk.export.printouts import cell_printout, other_printout
        from matrixdesk.page.place_page import OtherPage

        self.paper = options.chosen_paper()
        if isinstance(shown, OtherPage):
            return other_printout(shown, self.pack)
        return cell_printout(shown, options.scope(), self.pack)

    def _preview(self, options: PrintOptions, shown: CellAt | OtherPage) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from matrixdesk.export.paged import page_layout

        document = self._document(options, shown)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.paper))
        printer.setDocName(document.title)
        preview = QPrintPreviewDialog(printer, self.window)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.setWindowTitle(f"Print preview: {document.title}")
        # Through a lambda: PySide cannot call a slotted dataclass's method as a slot.
        preview.paintRequested.connect(lambda printer: document.paint(printer))
        preview.finished.connect(lambda _result: setattr(self, "preview", None))
        preview.setProperty("printer", printer)  # kept alive as long as the preview
        self.preview = preview
        preview.open()
        self.preview_opened.emit(preview)

    def _save_page(self, options: PrintOptions, shown: CellAt | OtherPage) -> None:
        document = self._document(options, shown)
        self._save(document, _file_name(document.title))

    def _save_handout(self, options: PrintOptions, shown: CellAt | OtherPage) -> None:
        from matrixdesk.page.place_page import CellAt

        if not isinstance(shown, CellAt):
            return
        self.paper = options.chosen_paper()
        from matrixdesk.export.printouts import handout_printout

        notes = self.my_notes(shown) if options.with_notes() else None
        document = handout_printout(shown, self.pack, notes)
        self._save(document, _file_name(document.title))

    def _save(self, document: PagedDocument, name: str) -> None:
        from matrixdesk.export.paged import ExportError

        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save PDF", str(Path(self.folder) / name), PDF_FILTER
        )
        if not chosen:
            return
        out = Path(chosen)
        if not out.suffix:
            out = out.with_suffix(".pdf")
        self.folder = str(out.parent)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = document.write_pdf(out, self.paper)
        except ExportError as error:
            QGuiApplication.restoreOverrideCursor()
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "PDF not saved",
                f"{error.problem}\n\n{error.advice}",
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)  # a path is words, never markup
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        QGuiApplication.restoreOverrideCursor()
        self.said.emit(f"Saved {out.name} ({pages} page{'s' if pages != 1 else ''}).")


def shown_page(
    store: ContentStore, place: Place | None, view: PageView | None
) -> CellAt | OtherPage | None:
    """The page on screen (`view`, None when no page is) at `place`, as the reader has it."""
    from matrixdesk.page.place_page import CellAt, OtherPage, page_at

    if view is None or place is None:
        return None
    if view.page is not None and view.context is not None:
        return CellAt(view.page, view.context, view.state)
    try:
        found = page_at(store, place)
    except PackError:
        return None
    return found if isinstance(found, OtherPage) else None


def notes_on(data: UserData | None, cell: CellAt) -> list[NoteLine] | None:
    """The reader's notes on `cell`, in page order; None before the user database is open."""
    if data is None:
        return None
    from matrixdesk.page.handout import note_lines

    found = data.notes_at(str(cell.page.summary.address), parts=True)
    return note_lines(cell.page, [(note.address, note.text) for note in found])


def _file_name(title: str) -> str:
    """A file name from a printout's title: no characters a file system refuses."""
    # "Discussion pack: B5 …" -> "Discussion pack - B5 …", a colon's space kept on both sides.
    return re.sub(r'\s*[\\/:*?"<>|]+\s*', " - ", title).strip(" .-") + ".pdf"
