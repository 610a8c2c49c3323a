"""Front matter: a TOML block between `+++` lines at the top of every source file.

TOML (Python's own `tomllib`) keeps the pack's dependencies to the runtime three and gives exact
line numbers for mistakes, which we shift to the line in the whole file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matrixdesk.authoring.problems import ProblemLog

FENCE = "+++"
TOO_DEEP = "tables or lists nested too deeply: front matter needs only a level or two"
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source file split into its front matter and body, remembering where the body starts."""

    path: Path
    front: dict[str, Any]
    front_lines: list[str]
    body: list[str]
    body_first_line: int  # 1-based line number of body[0] in the file


def split_front_matter(path: Path, text: str, problems: ProblemLog) -> SourceText | None:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        problems.add(
            path, 1, f"the file must start with a '{FENCE}' line that opens its front matter"
        )
        return None
    try:
        closing = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    except StopIteration:
        problems.add(path, 1, f"the front matter is never closed: add a '{FENCE}' line after it")
        return None
    front = parse_toml(path, lines[1:closing], 1, "front matter", problems)
    if front is None:
        return None
    return SourceText(path, front, lines[1:closing], lines[closing + 1 :], closing + 2)


def parse_toml(
    path: Path, lines: list[str], offset: int, what: str, problems: ProblemLog
) -> dict[str, Any] | None:
    """`lines` (file lines `offset` + 1 onwards) as TOML; None, with the mistake said in plain
    words at its line, if they are not."""
    try:
        return tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as error:
        line, message = _locate_toml_error(error, len(lines))
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        problems.add(path, line + offset, f"malformed {what}: {_explain(message, text)}")
    except RecursionError:  # tomllib recurses once per level of nesting
        problems.add(path, offset + 1, TOO_DEEP)
    return None


# tomllib's own messages, in words an editor can act on.
_TOML_HELP = {
    "Invalid value": "this value is not one TOML knows: put text in straight double quotes "
    '("like this"), and write a number as digits',
    "Unterminated string": 'a text in quotes is never closed: end it with a straight "',
    "Illegal character": 'a text in quotes runs to the end of its line: end it with a straight "',
    "Expected '=' after a key in a key/value pair": "expected 'key = value' on this line",
    "Cannot overwrite a value": "a key is given twice: keep one",
    "Cannot declare": "a [table] is given twice: keep one",
    "Unclosed array": "a list opened with [ is never closed with ]",
    "Unclosed inline table": "a table opened with { is never closed with }",
    "Expected ']' at the end of a table declaration": "a [table] heading has no closing ]",
    "Expected newline or end of document after a statement": "something follows a value on its "
    'line: one "key = value" a line (and no leading zeros in numbers)',
}
_CURLY_QUOTES = "“”‘’„«»"


def _explain(message: str, line: str) -> str:
    if any(quote in line for quote in _CURLY_QUOTES):
        return (
            "this line has curly quotes (“ ”), as a word processor types them: use straight "
            'quotes (") instead'
        )
    return next((help for start, help in _TOML_HELP.items() if message.startswith(start)), message)


def _locate_toml_error(error: tomllib.TOMLDecodeError, lines: int) -> tuple[int, str]:
    """The error's line inside the TOML block (its last, "at end of document"), and its
    message without the position suffix."""
    message = str(error)
    if message.endswith("(at end of document)"):
        return max(lines, 1), message.removesuffix("(at end of document)").strip()
    match = _TOML_POSITION.search(message)
    if match is None:
        return 1, message
    return int(match.group(1)), _TOML_POSITION.sub("", message).strip()


def take_fields(
    source: SourceText,
    problems: ProblemLog,
    required: dict[str, type],
    optional: dict[str, type],
) -> dict[str, Any] | None:
    """Check the front matter keys and value types; report unknown or missing keys."""
    ok = True
    allowed = required | optional
    for key, value in source.front.items():
        expected = allowed.get(key)
        if expected is None:
            known = ", ".join(sorted(allowed))
            problems.add(
                source.path,
                key_line(source, key),
                f"unknown front matter key '{key}' (known keys: {known})",
            )
            ok = False
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.add(
                source.path,
                key_line(source, key),
                f"front matter key '{key}' must be {_type_name(expected)}, "
                f"not {_type_name(type(value))}",
            )
            ok = False
    for key in required:
        if key not in source.front:
            problems.add(source.path, 1, f"the front matter has no '{key}' (it is required)")
            ok = False
    return dict(source.front) if ok else None


def key_line(source: SourceText, key: str) -> int:
    """Best line for a message about `key`: where it is written, else the opening fence."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(source.front_lines, start=2):
        if pattern.match(line):
            return number
    return 1


def _type_name(kind: type) -> str:
    names = {
        str: "text in quotes",
        int: "a whole number",
        bool: "true or false",
        dict: "a table",
        list: "a list",
    }
    return names.get(kind, kind.__name__)
