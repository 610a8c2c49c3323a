"""The home grid and search as a screen reader meets them: the real app under Xvfb with the
AT-SPI bus, read and worked through AT-SPI alone (tests/atspi). One app serves the module's
tests, in order: they read the home grid, then open a cell and listings from it by the actions a
screen reader uses, then search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.fixture import require_desktop_tools, running_app
from tests.atspi.session import Desktop, DesktopError, live_members
from tests.atspi.trees import named, nodes, unnamed_controls

pytestmark = [pytest.mark.gui, pytest.mark.atspi]

CODES = [f"{column}{row}" for row in "12345" for column in "ABCDE"]
COLUMNS = [
    ("A", "Interventions"),
    ("B", "Practitioners"),
    ("C", "Management/supervision"),
    ("D", "Organisational functioning"),
    ("E", "Treatment systems"),
]
B5_TITLE = "B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix — MatrixDesk"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, pack_path: Path) -> Iterator[Desktop]:
    yield from running_app(tmp_path_factory, pack_path)


def test_the_window_is_found_by_its_name(app: Desktop) -> None:
    frame = app.driver("wait-app")
    assert frame["role"] == "frame"
    assert frame["name"] == "Alcohol Treatment Matrix — MatrixDesk"


def test_every_control_on_the_home_grid_has_a_name(app: Desktop) -> None:
    tree = app.driver("dump")
    assert unnamed_controls(tree) == []
    assert len(list(nodes(tree))) > 50, "the tree was read"


def test_the_home_grid_is_25_cells_named_with_their_codes(app: Desktop) -> None:
    grid = named(app.driver("dump"), "panel", "Matrix cells")
    buttons = [node for node in grid["children"] if node["role"] == "push button"]
    cells = [node["name"] for node in buttons if node["name"].startswith("Cell ")]
    codes = [found.group() if (found := re.search(r"\b[A-E][1-5]\b", c)) else c for c in cells]
    assert codes == CODES
    b5 = cells[CODES.index("B5")]
    assert "Practitioners" in b5 and "Safeguarding the community" in b5
    assert "What if the therapist works for the jailer?" in b5
    assert "Not in this pack" not in b5 and "Not in this pack" in cells[0]


def test_every_cell_and_heading_is_a_push_button_that_presses(app: Desktop) -> None:
    grid = named(app.driver("dump"), "panel", "Matrix cells")
    names = [node["name"] for node in grid["children"]]
    assert names[:5] == [f"Column {key}, {name}" for key, name in COLUMNS]
    assert "Row 5, Safeguarding the community" in names
    assert len(names) == 35
    for node in grid["children"]:
        assert node["role"] == "push button", node["name"]
        assert node["actions"][0] == "Press", node["name"]  # the default action: opens
        assert "focusable" in node["states"], node["name"]


def test_b5_opens_by_its_press_action(app: Desktop) -> None:
    grid = named(app.driver("dump"), "panel", "Matrix cells")
    b5 = next(node["name"] for node in grid["children"] if node["name"].startswith("Cell B5:"))
    pressed = app.driver("do", "Press", "--role", "push button", "--name", b5)
    assert pressed["done"]
    app.driver("wait", "frame", "--name", B5_TITLE)
    navigator = named(app.driver("dump"), "panel", "Matrix navigator")
    assert unnamed_controls(navigator) == []
    cells = navigator["children"]
    assert [node["role"] for node in cells] == ["push button"] * 25
    reading = [node["name"] for node in cells if "You are reading this cell" in node["description"]]
    assert reading == [b5]


@pytest.mark.parametrize(
    ("heading", "listed"),
    [
        ("Row 5, Safeguarding the community", "Row 5: Safeguarding the community"),
        ("Column B, Practitioners", "Column B: Practitioners"),
    ],
)
def test_a_heading_opens_its_listing_by_its_press_action(
    app: Desktop, heading: str, listed: str
) -> None:
    app.driver("do", "Press", "--role", "push button", "--name", "Home")
    app.driver("do", "Press", "--role", "push button", "--name", heading)
    app.driver("wait", "panel", "--name", "Matrix navigator")  # a page, not the home grid
    tree = app.driver("dump", "--full-text")
    pages = [n for _, n in nodes(tree) if "Text" in n["interfaces"] and n["name"] != "Search"]
    assert [listed in page["text"].splitlines() for page in pages] == [True]


def test_typing_in_the_search_field_shows_results(app: Desktop) -> None:
    watch = ("--watch", "object:text-changed:insert")
    typed = app.driver("type", "motivational", "--into", "Search", "--keys", *watch)
    assert typed["target"]["role"] == "text" and "focused" in typed["target"]["states"]
    # What a screen reader echoes as the reader types: each insertion, from the field.
    assert {(e["name"], e["data"]) for e in typed["events"]} >= {("Search", "m")}
    results = app.driver("wait", "list item", "--contains", "motivational interviewing")
    assert any("Alcohol Treatment Matrix" in result["name"] for result in results)
    field = named(app.driver("dump"), "text", "Search")
    assert field["text"] == "motivational"


def test_a_failed_session_leaves_no_process_behind(tmp_path: Path) -> None:
    """The app here exits at once (a bad option), so the driver gives up waiting for it: the
    desktop still stops everything it started."""
    require_desktop_tools()
    with pytest.raises(DesktopError, match="not there"), Desktop(tmp_path) as desktop:
        group = desktop.group
        assert live_members(group), "the X server and the buses are running"
        desktop.start_app("--no-such-option")
        desktop.driver("wait-app", "--timeout", "1")
    assert live_members(group) == []
