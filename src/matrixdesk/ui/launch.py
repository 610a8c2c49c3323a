"""Starting the reader: the Qt application, fonts, the pack (or an honest error), the window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.editions.places import Places, places
from matrixdesk.paths import chosen_config_dir, resources_dir
from matrixdesk.ui.history import Visit
from matrixdesk.ui.icons import app_icon
from matrixdesk.ui.main_window import APP_NAME, MainWindow
from matrixdesk.ui.settings import Settings
from matrixdesk.ui.theme import READING_FONT_FILES, UI_FONT_FILES, load_fonts, ui_font

# For `make bench`: print the wall-clock time of the first painted grid, then quit.
FIRST_PAINT_ENV = "MATRIXDESK_EXIT_AFTER_FIRST_PAINT"


# A D-Bus address that connects to nothing, for when there is no session bus (see below).
NO_SESSION_BUS = "unix:path=/nonexistent/matrixdesk-no-session-bus"


def never_start_a_session_bus() -> None:
    """Qt talks to the session bus through libdbus, which, finding none on X11, starts a
    dbus-daemon of its own that outlives the app. A desktop that has a bus says so in
    DBUS_SESSION_BUS_ADDRESS or with a socket at $XDG_RUNTIME_DIR/bus; without either, point
    libdbus at no bus at all. (A screen reader needs a session bus, so none is lost.)"""
    if sys.platform in ("win32", "darwin") or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and (Path(runtime) / "bus").exists():
        return
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = NO_SESSION_BUS


def no_display() -> str | None:
    """Why there is no screen to show a window on, or None if there may be one. Only on Linux
    and the like, and only when no platform was chosen: Qt, finding no display there, aborts
    with a message about plugins rather than saying so."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "there is no display to show a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)"


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        never_start_a_session_bus()
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    load_fonts(resources_dir() / "fonts", UI_FONT_FILES)
    app.setFont(ui_font())
    return app


def config_dir(explicit: Path | None) -> Path:
    """Where settings live: --config-dir (or --portable), else $MATRIXDESK_CONFIG_DIR, else beside
    the app if a `portable` file is there, else the platform's place for app settings."""
    chosen = chosen_config_dir(explicit)
    if chosen is not None:
        return chosen
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))


class UnknownPlaceError(Exception):
    """--open named a place that is not in the pack."""


def open_window(
    store: ContentStore,
    settings: Settings,
    open_address: str | None,
    pack_chosen: bool = False,
    editions: Places | None = None,
) -> MainWindow:
    """The window, showing `open_address`, else the page open at the last exit, else home.
    Raises UnknownPlaceError if `open_address` names no place in the pack, and PackError if
    the pack turns out damaged on the way there. `editions`: where pack editions live, for
    installing them and offering newer ones (not when the reader named a pack)."""
    window = MainWindow(store, settings, pack_chosen)
    if editions is not None:
        from matrixdesk.ui.edition_switch import attach_editions

        attach_editions(window, store, editions)
    failures: list[PackError] = []
    window.pack_failed.connect(failures.append)
    try:
        if open_address:
            if not window.navigate(open_address):
                raise failures[0] if failures else UnknownPlaceError(open_address)
        elif not ((visit := settings.last_visit) and window.resume(visit)):
            failures.clear()  # the last page is not essential: home will do
            window.go_home()
    except (PackError, UnknownPlaceError):
        window.deleteLater()
        raise
    finally:
        window.pack_failed.disconnect(failures.append)
    return window


def reopen_window(
    store: ContentStore,
    visit: Visit | None,
    previous: Path,
    settings_dir: Path | None,
    editions: Places | None,
) -> MainWindow:
    """A window on another edition of the pack, at `visit` (else home), for a switch from the
    window reading `previous`."""
    settings = Settings(config_dir(settings_dir))
    if visit is not None:
        settings.last_visit = visit
    window = open_window(store, settings, None)
    if editions is not None:
        from matrixdesk.ui.edition_switch import attach_editions

        attach_editions(window, store, editions, previous)
    return window


def report_pack_error(error: PackError, chosen: bool, parent: QWidget | None = None) -> None:
    """Say on the terminal and in a dialog what is wrong with the pack and what to do."""
    print(f"matrixdesk: {error.path}: {error.problem} {error.advice_for(chosen)}", file=sys.stderr)
    pack_error_box(error, chosen, parent).exec()


def pack_error_box(error: PackError, chosen: bool, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, error.problem, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the problem may quote the pack's own bytes
    box.setInformativeText(f"{error.advice_for(chosen)}\n\nPack: {error.path}")
    return box


SETTINGS_UNSAVED = "MatrixDesk cannot save its settings"


def warn_settings_unsaved(window: MainWindow) -> None:
    """Tell the reader, once a session, that their choices will not be remembered, and how to
    keep them. Not modal: the window can be used at once."""
    settings = window.settings
    advice = (
        f"The folder for settings cannot be written ({settings.problem}). MatrixDesk works as "
        "usual, but will not remember the zoom, the window's size or the page you were reading, "
        "and cannot keep bookmarks, notes, course progress or history. To keep them, start "
        "MatrixDesk with --config-dir and a folder you can write to."
    )
    print(f"matrixdesk: {SETTINGS_UNSAVED}. {advice}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, SETTINGS_UNSAVED, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(advice)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def run_reader(
    pack: Path,
    open_address: str | None = None,
    settings_dir: Path | None = None,
    chosen_pack: bool = False,
    opened: ContentStore | None = None,
) -> int:
    """Run the reader until its window closes; the exit code: 0, 1 for an unusable pack, 2 for
    an --open place the pack does not have. `opened`: the pack, already opened and checked
    (the edition chosen at start, `editions.choose`)."""
    if reason := no_display():
        print(
            f"matrixdesk: {reason}. Start MatrixDesk on the desktop, or over SSH with X "
            "forwarding (ssh -X); the terminal commands (matrixdesk --help) need no display.",
            file=sys.stderr,
        )
        return 1
    app = application()
    try:
        store = opened or ContentStore.open(pack)
    except PackError as error:
        report_pack_error(error, chosen_pack)
        return 1
    editions = None if chosen_pack else places(settings_dir)
    try:
        window = open_window(store, Settings(config_dir(settings_dir)), open_address, chosen_pack)
    except PackError as error:
        store.close()
        report_pack_error(error, chosen_pack)
        return 1
    except UnknownPlaceError:
        print(
            f"matrixdesk: there is no place {open_address!r} in this pack "
            "(places look like alcohol/B5 or alcohol/B5#section-slug).",
            file=sys.stderr,
        )
        store.close()
        return 2

    def present(window: MainWindow) -> None:
        window.pack_failed.connect(lambda error: report_pack_error(error, chosen_pack, window))
        window.show()
        if window.settings.problem:
            _after_first_paint(window, lambda: warn_settings_unsaved(window))
        else:
            # Bookmarks, notes and the rest: opened on a thread of their own once the grid is
            # painted. (Not beside settings that cannot be saved: one warning says both.)
            _after_first_paint(window, lambda: window.user.open(settings_dir))

    present(window)
    # The page's serif fonts are loaded just after the first paint, off the path to it.
    _after_first_paint(window, lambda: load_fonts(resources_dir() / "fonts", READING_FONT_FILES))
    if os.environ.get(FIRST_PAINT_ENV):
        _after_first_paint(window, lambda: _report_first_paint(app))
    stores = [store]  # every edition this session opened, closed at the end
    if editions is not None:
        # Installing packs and offers of newer editions: set up once the grid is painted.
        _after_first_paint(
            window,
            lambda: _follow_editions(window, stores, editions, settings_dir, present),
        )
    code = app.exec()
    for opened_store in stores:
        opened_store.close()
    return code


def _follow_editions(
    window: MainWindow,
    stores: list[ContentStore],
    editions: Places,
    settings_dir: Path | None,
    present: Callable[[MainWindow], None],
) -> None:
    from matrixdesk.ui.edition_switch import EditionSwitch, attach_editions

    attach_editions(window, stores[0], editions)
    EditionSwitch(
        window,
        stores,
        lambda new, visit, previous: reopen_window(new, visit, previous, settings_dir, editions),
        present,
    )


def _report_first_paint(app: QApplication) -> None:
    print(f"first-paint {time.time():.6f}", flush=True)
    QTimer.singleShot(0, app.quit)


class _FirstPaint(QObject):
    def __init__(self, target: QWidget, action: Callable[[], None]) -> None:
        super().__init__(target)
        self.action = action
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.action)
        return False


def _after_first_paint(window: MainWindow, action: Callable[[], None]) -> None:
    """Run `action` once the visible view has painted for the first time."""
    shown = window.stack.currentWidget()
    if shown is window.home:
        view = window.home.content  # the grid's buttons may cover the grid whole
    elif window.searching.built and shown is window.search_view:
        view = window.search_view.results.viewport()
    else:
        view = window.page.browser.viewport()
    _FirstPaint(view, action)
