"""Export and import: all of a reader's own layer in one documented, versioned JSON file, to
back it up or carry it to another computer (the format and the merge rules: docs/userdata.md).

An export is written whole or not at all (a temporary file beside it, synced, then renamed). An
import reads and checks the whole file first, so a file that is malformed, of a newer format,
or holds a wrong value is refused with its problem named (with the line, or the JSON path, of
it) before the database is touched; a good one is merged in one transaction.

The fields of each kind of item are the columns of its table in `schema`, and each is checked
by the same rule (`values`) as when the reader makes it, so no file can put into the database
what the reader could not.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Column, Connection, Table, UniqueConstraint, select

import matrixdesk
from matrixdesk.userdata import cpd, files, values
from matrixdesk.userdata.schema import bite_progress, bookmarks, cpd_entries, history, notes

FORMAT: Final = "matrixdesk-userdata"
FORMAT_VERSION: Final = 2
MAX_FILE_BYTES: Final = 256 * 1024**2  # 25 times the benchmark's 10,000 notes: past any real file
DEFAULT_FILE_NAME: Final = "matrixdesk-userdata.json"

Row = dict[str, Any]
"""An item's fields: text or None, but a CPD entry's minutes (a number) and places (a list)."""
Counts = dict[str, int]

# The kinds of item, in the order the file holds them, under the names of their tables.
TABLES: Final[dict[str, Table]] = {
    table.name: table for table in (bookmarks, notes, bite_progress, history, cpd_entries)
}
# The export format each kind of item first appeared in; an older file has none of them.
_SINCE: Final = {"cpd_entries": 2}
# Fields an item has beyond its table's columns: a CPD entry's places (a list of addresses,
# kept in `cpd_places`), each checked by this rule.
_LISTS: Final[dict[str, dict[str, Callable[[str], str]]]] = {
    "cpd_entries": {"places": values.place}
}
# Fields that are whole numbers, and their checks.
_NUMBERS: Final[dict[str, Callable[[int], int]]] = {"minutes": values.minutes}
# The columns that never leave the file: a note's link to the search index.
_INTERNAL: Final = {"number"}
# How each field is checked, by column name: every column a file holds needs its check here.
_CHECKS: Final[dict[str, Callable[[str], str]]] = {
    "id": values.identifier,
    "address": values.place,
    "title": values.title,
    "label": values.title,
    "text": values.text,
    "matrix": values.matrix,
    "cell": values.cell,
    "created": values.stamp,
    "updated": values.stamp,
    "read_at": values.stamp,
    "discussed_at": values.stamp,
    "visited_at": values.stamp,
    "date": values.day,
    "activity": values.activity,
    "mode": values.mode,
    "learned": values.text,
    "practice": values.text,
    "standard": values.title,
    "evidence": values.title,
}
# The order items are written in, so the same data always makes the same file.
_ORDER: Final = {
    "bookmarks": (bookmarks.c.created, bookmarks.c.id),
    "notes": (notes.c.created, notes.c.id),
    "bite_progress": (bite_progress.c.matrix, bite_progress.c.cell),
    "history": (history.c.visited_at.desc(), history.c.address),
}
# CPD entries, read with their places by `cpd.read`, are written in the order they were made.
_IN_ORDER_MADE = {"cpd_entries"}
_ABOUT = ("format", "format_version", "app_version", "exported_at")
_WORDS = {  # how a count of each kind is said
    "bookmarks": ("bookmark", "bookmarks"),
    "notes": ("note", "notes"),
    "bite_progress": ("bite marked", "bites marked"),
    "history": ("place in the history", "places in the history"),
    "cpd_entries": ("CPD entry", "CPD entries"),
}


def fields(table: Table) -> list[Column[Any]]:
    """The columns of `table` that an export file holds (beside its `_LISTS`)."""
    return [column for column in table.c if column.name not in _INTERNAL]


def tables_of(version: int) -> dict[str, Table]:
    """The kinds of item a file of export format `version` holds."""
    return {name: table for name, table in TABLES.items() if _SINCE.get(name, 1) <= version}


def _keys(table: Table) -> list[tuple[str, ...]]:
    """What must be unique among a table's items: its primary key and unique columns (those
    that a file holds)."""
    keys = [tuple(column.name for column in table.primary_key)]
    keys += [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    return [key for key in keys if not _INTERNAL.intersection(key)]


class ExchangeError(Exception):
    """A file cannot be exported to or imported from; the message says why, in words."""


@dataclass(frozen=True, slots=True)
class Content:
    """Everything an export file holds, checked."""

    app_version: str
    exported_at: str
    tables: Mapping[str, tuple[Row, ...]]
    """Each kind of item (TABLES' names) and its items, field by field."""

    def counts(self) -> Counts:
        return {name: len(rows) for name, rows in self.tables.items()}


def describe_counts(counts: Counts) -> str:
    """E.g. "2 bookmarks, 1 note, 0 bites marked and 5 places in the history"."""
    said = [f"{count} {_WORDS[name][count != 1]}" for name, count in counts.items()]
    return ", ".join(said[:-1]) + " and " + said[-1]


# --- export ---------------------------------------------------------------------------------------


def content_of(connection: Connection) -> Content:
    """Everything in the database (read in the caller's one transaction: a consistent copy)."""
    tables = {
        name: tuple(
            dict(row._mapping)
            for row in connection.execute(select(*fields(table)).order_by(*_ORDER[name]))
        )
        for name, table in TABLES.items()
        if name not in _IN_ORDER_MADE
    }
    made = sorted(cpd.read(connection), key=lambda entry: (entry.created, entry.id))
    tables["cpd_entries"] = tuple(cpd.row_of(entry) for entry in made)
    return Content(str(matrixdesk.__version__), values.now(), tables)


def check_destination(file: Path) -> None:
    """Raise ExchangeError if an export cannot be written at `file` (before any work)."""
    try:
        files.check_destination(file, DEFAULT_FILE_NAME)
    except files.FileWriteError as error:
        raise ExchangeError(str(error)) from None


def write_file(content: Content, file: Path) -> Counts:
    """Write `content` to `file`, whole or not at all (`files.write_whole`): private (0600)
    on POSIX."""
    check_destination(file)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": content.app_version,
        "exported_at": content.exported_at,
        **{name: list(rows) for name, rows in content.tables.items()},
    }
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    try:
        files.write_whole(data, file)
    except files.FileWriteError as error:
        raise ExchangeError(str(error)) from None
    return content.counts()


# --- import ---------------------------------------------------------------------------------------


def read_file(file: Path) -> Content:
    """The checked content of an export file. Raises ExchangeError naming the problem (and its
    line, or its JSON path) if the file cannot be read, is not JSON, is not an export, is of a
    newer format, or holds a value the user database cannot."""
    try:
        mode = file.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ExchangeError(f"{file} is a folder, not an export file")
        if not stat.S_ISREG(mode):
            raise ExchangeError(f"{file} is a device or pipe, not an export file")
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ExchangeError(f"{file} does not exist") from None
    except OSError as error:
        raise ExchangeError(f"{file} cannot be read ({error.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeError(f"{file} is far larger than any MatrixDesk export; it is not one")
    try:
        return check_content(_parse(raw))
    except ExchangeError as error:
        raise ExchangeError(f"{file}: {error}") from None


def _parse(raw: bytes) -> object:
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark, as some editors write, is fine
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - raw.rfind(b"\n", 0, error.start)  # counted from 1, as JSON's are
        raise ExchangeError(f"not UTF-8 text (line {line}, column {column})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number; [[[[... too deep
        raise ExchangeError(f"not valid JSON ({error})") from None


def check_content(document: object) -> Content:
    """The content of a parsed export file, every field checked; ExchangeError if not."""
    top = _object(document, "$")
    if top.get("format") != FORMAT:
        raise ExchangeError(f'not a MatrixDesk user data export (no "format": "{FORMAT}")')
    version = top.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError(f"at $.format_version: expected a whole number, found {_kind(version)}")
    if version > FORMAT_VERSION:
        raise ExchangeError(
            f"made by a newer MatrixDesk (export format {version}; this version reads format "
            f"{FORMAT_VERSION}): update MatrixDesk to import it"
        )
    known = tables_of(version)
    _same_keys(top, "$", (*_ABOUT, *known))
    # What an older file cannot hold, it holds none of.
    tables = {
        name: _rows(top[name], name, table) if name in known else ()
        for name, table in TABLES.items()
    }
    return Content(
        _value(top, "$", "app_version", values.title),
        _value(top, "$", "exported_at", values.stamp),
        tables,
    )


def _rows(items: object, name: str, table: Table) -> tuple[Row, ...]:
    rows = []
    seen: dict[tuple[str, ...], set[tuple[str | None, ...]]] = {key: set() for key in _keys(table)}
    for number, item in enumerate(_list(items, f"$.{name}")):
        where = f"$.{name}[{number}]"
        found = _object(item, where)
        lists = _LISTS.get(name, {})
        _same_keys(found, where, [*(column.name for column in fields(table)), *lists])
        row: Row = {
            column.name: _number(found, where, column.name)
            if column.name in _NUMBERS
            else _field(found, where, column.name, _CHECKS[column.name], bool(column.nullable))
            for column in fields(table)
        }
        row.update({key: _texts(found, where, key, check) for key, check in lists.items()})
        if table is bite_progress and not (row["read_at"] or row["discussed_at"]):
            raise ExchangeError(f"at {where}: a bite that is neither read nor discussed")
        for key, values_seen in seen.items():
            value = tuple(row[part] for part in key)
            if value in values_seen:
                raise ExchangeError(
                    f"at {where}: a second {name} item with this {' and '.join(key)}"
                )
            values_seen.add(value)
        rows.append(row)
    return tuple(rows)


def _number(found: dict[str, object], where: str, key: str) -> int:
    value = found[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise ExchangeError(f"at {where}.{key}: expected a whole number, found {_kind(value)}")
    try:
        return _NUMBERS[key](value)
    except values.BadValueError as problem:
        raise ExchangeError(f"at {where}.{key}: {problem}") from None


def _texts(
    found: dict[str, object], where: str, key: str, check: Callable[[str], str]
) -> list[str]:
    """A list of text items, each checked, none twice."""
    items = _list(found[key], f"{where}.{key}")
    checked: list[str] = []
    for number, item in enumerate(items):
        at = f"{where}.{key}[{number}]"
        if not isinstance(item, str):
            raise ExchangeError(f"at {at}: expected text, found {_kind(item)}")
        try:
            value = check(item)
        except values.BadValueError as problem:
            raise ExchangeError(f"at {at}: {problem}") from None
        if value in checked:
            raise ExchangeError(f"at {at}: {value} is given twice")
        checked.append(value)
    return checked


def _field(
    found: dict[str, object], where: str, key: str, check: Callable[[str], str], nullable: bool
) -> str | None:
    if nullable and found[key] is None:
        return None
    return _value(found, where, key, check, nullable)


def _value(
    found: dict[str, object],
    where: str,
    key: str,
    check: Callable[[str], str],
    nullable: bool = False,
) -> str:
    value = found[key]
    if not isinstance(value, str):
        expected = "text or null" if nullable else "text"
        raise ExchangeError(f"at {where}.{key}: expected {expected}, found {_kind(value)}")
    try:
        return check(value)
    except values.BadValueError as problem:
        raise ExchangeError(f"at {where}.{key}: {problem}") from None


def _object(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ExchangeError(f"at {where}: expected an object {{...}}, found {_kind(value)}")
    return value


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ExchangeError(f"at {where}: expected a list [...], found {_kind(value)}")
    return value


def _same_keys(found: dict[str, object], where: str, expected: tuple[str, ...] | list[str]) -> None:
    if missing := [key for key in expected if key not in found]:
        raise ExchangeError(f'at {where}: the field "{missing[0]}" is missing')
    if unknown := [key for key in found if key not in expected]:
        raise ExchangeError(f'at {where}: a field this version does not know, "{unknown[0][:80]}"')


def _kind(value: object) -> str:
    """A JSON value's kind, in words, with the value itself if it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"a number ({value})" if len(str(value)) <= 20 else "a number"
    if isinstance(value, str):
        return f"text ({value!r})" if len(value) <= 40 else "text"
    return "a list" if isinstance(value, list) else "an object"
