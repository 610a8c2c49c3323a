"""What an AT-SPI object exposes, as plain data, and finding objects in an app's tree: the part of
the driver that only reads. Runs under /usr/bin/python3, with Debian's pyatspi."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyatspi
from gi.repository import GLib

OBJECT_REPLACEMENT = "\ufffc"  # what a text holds in place of an embedded object, e.g. an image
Node = dict[str, Any]


def describe(accessible: Any, full_text: bool = False) -> Node:
    """Role, name, description, states, actions and interfaces of `accessible`; for text, its
    length, caret, count of U+FFFC and its words (the first 200 characters unless
    `full_text`); for hypertext, its links."""
    interfaces = sorted(accessible.get_interfaces())
    node: Node = {
        "role": accessible.getRoleName(),
        "name": accessible.name or "",
        "description": accessible.description or "",
        "states": sorted(pyatspi.stateToString(s) for s in accessible.getState().getStates()),
        "actions": _actions(accessible) if "Action" in interfaces else [],
        "interfaces": interfaces,
        "labelled_by": _labelled_by(accessible),
    }
    if "Text" in interfaces:
        text = accessible.queryText()
        words = text.getText(0, -1) or ""
        node["text"] = words if full_text else words[:200]
        node["characters"] = text.characterCount
        node["caret"] = text.caretOffset
        node["fffc"] = words.count(OBJECT_REPLACEMENT)
    if "Hypertext" in interfaces:
        node["links"] = _links(accessible.queryHypertext())
    return node


def _labelled_by(accessible: Any) -> list[str]:
    """The names of the labels that label `accessible` (AT-SPI's labelled-by relation): on
    Linux, Qt names a combo box by its value and says its label this way, as Orca reads it."""
    names = []
    for relation in accessible.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                target = relation.getTarget(index)
                names.append(target.name or "" if target is not None else "")
    return names


def _actions(accessible: Any) -> list[str]:
    action = accessible.queryAction()
    return [action.getName(i) for i in range(action.nActions)]


def _links(hypertext: Any) -> list[Node]:
    links = []
    for index in range(hypertext.getNLinks()):
        link = hypertext.getLink(index)
        links.append(
            {"uri": link.getURI(0), "start": link.startIndex, "end": link.endIndex}
            if link is not None
            else {}
        )
    return links


def tree(accessible: Any, full_text: bool = False) -> Node:
    """`accessible` described, with its children's trees under "children"."""
    node = describe(accessible, full_text)
    node["children"] = [tree(child, full_text) for child in children(accessible)]
    return node


def children(accessible: Any) -> list[Any]:
    """The children that are still there: a child can go between counting and asking."""
    found = []
    for index in range(accessible.childCount):
        try:
            child = accessible.getChildAtIndex(index)
        except GLib.Error:
            continue
        if child is not None:
            found.append(child)
    return found


def walk(accessible: Any, showing_only: bool = False) -> Iterator[Any]:
    """`accessible` and every object below it; with `showing_only`, only those on screen (and
    nothing below an object that is not: a hidden page hides all it holds)."""
    if showing_only and not is_showing(accessible):
        return
    yield accessible
    for child in children(accessible):
        yield from walk(child, showing_only)


def is_showing(accessible: Any) -> bool:
    return bool(accessible.getState().contains(pyatspi.STATE_SHOWING))


def find(root: Any, role: str | None = None, name: str | None = None) -> list[Any]:
    """The showing objects below `root` with this role and name (either may be None: any)."""
    return [
        found
        for found in walk(root, showing_only=True)
        if (role is None or found.getRoleName() == role) and (name is None or found.name == name)
    ]


def matching(root: Any, predicate: Callable[[Any], bool]) -> list[Any]:
    return [found for found in walk(root, showing_only=True) if predicate(found)]


def outline(node: Node, depth: int = 0) -> Iterator[str]:
    """`node` (from `tree`) as indented lines a person can read."""
    parts = [f"{'  ' * depth}{node['role']} {node['name']!r}"]
    if node["description"]:
        parts.append(f"description={node['description']!r}")
    parts.append(f"[{', '.join(node['states'])}]")
    if node["actions"]:
        parts.append(f"actions={node['actions']}")
    parts.append(f"({', '.join(node['interfaces'])})")
    if "text" in node:
        parts.append(
            f"text={node['text']!r} characters={node['characters']} caret={node['caret']} "
            f"U+FFFC={node['fffc']}"
        )
    if "links" in node:
        parts.append(f"links={len(node['links'])}")
    yield " ".join(parts)
    for child in node["children"]:
        yield from outline(child, depth + 1)
