"""My notes as a screen reader meets them, through AT-SPI alone (tests/atspi): the tab beside
the outline, the note's editor reached with Ctrl+Shift+N and written in, "Note saved" said, and
every control named. One app serves the module's tests, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.fixture import running_app
from tests.atspi.session import Desktop
from tests.atspi.trees import named, unnamed_controls

pytestmark = [pytest.mark.gui, pytest.mark.atspi]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, pack_path: Path) -> Iterator[Desktop]:
    yield from running_app(tmp_path_factory, pack_path, "--open", "alcohol/B5")


def test_my_notes_is_a_tab_beside_the_outline(app: Desktop) -> None:
    # The user database opens after the first paint: the tab comes with it.
    (tab,) = app.driver("wait", "page tab", "--name", "My notes, none on this page yet")
    assert tab["actions"] == ["Press"] and "selectable" in tab["states"]
    tree = app.driver("dump")
    assert named(tree, "page tab", "On this page")


def test_ctrl_shift_n_puts_the_keyboard_in_a_new_note_and_saving_is_said(app: Desktop) -> None:
    app.driver("press", "ctrl+shift+n")
    (editor,) = app.driver("wait", "text", "--name", "Note")
    assert "editable" in editor["states"] and "focused" in editor["states"]
    assert "simple Markdown" in editor["description"]
    typed = app.driver(
        "type",
        "Test note typed through AT-SPI.",
        "--into",
        "Note",
        "--keys",
        "--watch",
        "object:announcement",
        "--event-timeout",
        "5",
    )
    said = [event["data"] or "" for event in typed["events"]]
    assert "Note saved." in said, said
    app.driver("wait", "page tab", "--name", "My notes, 1 on this page")


def test_every_control_of_my_notes_is_named(app: Desktop) -> None:
    tree = app.driver("dump")
    assert named(tree, "text", "Note")  # the page's one note (its list comes with a second)
    assert named(tree, "push button", "Delete note…")
    assert unnamed_controls(tree) == []
