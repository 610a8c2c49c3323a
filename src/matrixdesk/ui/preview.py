"""`matrixdesk preview DIR`: the reader on a scratch pack built from a content folder, rebuilt
and reloaded whenever a source file is saved.

The reader opens packs read-only and immutable, so a rebuild never touches the pack on screen:
each build writes a new file in a scratch folder (never in DIR), and a good one replaces the
window with one on the new pack, at the same place (the window keeps its place in the preview's
own settings, as at a restart). A build with errors keeps the last good pack on screen and says
what is wrong, each problem with its file and line. Builds run on a thread of their own.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.ui.launch import application, open_window, report_pack_error
from matrixdesk.ui.main_window import APP_NAME, MainWindow
from matrixdesk.ui.settings import Settings

DEBOUNCE_MS = 300  # an editor's save is often several writes (or a write and a rename)
_SHOWN_PROBLEMS = 40


class BuildProblem(Protocol):
    """A problem a build reports: shown as `str()` ("file:line: message")."""

    warning: bool


Build = Callable[[Path, Path], Sequence[BuildProblem]]
"""Builds the content folder (first) into a new pack file (second), returning its problems."""


class Preview(QObject):
    """Watches a content folder, rebuilds it into `scratch` and keeps a window on the newest
    good build."""

    reloaded = Signal(object)
    """MainWindow: the new window, on the pack just built, showing the place the old one did."""
    failed = Signal(list)
    """list[str]: the errors (then warnings) of a build that could not be shown."""
    closed = Signal()
    """The reader closed the preview's window."""
    _built = Signal(object, list)
    """(Path, list): a build finished, its pack file and problems (from the build's thread)."""

    def __init__(
        self, source_dir: Path, build: Build, scratch: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.source_dir = source_dir
        self.scratch = scratch
        self.settings = Settings(scratch / "settings")
        self.window: MainWindow | None = None
        self.problems_box: QMessageBox | None = None
        self._build = build
        self._store: ContentStore | None = None
        self._pack: Path | None = None
        self._number = 0
        self._building = False
        self._again = False
        self._swapping = False
        self._stopped = False
        self._watcher = QFileSystemWatcher(self)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._watcher.fileChanged.connect(self._source_changed)
        self._watcher.directoryChanged.connect(self._source_changed)
        self._debounce.timeout.connect(self._start_build)
        self._built.connect(self._on_built)

    def start(self, open_address: str | None = None) -> list[str]:
        """Build once, here, and open the window on it; the errors if there is nothing to show
        (then no window opens)."""
        self._watch()
        out = self._next_pack()
        problems = list(self._build(self.source_dir, out))
        if _errors(problems):
            return [str(p) for p in _sorted(problems)]
        self._show(out, open_address)
        return []

    def stop(self) -> None:
        """Close the window and its pack; builds still running are left to finish unseen."""
        self._stopped = True
        self._debounce.stop()
        self._watcher.blockSignals(True)
        if self.problems_box is not None:
            self.problems_box.close()
        if self.window is not None:
            self._swapping = True
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def _next_pack(self) -> Path:
        self._number += 1
        return self.scratch / f"preview-{self._number:04d}.sqlite"

    def _watch(self) -> None:
        """Watch every folder and source file: editors that save by renaming replace the file
        watched, so after each change the new ones are watched again."""
        wanted = {str(self.source_dir)}
        for path in self.source_dir.rglob("*"):
            if path.is_dir() or path.suffix in (".md", ".toml"):
                wanted.add(str(path))
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        if new := sorted(wanted - watched):
            self._watcher.addPaths(new)

    @Slot(str)
    def _source_changed(self, _path: str) -> None:
        self._debounce.start()

    @Slot()
    def _start_build(self) -> None:
        self._watch()
        if self._building:
            self._again = True
            return
        self._building = True
        out = self._next_pack()
        threading.Thread(target=self._build_off_thread, args=(out,), daemon=True).start()

    def _build_off_thread(self, out: Path) -> None:
        try:
            problems = list(self._build(self.source_dir, out))
        except Exception as error:  # a defect in the build: shown to the editor, not a traceback
            problems = [_Failure(f"{self.source_dir}: the build failed: {error!r}")]
        self._built.emit(out, problems)

    @Slot(object, list)
    def _on_built(self, out: Path, problems: list[BuildProblem]) -> None:
        self._building = False
        if self._stopped:
            out.unlink(missing_ok=True)
            return
        if _errors(problems):
            self._say_problems([str(p) for p in _sorted(problems)])
        else:
            self._show(out, None)
        if self._again:
            self._again = False
            self._start_build()

    def _show(self, pack: Path, open_address: str | None) -> None:
        """Replace the window with one on `pack`, where the old one was."""
        try:
            store = ContentStore.open(pack)
        except PackError as error:
            self._say_problems([f"{error.path}: {error.problem}"])
            return
        old, old_store, old_pack = self.window, self._store, self._pack
        if old is not None:
            self._swapping = True
            old.close()  # keeps its place, geometry and zoom in the preview's settings
            self._swapping = False
        try:
            window = open_window(store, self.settings, open_address, pack_chosen=True)
        except Exception:
            store.close()
            raise
        window.pack_failed.connect(lambda error: report_pack_error(error, True, window))
        window.installEventFilter(self)
        window.show()
        self.window, self._store, self._pack = window, store, pack
        if old is not None:
            old.deleteLater()
        if old_store is not None:
            old_store.close()
        if old_pack is not None:
            old_pack.unlink(missing_ok=True)
        if self.problems_box is not None:
            self.problems_box.close()
            self.problems_box = None
        self.reloaded.emit(window)

    def _say_problems(self, problems: list[str]) -> None:
        if self.problems_box is not None:
            self.problems_box.close()
        shown = problems[:_SHOWN_PROBLEMS]
        if len(problems) > len(shown):
            shown.append(f"… and {len(problems) - len(shown)} more: matrixdesk check")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_NAME,
            "The sources have problems, so the preview still shows the last good build. Save "
            "again when they are put right.",
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the messages quote the sources
        box.setInformativeText("\n".join(shown))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.problems_box = box
        box.destroyed.connect(self._forget_box)
        self.failed.emit(problems)

    @Slot()
    def _forget_box(self) -> None:
        self.problems_box = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close and not self._swapping:
            self.closed.emit()
        return False


class _Failure:
    """A build that raised: shown like a problem."""

    warning = False

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return self.message


def _errors(problems: Sequence[BuildProblem]) -> list[BuildProblem]:
    return [problem for problem in problems if not problem.warning]


def _sorted(problems: Sequence[BuildProblem]) -> list[BuildProblem]:
    """Errors first, then warnings, each in the order the build gave."""
    return [*_errors(problems), *(problem for problem in problems if problem.warning)]


def run_preview(source_dir: Path, build: Build, scratch: Path, open_address: str | None) -> int:
    """Show the preview until its window is closed; 1 if the first build has errors."""
    app = application()
    preview = Preview(source_dir, build, scratch)
    problems = preview.start(open_address)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print("matrixdesk preview: the sources have problems; nothing to show.", file=sys.stderr)
        return 1
    # The window is replaced at each rebuild: the preview, not the last window, ends the app.
    app.setQuitOnLastWindowClosed(False)
    preview.closed.connect(app.quit)
    code = app.exec()
    preview.stop()
    QApplication.processEvents()
    return code
