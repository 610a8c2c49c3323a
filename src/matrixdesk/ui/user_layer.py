"""The reader's own layer (bookmarks, notes, course progress, history) as the window uses it.

The user database is opened on a thread of its own once the window has painted: loading
SQLAlchemy alone takes about 200 ms, twenty times what the first paint can spare. Every change
is written on that thread too, one after another in the order asked: each is synced to disk
before it is acknowledged, which on a slow disk takes longer than a frame, and the window must
never wait for it. What the window shows as saved is what has come back acknowledged.

Reads are quick (the database is in WAL mode, so a reader never waits for a writer) and are
made on the UI thread, through `data`, once `ready` has been emitted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

if TYPE_CHECKING:
    from matrixdesk.userdata.store import UserData

Change = Callable[["UserData"], Any]
"""A change to make: called with the open database, on the writing thread; what it returns is
passed to the change's `then`, on the UI thread."""


class _Writer(QObject):
    opened = Signal(object)
    """The open UserData."""
    failed = Signal(str)
    """Why there can be no user database (in words, with what to do)."""
    done = Signal(int, object)
    """(change number, what the change returned): committed."""
    refused = Signal(int, str)
    """(change number, why): nothing was written."""

    def __init__(self) -> None:
        super().__init__()
        self.data: UserData | None = None

    @Slot(object)
    def open(self, config_dir: Path | None) -> None:
        # Here, not on the UI thread: finding the file loads the database's modules too.
        from matrixdesk.userdata.errors import UserDataError
        from matrixdesk.userdata.location import user_data_path
        from matrixdesk.userdata.store import UserData

        try:
            self.data = UserData.open(user_data_path(config_dir))
        except UserDataError as error:
            self.failed.emit(f"{error.problem} {error.advice}")
            return
        self.opened.emit(self.data)

    @Slot(int, object)
    def write(self, number: int, change: Change) -> None:
        from matrixdesk.userdata.errors import UserDataError
        from matrixdesk.userdata.exchange import ExchangeError
        from matrixdesk.userdata.files import FileWriteError

        if self.data is None:
            return  # no user database this time: the reader was told once, as it failed
        try:
            result = change(self.data)
        except UserDataError as error:
            self.refused.emit(number, f"{error.problem} {error.advice}")
            return
        except ExchangeError as error:  # an export or import file: nothing was changed
            self.refused.emit(number, f"{error}. Nothing was changed.")
            return
        except FileWriteError as error:  # a file asked for (a CPD log): nothing was written
            self.refused.emit(number, f"{error}. Nothing was written.")
            return
        self.done.emit(number, result)

    @Slot()
    def finish(self) -> None:
        """Queued behind every change asked for: end the thread once they are written."""
        self.thread().quit()

    def close(self) -> None:
        """On the writing thread as it finishes: the last connection folds the WAL file in."""
        if self.data is not None:
            self.data.close()


class UserLayer(QObject):
    ready = Signal()
    """The user database is open: `data` may be read."""
    set_aside = Signal(str)
    """A user database that could not be used was moved aside (the message names its new
    name); a new one is in use."""
    unavailable = Signal(str)
    """There is no user database this time (why, and what to do): the reader still reads."""
    refused = Signal(str)
    """A change could not be saved (why, and what to do)."""
    saved = Signal()
    """A change is committed (and so is every change asked for before it)."""
    _open = Signal(object)
    _write = Signal(int, object)
    _finish = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data: UserData | None = None
        self._thread = QThread()
        self._thread.setObjectName("userdata")
        self._writer = _Writer()
        self._writer.moveToThread(self._thread)
        self._open.connect(self._writer.open)
        self._write.connect(self._writer.write)
        self._finish.connect(self._writer.finish)
        self._thread.finished.connect(self._writer.close, Qt.ConnectionType.DirectConnection)
        self._writer.opened.connect(self._on_opened)
        self._writer.failed.connect(self.unavailable)
        self._writer.done.connect(self._on_done)
        self._writer.refused.connect(self._on_refused)
        app = QCoreApplication.instance()
        if app is not None:  # a thread made before the application would never be stopped
            app.aboutToQuit.connect(self.stop)
        self._number = 0
        self._then: dict[int, Callable[[Any], None]] = {}
        self._failed: dict[int, Callable[[str], None]] = {}
        self._waiting: list[tuple[int, Change]] | None = []
        """Changes asked for before `open`: sent after it (None once opened)."""

    def open(self, config_dir: Path | None) -> None:
        """Open (or make) the user database, off the UI thread: in `config_dir` if a folder was
        chosen for settings (--config-dir), else where the app chooses (see userdata.location)."""
        if not self._thread.isRunning():
            self._thread.start()
        self._open.emit(config_dir)
        waiting, self._waiting = self._waiting or [], None
        for number, change in waiting:
            self._write.emit(number, change)

    def write(
        self,
        change: Change,
        then: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Make `change` on the writing thread, after every change asked for before it; call
        `then` with its result once it is committed, or `failed` with why if it could not be
        (`refused` is emitted too). Changes asked for before the database is open wait for
        it."""
        self._number += 1
        if then is not None:
            self._then[self._number] = then
        if failed is not None:
            self._failed[self._number] = failed
        if self._waiting is not None:
            self._waiting.append((self._number, change))
        else:
            self._write.emit(self._number, change)

    @Slot(object)
    def _on_opened(self, data: UserData) -> None:
        self.data = data
        if data.set_aside is not None:
            self.set_aside.emit(data.set_aside.message)
        self.ready.emit()

    @Slot(int, object)
    def _on_done(self, number: int, result: object) -> None:
        self._failed.pop(number, None)
        then = self._then.pop(number, None)
        if then is not None:
            then(result)
        self.saved.emit()

    @Slot(int, str)
    def _on_refused(self, number: int, why: str) -> None:
        self._then.pop(number, None)
        failed = self._failed.pop(number, None)
        if failed is not None:
            failed(why)
        self.refused.emit(why)

    @Slot()
    def stop(self) -> None:
        """Finish the changes asked for, then end the thread (closing the database)."""
        if self._thread.isRunning():
            self._finish.emit()  # after the changes already asked for, never before
            self._thread.wait()
