"""Text from a pack is shown as words, never as markup: a canary in every plain-text field of the
sources (and in the Markdown) is shown literally everywhere the reader can meet it, and no file it
names is ever opened, as the kernel reports (inotify)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import struct
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from matrixdesk.authoring.compiler import build_pack
from matrixdesk.core.pack import PackError
from matrixdesk.core.seal import write_seal
from matrixdesk.core.store import ContentStore
from tests.conftest import CONTENT
from tests.reading_pane import hover, links, point_of

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="watches files with inotify")

MARK = "<b>canary</b>"


@dataclass(frozen=True)
class Canary:
    folder: Path
    """Holds canary.png, the file every canary names: it must never be opened."""
    pack: Path

    @property
    def text(self) -> str:
        return f"<img src='file://{self.folder}/canary.png'>{MARK}"

    @property
    def url(self) -> str:
        """The canary in a web address, which may hold no spaces (so no <img src=...>): a tag
        Qt knows comes first, or Qt would not take the whole for rich text."""
        return f"https://example.org/{MARK}<img/src='file://{self.folder}/canary.png'>"


def _png() -> bytes:
    """A valid one-pixel PNG, so that a reader that did load it would succeed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Canary:
    """A pack whose every plain-text field, and some Markdown, carries the canary."""
    folder = tmp_path_factory.mktemp("canary")
    watched = folder / "watched"  # the canary's file alone: the pack and sources are read
    watched.mkdir()
    (watched / "canary.png").write_bytes(_png())
    made = Canary(watched, folder / "canary.sqlite")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    word, url = made.text.replace('"', '\\"'), made.url
    _edit(
        content / "pack.toml",
        ('title = "', f'title = "{word} '),
        ('publisher = "', f'publisher = "{word} '),
        ('role = "Developed with"', f'role = "{word} Developed with"'),
        ('names = ["Skills Consortium"]', f'names = ["{word} Skills Consortium"]'),
    )
    _edit(
        content / "alcohol" / "matrix.md",
        ('name = "Alcohol', f'name = "{word} Alcohol'),
        ('tagline = "', f'tagline = "{word} '),
        ('name = "Practitioners"', f'name = "Practitioners {word}"'),
        ('audience = "frontline staff"', f'audience = "frontline staff {word}"'),
        ('name = "Safeguarding the community"', f'name = "Safeguarding the community {word}"'),
        ('course = "Containing', f'course = "{word} Containing'),
    )
    _edit(
        content / "alcohol" / "A1.md",
        ('title = "', f'title = "{word} '),
        ('headline = "', f'headline = "{word} '),
        (
            'online_url = "https://findings.org.uk/PHP/dl.php?file=Matrix/Alcohol/A1.htm"',
            f'online_url = "{url}"',
        ),
    )
    _edit(
        content / "alcohol" / "B5.md",
        ('title = "', f'title = "{word} '),
        ('headline = "', f'headline = "{word} '),
        # Markdown takes HTML only in a code span, where it is meant as text.
        ("\nKey studies on the impact", f"\n`{made.text}` Key studies on the impact"),
        ("## Relationship with therapist", f"## {made.text} Relationship with therapist"),
        ("byline: 2008\n", f"byline: 2008 {made.text}\nnote: {made.text}\ndocument: {url}\n"),
        ("byline: 2016\n", "byline: 2016\ndocument: doc:canary-document\n"),
        ("search: offender*", f"search: {made.text} offender*"),
        ("## Where should I start?", f"## {made.text} Where should I start?"),
        ("::: panel Options 2", f"::: panel {made.text} Options 2"),
    )
    documents = content / "documents"
    documents.mkdir()
    (documents / "canary-document.md").write_text(
        "+++\n"
        + "".join(f'{key} = "{word}"\n' for key in ("title", "authors", "source", "year"))
        + f'original_url = "{url}"\n+++\n\n# Summary\n\n'
        + f"Synthetic summary for tests, `{made.text}`\n",
        encoding="utf-8",
    )
    assert build_pack(content, made.pack) == []
    # The compiler takes only dated editions; a pack of another maker (or format 3) may say any.
    with contextlib.closing(sqlite3.connect(made.pack)) as connection:
        connection.execute("UPDATE pack_info SET edition = ? || ' ' || edition", (made.text,))
        connection.commit()
    with made.pack.open("rb+") as handle:
        write_seal(handle)
    return made


@pytest.fixture
def watch(canary: Canary) -> Iterator[list[str]]:
    """Files of the canary's folder that anything opens while the test runs: none, it asserts."""
    from tests.file_watch import FileWatch

    watcher = FileWatch(canary.folder)
    touched: list[str] = []
    yield touched
    touched += watcher.touched()
    watcher.close()
    assert touched == [], f"files the canary names were opened: {touched}"


@pytest.fixture
def window(
    qtbot: QtBot, canary: Canary, config_dir: Path, watch: list[str]
) -> Iterator[MainWindow]:
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    application()
    store = ContentStore.open(canary.pack)
    shown = open_window(store, Settings(config_dir), None, pack_chosen=True)
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    yield shown
    shown.close()
    store.close()


def visible(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a reader sees of `text` shown with `text_format`: rich text's words, else the text."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_labels_show_the_canary_as_text(root: QWidget) -> int:
    shown = 0
    for label in root.findChildren(QLabel):
        if "canary" in label.text():
            assert MARK in visible(label.text(), label.textFormat()), label.objectName()
            shown += 1
    return shown


def test_the_home_grid_its_headings_and_tooltips_show_the_canary_as_text(
    window: MainWindow,
) -> None:
    assert MARK in window.windowTitle()
    # The title, the subtitle and the first start's welcome (which names the matrices).
    assert assert_labels_show_the_canary_as_text(window.home) == 3
    grid = window.home.table
    buttons = [*grid.cells, *grid.columns, *grid.rows]
    assert len(buttons) == 35
    tips = [hover(button, button.rect().center()) for button in buttons]
    toolbar_buttons = [
        window.findChild(QWidget, "navigationToolbar").widgetForAction(action)  # type: ignore[union-attr]
        for action in window.window_actions.matrices.actions()
    ]
    tips += [hover(button, button.rect().center()) for button in toolbar_buttons]
    with_canary = [tip for tip in tips if "canary" in tip]
    assert len(with_canary) >= 10  # B5, A1, a column and a row heading, the Alcohol button ...
    assert all(MARK in visible(tip) for tip in with_canary)


def test_pages_and_their_link_tooltips_show_the_canary_as_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    for place in (
        "alcohol/B5#where-should-i-start",
        "alcohol/A1",
        "alcohol/row/5",
        "doc/canary-document",
    ):
        assert window.navigate(place), place
        browser = window.page.browser
        window.grab()  # laid out and painted, as on screen
        assert MARK in browser.toPlainText(), place
        assert_labels_show_the_canary_as_text(window.page)
        tips = [
            hover(browser.viewport(), point_of(browser, link.position)) for link in links(browser)
        ]
        assert all(MARK in visible(tip) for tip in tips if "canary" in tip), place
    window.navigate("alcohol/B5")
    tips = [
        hover(window.page.browser.viewport(), point_of(window.page.browser, link.position))
        for link in links(window.page.browser)
    ]
    assert any(MARK in visible(tip) for tip in tips)  # the study's note, on "listed above" links
    assert_labels_show_the_canary_as_text(window.navigator_panel)


def test_search_results_show_the_canary_as_text(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.results_shown):
        window.searching.on_text("canary")
    window.grab()  # each result drawn as rich text by the delegate
    model = window.search_view.model
    texts = [
        visible(model.index(row, 0).data(), Qt.TextFormat.RichText)
        for row in range(model.rowCount())
    ]
    assert sum(MARK in text for text in texts) >= 5


def _answer_recording_format(button: str, seen: list[tuple[str, Qt.TextFormat]]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        box.grab()
        # Each line of a box is a label of its own, and Qt guesses the format of each.
        seen.extend((text, box.textFormat()) for text in (box.text(), box.informativeText()))
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()

    QTimer.singleShot(0, answer)


def test_dialogs_show_the_canary_as_text(window: MainWindow, canary: Canary) -> None:
    from matrixdesk.ui.external_link import confirm_external_link
    from matrixdesk.ui.launch import report_pack_error

    seen: list[tuple[str, Qt.TextFormat]] = []
    _answer_recording_format("Cancel", seen)
    confirm_external_link(window, canary.url)
    _answer_recording_format("OK", seen)
    # As SQLite's message quotes a damaged schema's names, a damage message may quote anything.
    report_pack_error(PackError(canary.pack, f"damaged ({canary.text})"), True, window)
    with_canary = [(text, text_format) for text, text_format in seen if "canary.png" in text]
    assert len(with_canary) == 2
    assert all(MARK in visible(text, text_format) for text, text_format in with_canary)


def test_the_about_box_shows_the_canary_as_text(qtbot: QtBot, window: MainWindow) -> None:
    """Title, edition, publisher, a credit's role, a credited name, and the matrix named in
    what the pack holds, all carry the canary."""
    window.window_actions.about.trigger()
    box = window.help.dialog
    assert box is not None and box.isVisible()
    label = box.findChild(QLabel, "aboutText")
    assert label is not None
    assert visible(label.text(), label.textFormat()).count(MARK) == 6
    assert box.plain_text.count(MARK) == 6  # type: ignore[attr-defined]
    box.close()
