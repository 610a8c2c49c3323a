"""Cell B5 and search as a screen reader meets them, through AT-SPI alone (tests/atspi): the
page's words with no stand-ins for icons, a caret to read by, the Matrix Bite as a control that
opens, what changes said aloud, and every control named. One app serves the module's tests, in
order: they open the Matrix Bite before searching leaves the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.fixture import running_app
from tests.atspi.session import Desktop
from tests.atspi.trees import Node, named, nodes, unnamed_controls

pytestmark = [pytest.mark.gui, pytest.mark.atspi]

PAGE = "B5 Practitioners; Safeguarding the community · Alcohol Treatment Matrix"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, pack_path: Path) -> Iterator[Desktop]:
    yield from running_app(tmp_path_factory, pack_path, "--open", "alcohol/B5")


def _page(app: Desktop) -> Node:
    page = [
        node
        for _, node in nodes(app.driver("dump", "--full-text"))
        if node["name"] == PAGE and "Text" in node["interfaces"]
    ]
    assert len(page) == 1, "the page is one text object named with its title"
    return page[0]


def test_the_page_is_named_with_its_title_and_reads_without_stand_ins(app: Desktop) -> None:
    page = _page(app)
    assert page["fffc"] == 0
    text = page["text"]
    assert text.startswith("Alcohol Treatment Matrix · cell B5\nPractitioners; Safeguarding")
    # Each study's type is a word, where the icon is drawn beside it.
    assert "Key Relationship with therapist seems more important" in text


def test_the_breadcrumb_and_where_you_are_say_their_words(app: Desktop) -> None:
    tree = app.driver("dump")
    crumbs = [node for _, node in nodes(tree) if node["name"].startswith("Breadcrumb")]
    assert [node["name"] for node in crumbs] == [
        "Breadcrumb: Alcohol Treatment Matrix › B Practitioners › 5 Safeguarding the community"
    ]
    where = named(tree, "label", "Where you are")
    assert where["description"].startswith("B5 Practitioners; Safeguarding the community")
    assert "Column B, Practitioners: the intervention level" in where["description"]


def test_the_caret_moves_through_the_page_by_line(app: Desktop) -> None:
    before = app.driver("read", "--role", "label", "--name", PAGE)["caret"]
    moved = app.driver("press", "Down", "Down", "--watch", "object:text-caret-moved")
    assert any(event["name"] == PAGE for event in moved["events"])
    after = app.driver("read", "--role", "label", "--name", PAGE, "--by", "line")
    assert after["caret"] > before
    line = app.driver("read", "--role", "label", "--name", PAGE, "--at", str(after["caret"]))
    assert line["text"].strip(), "the caret is on a line with words"


def test_a_link_taking_the_keyboard_is_said_with_where_it_goes(app: Desktop) -> None:
    tabbed = app.driver(
        "press", "Tab", "--watch", "object:announcement", "--watch", "object:text-caret-moved"
    )
    said = [e["data"] or "" for e in tabbed["events"] if e["type"] == "object:announcement"]
    assert said and said[0].startswith("Link: "), said
    assert any(e["type"] == "object:text-caret-moved" for e in tabbed["events"])


def test_the_matrix_bite_is_a_control_that_opens(app: Desktop) -> None:
    (bite,) = app.driver("wait", "push button", "--name", "Matrix Bite")
    assert {"expandable", "collapsed"} <= set(bite["states"])
    assert "expanded" not in bite["states"]
    assert "Press" in bite["actions"]
    done = app.driver(
        "do",
        "Press",
        "--role",
        "push button",
        "--name",
        "Matrix Bite",
        "--watch",
        "object:announcement",
    )
    assert any("Matrix Bite expanded" in (e["data"] or "") for e in done["events"])
    tree = app.driver("dump", "--full-text")
    assert "expanded" in named(tree, "push button", "Matrix Bite")["states"]
    # Its headings are in the outline now, and its words in the page.
    assert named(tree, "push button", "Issues to consider and discuss")
    assert "The trickier the situation, the more the worker matters" in _page(app)["text"]


def test_every_control_on_the_page_is_named(app: Desktop) -> None:
    assert unnamed_controls(app.driver("dump")) == []


def test_search_results_are_announced_and_every_control_named(app: Desktop) -> None:
    typed = app.driver(
        "type", "juggling", "--into", "Search", "--keys", "--watch", "object:announcement"
    )
    said = [event["data"] or "" for event in typed["events"]]
    assert any("result" in words and "juggling" in words for words in said), said
    app.driver("wait", "list item", "--contains", "juggling")
    assert unnamed_controls(app.driver("dump")) == []


def test_a_search_result_opens_on_its_action(app: Desktop) -> None:
    (result,) = app.driver("wait", "list item", "--contains", "juggling")[:1]
    assert result["actions"][0] == "Toggle"  # Qt's only action on a list item: it opens one
    app.driver("do", "Toggle", "--role", "list item", "--name", result["name"])
    frame = app.driver("wait", "frame", "--contains", "B5 Practitioners")
    assert frame
