"""`make screenshots`: the README's pictures, taken from the real window, offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.paths import bundled_pack_path, source_content_dir
from matrixdesk.ui.launch import application, open_window, pack_error_box, warn_settings_unsaved
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.settings import Settings
from matrixdesk.ui.zoom import zoom_scale

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SHOTS = {
    "home-grid.png": "alcohol",
    "b5-matrix-bite.png": "alcohol/B5#practitioner-skills",
    "b5-studies.png": "alcohol/B5",
    "not-in-pack.png": "drug/C3",
}
SEARCH = "motivational interviewing"
HIT_SEARCH = "juggling"
ZOOM_200 = next(steps for steps in range(20) if zoom_scale(steps) >= 2.0)
# The home grid, B5 and search results where words used to be cut off, each at (width, height,
# zoom steps): the grid grows taller and scrolls, the rest wraps, and no text is cut.
REFLOW = {
    "683x768": (683, 768, 0),  # half a 1366 screen
    "1024x600": (1024, 600, 0),
    "zoom-200": (1100, 760, ZOOM_200),  # the window's first size, at 200 % zoom
}


# Half a 1366 x 768 screen at 200 % system scaling (QT_SCALE_FACTOR=2), in a process of its own
# as Qt reads the factor once: 683 x 384 in the app's units, 1366 x 768 pixels in the picture.
SCALED = "scale-2"


def main() -> int:
    if sys.argv[1:] == [SCALED]:
        return _scaled()
    # Off screen, on one screen the size of a common projector, which presentation mode fills.
    screen = Path(tempfile.mkdtemp()) / "screen.json"
    screen.write_text(
        '{"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
    application()
    store = ContentStore.open(bundled_pack_path())
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as config:
        window = open_window(store, Settings(Path(config)), None)
        window.resize(1200, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.user.open(Path(config))  # as after the first paint
        while window.user.layer.data is None:
            QTest.qWait(10)
        for name, place in SHOTS.items():
            window.navigate(place)
            QTest.qWait(50)  # let the deferred scroll to a heading happen
            _save(window, name)
        shown: list[str] = []
        window.results_shown.connect(shown.append)
        _search(window, shown, SEARCH)
        window.search_view.results.select_first()
        _save(window, "search-results.png")
        # A result whose words are deep in the folded Matrix Bite opens there, marked.
        _search(window, shown, HIT_SEARCH)
        window.search_view.results.select_first()
        window.search_view.result_chosen.emit(window.search_view.results.current_hit())
        QTest.qWait(50)
        _save(window, "search-hit-opened.png")
        window.window_actions.about.trigger()
        about = window.help.dialog
        assert about is not None, "About did not open"
        QTest.qWaitForWindowExposed(about)
        _save(about, "about.png")
        about.close()
        _presentation(window)
        _own_layer(window)
        _notes(window)
        _cpd(window)
        _reflow(window, shown)
        window.close()
    _grids(store)
    _refusals(store)
    _editions(store)
    store.close()
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, __file__, SCALED], env=env, check=False).returncode


def _scaled() -> int:
    application()
    store = ContentStore.open(bundled_pack_path())
    with tempfile.TemporaryDirectory() as config:
        window = open_window(store, Settings(Path(config)), None)
        window.resize(683, 384)
        window.show()
        QTest.qWaitForWindowExposed(window)
        _save(window, f"grid-{SCALED}.png")
        window.navigate("alcohol/B5")
        QTest.qWait(50)
        _save(window, f"page-{SCALED}.png")
        window.close()
    store.close()
    return 0


def _save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def _search(window: MainWindow, shown: list[str], words: str) -> None:
    box = window.window_actions.search_box
    box.setFocus()
    box.clear()
    QTest.keyClicks(box, words)
    while not shown or shown[-1] != words:
        QTest.qWait(10)


def _presentation(window: MainWindow) -> None:
    """B5's Matrix Bite as a projector shows it."""
    window.navigate("alcohol/B5#trickier-situation")
    window.window_actions.present.trigger()
    QTest.qWait(100)
    _save(window, "presentation.png")
    window.window_actions.present.trigger()


def _grids(store: ContentStore) -> None:
    """The home grid at each size, in a window of its own: once a page has been shown, a window
    is no narrower than the page allows."""
    for name, (width, height, steps) in REFLOW.items():
        with tempfile.TemporaryDirectory() as config:
            window = open_window(store, Settings(Path(config)), "alcohol")
            window.zoom_by(steps)
            window.resize(width, height)
            window.show()
            QTest.qWaitForWindowExposed(window)
            QTest.qWait(50)  # the grid's new height, laid out
            _save(window, f"grid-{name}.png")
            window.close()
        window.zoom_by(-steps)  # the application's font, shared by the next window


def _own_layer(window: MainWindow) -> None:
    """Bookmarks and History, after reading a few pages and bookmarking two."""
    user = window.user
    for place in ("alcohol/C2", "alcohol/B5#trickier-situation", "alcohol/A5", "alcohol/B5"):
        window.navigate(place)
        if place.startswith("alcohol/B5"):
            user.bookmarks.toggle.trigger()
    window.course.read.trigger()  # B5's bite, for the course
    done: list[object] = []
    user.layer.write(lambda _data: None, done.append)  # written in order: this one comes last
    while not done:
        QTest.qWait(10)
    user.bookmarks.manage.trigger()
    dialog = user.bookmarks_dialog
    assert dialog is not None
    QTest.qWaitForWindowExposed(dialog)
    _save(dialog, "bookmarks.png")
    dialog.close()
    user.history.trigger()
    history = user.history_dialog
    assert history is not None
    QTest.qWaitForWindowExposed(history)
    _save(history, "history.png")
    history.close()
    window.go_home()
    QTest.qWait(50)
    _save(window, "home-course.png")


def _written(window: MainWindow) -> None:
    """Wait until every change asked for so far is written (they are written in order)."""
    done: list[object] = []
    window.user.layer.write(lambda _data: None, done.append)
    while not done:
        QTest.qWait(10)


def _notes(window: MainWindow) -> None:
    """B5 with its notes beside it (and marked in its margin), and the Notes panel. The notes
    are labelled as examples; one is on a heading a later edition dropped."""
    examples = {
        "alcohol/B5": "Example note: for Thursday's team meeting.\n\n"
        "- Ask who has used a therapeutic approach under a court order\n"
        "- *Bring* the supervision policy",
        "alcohol/B5/entry/therapist-relationship-offenders": "Example note: "
        "read the full report before the supervision course.",
        "alcohol/B5#practitioner-skills": "Example note: a question to put to the team.",
        "alcohol/B5#a-heading-a-later-edition-dropped": "Example note on a heading that a "
        "later edition of the pack no longer has: listed, never deleted.",
    }
    for address, text in examples.items():
        window.user.layer.write(lambda data, a=address, t=text: data.add_note(a, t))
    _written(window)
    window.resize(1200, 800)
    window.window_actions.search_box.clear()
    window.navigate("alcohol/B5/entry/therapist-relationship-offenders")
    beside = window.user.notes.beside
    assert beside.section is not None and beside.page_view is not None
    beside.page_view.side_tabs.setCurrentWidget(beside.section)
    QTest.qWait(50)
    _save(window, "notes.png")
    window.user.notes.all_notes.trigger()
    dialog = window.user.notes.dialog
    assert dialog is not None
    QTest.qWaitForWindowExposed(dialog)
    while dialog.model.rowCount() < len(examples):
        QTest.qWait(10)
    dialog.list.setCurrentIndex(dialog.model.index(0, 0))  # the one whose place is gone
    QTest.qWait(20)
    _save(dialog, "notes-panel.png")
    dialog.close()
    beside.page_view.side_tabs.setCurrentIndex(0)  # the outline, for the pictures after


def _cpd(window: MainWindow) -> None:
    """Record CPD on B5, with the reading time counted, and the CPD log with an entry whose
    heading a later edition dropped. The entries' words are labelled as examples."""
    from matrixdesk.userdata.records import CpdDetails

    window.navigate("alcohol/B5")
    cpd = window.cpd
    if not cpd.count_time.isChecked():
        cpd.count_time.trigger()
    cpd.record.trigger()
    dialog = cpd.entry_dialog
    assert dialog is not None
    QTest.qWaitForWindowExposed(dialog)
    dialog.minutes.setValue(35)
    dialog.learned.setPlainText("Example entry: what the reader learned, in their own words.")
    dialog.practice.setPlainText("Example entry: what they will do differently.")
    dialog.standard.setCurrentIndex(1)
    QTest.qWait(20)
    _save(dialog, "cpd-record.png")
    saved: list[str] = []
    cpd.said.connect(saved.append)
    dialog.buttons.accepted.emit()
    while not saved:
        QTest.qWait(10)
    discussed = CpdDetails(
        "2026-01-14",
        "team-discussion",
        ("matrixdesk:/alcohol/B5#a-heading-a-later-edition-dropped",),
        90,
        "participatory",
        "Example entry on a heading that a later edition no longer has: kept, and said so.",
        "",
        "",
        "Example: team meeting minutes",
    )
    window.user.layer.write(lambda data: data.add_cpd(discussed))
    _written(window)
    cpd.log.trigger()
    log = cpd.log_dialog
    assert log is not None
    QTest.qWaitForWindowExposed(log)
    log.table.selectRow(0)
    QTest.qWait(20)
    _save(log, "cpd-log.png")
    log.close()
    cpd.count_time.trigger()  # back to its default


def _reflow(window: MainWindow, shown: list[str]) -> None:
    """B5 and search results in a narrow or short window and at 200 % zoom."""
    for name, (width, height, steps) in REFLOW.items():
        window.zoom_by(steps - window.zoom_steps)
        QTest.qWait(10)  # the layouts' new minimum sizes, before the resize
        window.resize(width, height)
        window.navigate("alcohol/B5")
        QTest.qWait(50)
        _save(window, f"page-{name}.png")
        _search(window, shown, SEARCH)
        _save(window, f"search-{name}.png")
    window.zoom_by(-window.zoom_steps)


def _refusals(store: ContentStore) -> None:
    """What a reader sees when something is wrong: a damaged pack, settings that cannot be
    saved (here: a settings folder that is a file)."""
    damaged = PackError(
        store.path,
        "The content pack is damaged: its contents are not what they were when it was made "
        "(its seal does not match).",
    )
    box = pack_error_box(damaged, chosen=False)
    box.show()
    QTest.qWaitForWindowExposed(box)
    box.grab().save(str(OUT / "damaged-pack.png"))
    print(OUT / "damaged-pack.png")
    box.close()
    with tempfile.NamedTemporaryFile() as not_a_folder:
        window = open_window(store, Settings(Path(not_a_folder.name)), None)
        window.resize(1000, 640)
        window.show()
        QTest.qWaitForWindowExposed(window)
        warn_settings_unsaved(window)
        warning = QApplication.activeModalWidget()
        assert warning is not None, "the warning did not open"
        QTest.qWaitForWindowExposed(warning)
        warning.grab().save(str(OUT / "settings-unsaved.png"))
        print(OUT / "settings-unsaved.png")
        warning.close()
        window.close()


def _editions(store: ContentStore) -> None:
    """A newer edition installed from the File menu, the bar that offers it, and the window after
    switching. The "newer edition" is the bundled content rebuilt under a later edition and
    signed with a key made for the picture, in folders of its own."""
    from matrixdesk.authoring.compiler import build_pack
    from matrixdesk.core.signing import PUBLIC_KEY_PREFIX, key_file_text, new_key_pair
    from matrixdesk.editions.places import MACHINE_DIR_ENV, places
    from matrixdesk.ui.edition_switch import attach_editions
    from matrixdesk.ui.pack_editions import PackEditions

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        os.environ[MACHINE_DIR_ENV] = str(folder / "machine")
        seed, public = new_key_pair()
        (folder / "user" / "keys").mkdir(parents=True)
        (folder / "user" / "keys" / "picture.pub").write_text(
            key_file_text(PUBLIC_KEY_PREFIX, public, "made for the screenshots"), "ascii"
        )
        content = folder / "content"
        shutil.copytree(source_content_dir() or Path("data/content"), content)
        toml = content / "pack.toml"
        edition = store.summary().edition
        toml.write_text(toml.read_text("utf-8").replace(f'"{edition}"', f'"{edition}.2"'), "utf-8")
        newer = folder / f"matrices-{edition}.2.sqlite"
        assert build_pack(content, newer, seed) == []
        where = places(folder / "user")
        window = open_window(store, Settings(folder / "settings"), "alcohol/B5")
        editions: PackEditions = attach_editions(window, store, where)
        window.resize(1000, 640)
        window.show()
        QTest.qWaitForWindowExposed(window)
        editions.install_file(newer)
        box = editions.result_box
        assert box is not None, "the result did not open"
        QTest.qWaitForWindowExposed(box)
        _save(box, "pack-installed.png")
        box.close()
        QTest.qWait(50)
        _save(window, "pack-edition-offered.png")
        window.close()
        del os.environ[MACHINE_DIR_ENV]


if __name__ == "__main__":
    sys.exit(main())
