"""Pack editions in the window: File > Install content pack…, the bar that offers a newer
edition when one appears, and Help > What's new in this pack.

A window keeps reading the edition it opened. When a newer one is installed (from this window,
another, or by IT), the window notices at a convenient moment, when it is activated or the home
grid is shown, by comparing the packs folders' modification times (two `stat`s; no thread, no
polling), and offers to switch: a bar, not a dialog. Switching opens a window on the new edition
at the same place and closes this one (`switch_requested`; the launcher does it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from matrixdesk.core.edition import Edition, parse_edition
from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.editions.choose import candidates, choose, folder_stamp
from matrixdesk.editions.places import Places
from matrixdesk.ui.announce import announce

PACK_FILTER = "MatrixDesk content packs (*.sqlite);;All files (*)"
APP_NAME = "MatrixDesk"


class EditionBar(QToolBar):
    """ "Edition … is installed. [Switch now] [Later]": below the page, until answered."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("New content pack edition", parent)
        self.setObjectName("editionBar")
        self.setMovable(False)
        self.toggleViewAction().setVisible(False)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the edition comes from a pack
        self.text.setWordWrap(True)
        self.switch = QPushButton("Switch now")
        self.later = QPushButton("Later")
        # One widget across the bar: the words take the room the buttons leave, and wrap.
        row = QWidget()
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.later, 0, Qt.AlignmentFlag.AlignVCenter)
        self.addWidget(row)
        self.later.clicked.connect(self.hide)
        self.hide()


class PackEditions(QObject):
    switch_requested = Signal(object)
    """Path of the newer edition's pack: the reader asked to switch to it."""

    def __init__(
        self,
        window: QMainWindow,
        store: ContentStore,
        where: Places,
        previous: Path | None = None,
    ) -> None:
        """`previous`: the pack this window's edition replaced, when it was switched to."""
        super().__init__(window)
        self.window = window
        self.store = store
        self.where = where
        self.previous = previous
        self.edition = parse_edition(store.summary().edition)
        self._stamp = folder_stamp(where)
        self._offered: Path | None = None
        self.result_box: QMessageBox | None = None
        self.whats_new_dialog: QDialog | None = None
        self.install_action = QAction("&Install content pack…", window)
        self.install_action.setStatusTip("Install a newer edition of the content pack from a file")
        self.whats_new = QAction("&What's new in this pack", window)
        self._bar: EditionBar | None = None  # made when first needed, off the first paint
        self.install_action.triggered.connect(self.ask_install)
        self.whats_new.triggered.connect(self.show_whats_new)
        window.installEventFilter(self)

    @property
    def bar(self) -> EditionBar:
        if self._bar is None:
            self._bar = EditionBar(self.window)
            self.window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self._bar)
            self._bar.switch.clicked.connect(self._switch)
        return self._bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.WindowActivate:
            self.look_for_newer()
        return False

    @Slot()
    def look_for_newer(self, now: bool = False) -> None:
        """Offer a newer edition if one was installed since the last look (`now`: look even if
        the folders seem unchanged, as after installing one from this window)."""
        stamp = folder_stamp(self.where)
        if stamp == self._stamp and not now:
            return
        self._stamp = stamp
        chosen = choose(self.where, newer_than=self.edition)
        if chosen.store is None:
            return
        edition = chosen.store.summary().edition
        chosen.store.close()
        if chosen.path == self._offered and self._bar is not None and self._bar.isVisible():
            return
        self._offered = chosen.path
        self.bar.text.setText(
            f"Edition {edition} of the content pack is installed; this window shows edition "
            f"{self.store.summary().edition}."
        )
        self.bar.show()
        announce(self.window, self.bar.text.text())

    @Slot()
    def _switch(self) -> None:
        self.bar.hide()
        if self._offered is not None:
            self.switch_requested.emit(self._offered)

    # --- installing ---------------------------------------------------------------------------

    @Slot()
    def ask_install(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Install content pack", "", PACK_FILTER)
        if path:
            self.install_file(Path(path))

    def install_file(self, path: Path, allow: bool = False) -> None:
        from matrixdesk.editions.install import InstallError, NotTrustedError, install

        try:
            done = install(path, self.where, allow=allow)
        except NotTrustedError as error:
            self._ask_allowance(path, error.problem)
            return
        except InstallError as error:
            self._result(
                QMessageBox.Icon.Critical, "The content pack was not installed", str(error)
            )
            return
        edition = done.checked.edition
        self._result(
            QMessageBox.Icon.Information,
            f"Edition {edition} of the content pack is installed",
            f"{done.checked.title}, edition {edition}, {done.checked.origin.describe()}.\n\n"
            f"It is kept in {done.path.parent}. MatrixDesk uses the newest edition it has; "
            "this window goes on showing the edition it opened until you switch.",
        )
        self.look_for_newer(now=True)

    def _ask_allowance(self, path: Path, problem: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_NAME,
            "Install a pack whose origin cannot be checked?",
            parent=self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            f"{problem}\n\nAnyone could have made or changed it. Install it only if you know "
            f"where it comes from.\n\n{path}"
        )
        anyway = box.addButton("Install anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _: self._allowance_answered(box.clickedButton() is anyway, path)
        )
        self.result_box = box
        box.open()

    def _allowance_answered(self, allowed: bool, path: Path) -> None:
        if allowed:
            self.install_file(path, allow=True)

    def _result(self, icon: QMessageBox.Icon, text: str, details: str) -> None:
        box = QMessageBox(icon, APP_NAME, text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote file names and pack words
        box.setInformativeText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_box = box
        box.open()

    # --- what's new ---------------------------------------------------------------------------

    @Slot()
    def show_whats_new(self) -> None:
        from matrixdesk.editions.diff import changes_text

        older = self.previous or self._older_edition()
        if older is None:
            text = "There is no earlier edition of the pack on this computer to compare with."
        else:
            try:
                before = ContentStore.open(older)
            except PackError as error:
                text = f"The earlier edition cannot be read: {error.problem}"
            else:
                try:
                    text = changes_text(before, self.store)
                except PackError as error:
                    text = f"The changes cannot be listed: {error.problem}"
                finally:
                    before.close()
        dialog = QDialog(self.window)
        dialog.setWindowTitle("What's new in this pack")
        view = QPlainTextEdit(text)  # plain text: pack words are never markup
        view.setReadOnly(True)
        view.setAccessibleName("Changes from the earlier edition")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(640, 420)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.whats_new_dialog = dialog
        dialog.open()

    def _older_edition(self) -> Path | None:
        """The newest edition here older than this window's, to compare with."""
        mine: Edition | None = self.edition
        for candidate in candidates(self.where):
            if mine is not None and candidate.edition is not None and candidate.edition < mine:
                return candidate.path
        return None
