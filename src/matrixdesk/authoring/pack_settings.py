"""pack.toml: the pack's title and edition, who publishes its content, and the credits its web
pages give (shown in the reader's About box)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeGuard

from matrixdesk.authoring.frontmatter import parse_toml
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.sources import PackSource
from matrixdesk.core.edition import EDITION_FORM, parse_edition
from matrixdesk.core.views import Credit

# Generous bounds on what is, today, three credits of one or two names each.
MAX_CREDITS = 20
MAX_NAMES = 20


def read_pack_settings(path: Path, text: str, problems: ProblemLog) -> PackSource | None:
    lines = text.splitlines()
    data = parse_toml(path, lines, 0, "pack settings", problems)
    if data is None:
        return None
    before = len(problems.problems)
    title, edition = data.get("title"), data.get("edition")
    if not isinstance(title, str) or not isinstance(edition, str):
        problems.add(path, 1, "pack.toml needs text values for 'title' and 'edition'")
    elif parse_edition(edition) is None:
        problems.add(
            path,
            _key_line(lines, "edition"),
            f"'edition' must be {EDITION_FORM} (e.g. \"2027-03-01\"): it orders the "
            "editions readers install",
        )
    publisher = data.get("publisher")
    if publisher is not None and not _words(publisher):
        problems.add(path, _key_line(lines, "publisher"), "'publisher' must be text in quotes")
    credits = _credits(path, lines, data.get("credits", []), problems)
    if len(problems.problems) > before:
        return None
    assert isinstance(title, str) and isinstance(edition, str)
    return PackSource(path, title, edition, publisher, credits)


def _credits(path: Path, lines: list[str], value: Any, problems: ProblemLog) -> tuple[Credit, ...]:
    """`[[credits]]` tables, each a `role` ("Developed with") and the `names` it credits."""
    if not isinstance(value, list) or len(value) > MAX_CREDITS:
        problems.add(
            path,
            _key_line(lines, "credits"),
            f"'credits' must be up to {MAX_CREDITS} [[credits]] tables, each with a role and names",
        )
        return ()
    credits = []
    for number, entry in enumerate(value, start=1):
        line = _table_line(lines, number)
        role = entry.get("role") if isinstance(entry, dict) else None
        names = entry.get("names") if isinstance(entry, dict) else None
        if (
            not _words(role)
            or not isinstance(names, list)
            or not 0 < len(names) <= MAX_NAMES
            or not all(_words(name) for name in names)
        ):
            problems.add(
                path,
                line,
                'each [[credits]] needs role = "…" and names = ["…"] (text in quotes, at least '
                "one name)",
            )
            continue
        credits.append(Credit(role, tuple(names)))
    return tuple(credits)


def _words(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _key_line(lines: list[str], key: str) -> int:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 1)


def _table_line(lines: list[str], number: int) -> int:
    """The line of the `number`th [[credits]] heading (1-based), else line 1."""
    headings = [n for n, line in enumerate(lines, start=1) if line.strip() == "[[credits]]"]
    return headings[number - 1] if number <= len(headings) else 1
