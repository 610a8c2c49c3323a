"""Reading the accessible trees the driver reports (`driver.py dump --json`): plain data, so
the tests can say what a screen reader would meet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Node = dict[str, Any]
# Roles a person operates (presses, types into, chooses, opens): each needs a name to be told
# apart. Headers are here because clicking one lists its column or row.
INTERACTIVE_ROLES = frozenset(
    {
        "check box",
        "check menu item",
        "combo box",
        "entry",
        "link",
        "list item",
        "menu",
        "menu item",
        "page tab",
        "password text",
        "push button",
        "push button menu",
        "radio button",
        "radio menu item",
        "scroll bar",
        "slider",
        "spin button",
        "table cell",
        "table column header",
        "table row header",
        "text",
        "toggle button",
        "tree item",
    }
)


def nodes(tree: Node, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Node]]:
    """Every node of `tree` with the path to it: the role and name of each node on the way."""
    path = (*path, f"{tree['role']} {tree['name']!r}")
    yield path, tree
    for child in tree["children"]:
        yield from nodes(child, path)


def unnamed_controls(tree: Node) -> list[str]:
    """The paths of showing objects a person operates that have no name."""
    return [
        " > ".join(path)
        for path, node in nodes(tree)
        if node["role"] in INTERACTIVE_ROLES
        and "showing" in node["states"]
        and not node["name"].strip()
    ]


def named(tree: Node, role: str, name: str) -> Node:
    """The one node with this role and name (AssertionError if there is not exactly one)."""
    found = [node for _, node in nodes(tree) if node["role"] == role and node["name"] == name]
    assert len(found) == 1, f"{len(found)} objects are {role} {name!r}"
    return found[0]
