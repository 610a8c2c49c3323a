"""Record CPD as a screen reader meets it, through AT-SPI alone (tests/atspi): Ctrl+Shift+L on
B5 opens the form, each field is named by its label, nothing a person operates is unnamed, and
saving is said. One app serves the module's tests, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.fixture import running_app
from tests.atspi.session import Desktop
from tests.atspi.trees import Node, nodes, unnamed_controls

pytestmark = [pytest.mark.gui, pytest.mark.atspi]

FIELDS = {
    "Date": None,
    "Activity": "combo box",
    "Individual or participatory": "combo box",
    "Minutes": "spin button",
    "Places": "list",
    "What I learned": "text",
    "How it will change my practice": "text",
    "Standard or code": "combo box",
    "Evidence reference": "text",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, pack_path: Path) -> Iterator[Desktop]:
    yield from running_app(tmp_path_factory, pack_path, "--open", "alcohol/B5")


def _dialog(tree: Node) -> Node:
    [dialog] = [node for _, node in nodes(tree) if node["name"] == "Record CPD"]
    return dialog


def test_ctrl_shift_l_opens_the_form_with_every_field_named(app: Desktop) -> None:
    # The user database opens after the first paint; Record CPD is enabled with it.
    app.driver("wait", "page tab", "--contains", "My notes")
    app.driver("press", "ctrl+shift+l")
    app.driver("wait", "text", "--name", "What I learned")
    dialog = _dialog(app.driver("dump"))
    controls = [node for _, node in nodes(dialog) if node["role"] != "label"]
    for name, role in FIELDS.items():
        # Named so, or (a combo box, which Qt names by its value on Linux) labelled so.
        # (The first: an editable combo box's own text box is named as it is.)
        field = next(n for n in controls if n["name"] == name or name in n["labelled_by"])
        assert role is None or field["role"] == role, (name, field["role"])
        assert name in field["labelled_by"], f"{name}: its label is not its buddy"
    assert unnamed_controls(dialog) == []


def test_saving_is_said(app: Desktop) -> None:
    saved = app.driver(
        "do",
        "Press",
        "--role",
        "push button",
        "--name",
        "Save",
        "--watch",
        "object:announcement",
        "--event-timeout",
        "5",
    )
    said = [event["data"] or "" for event in saved["events"]]
    assert "CPD entry saved." in said, said
