"""Merging an export file into the user database: nothing duplicated, nothing deleted, and
where both hold the same item the copy changed later wins (the rules, kind by kind, are in
docs/userdata.md). All of one import is one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Table, select, update

from matrixdesk.userdata import cpd
from matrixdesk.userdata.exchange import Content, Row, describe_counts
from matrixdesk.userdata.schema import bite_progress, bookmarks, cpd_entries, history, notes


@dataclass(frozen=True, slots=True)
class Merged:
    """What an import did with one kind of item."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    """Here already, the same or newer."""


MergeSummary = dict[str, Merged]


def describe_merge(summary: MergeSummary) -> str:
    """E.g. "3 new, 1 updated, 7 already here (2 bookmarks, 9 notes, ...)"."""
    merged = summary.values()
    added = sum(m.added for m in merged)
    updated = sum(m.updated for m in merged)
    unchanged = sum(m.unchanged for m in merged)
    kinds = describe_counts(
        {name: m.added + m.updated + m.unchanged for name, m in summary.items()}
    )
    return f"{added} new, {updated} updated, {unchanged} already here ({kinds})"


def merge(connection: Connection, content: Content) -> MergeSummary:
    """Merge `content` into the database, in the caller's write transaction (docs/userdata.md
    has the rules): an item here already is never duplicated and never deleted; a copy edited
    later replaces an earlier one."""
    rows = content.tables
    return {
        "bookmarks": _merge_bookmarks(connection, rows["bookmarks"]),
        # The same note has the same id; the later edit wins.
        "notes": _merge_later_wins(connection, notes, rows["notes"], "id", "updated", "text"),
        "bite_progress": _merge_bites(connection, rows["bite_progress"]),
        # A place is in the history once, at its latest visit in either.
        "history": _merge_later_wins(
            connection, history, rows["history"], "address", "visited_at", "title"
        ),
        "cpd_entries": _merge_cpd(connection, rows["cpd_entries"]),
    }


def _merge_later_wins(
    connection: Connection,
    table: Table,
    incoming: tuple[Row, ...],
    key: str,
    time: str,
    copied: str,
) -> Merged:
    """Items that are the same by `key`: one not here is added; one here takes the file's
    `copied` field and `time` if the file's `time` is the later."""
    here = dict(connection.execute(select(table.c[key], table.c[time])).all())
    added = [row for row in incoming if row[key] not in here]
    later = [row for row in incoming if row[key] in here and _later(row[time], here[row[key]])]
    _insert(connection, table, added)
    for row in later:
        connection.execute(
            update(table)
            .where(table.c[key] == row[key])
            .values({copied: row[copied], time: row[time]})
        )
    return _merged(incoming, added, later)


def _merge_bookmarks(connection: Connection, incoming: tuple[Row, ...]) -> Merged:
    """The same bookmark has the same id, or marks the same place; the later rename wins."""
    here = connection.execute(select(bookmarks)).all()
    by_id = {row.id: row for row in here}
    by_address = {row.address: row for row in here}
    added, later = [], []
    for row in incoming:
        mine = by_id.get(row["id"]) or by_address.get(row["address"])
        if mine is None:
            added.append(row)
        elif _later(row["updated"], mine.updated):
            later.append(row)
            connection.execute(
                update(bookmarks)
                .where(bookmarks.c.id == mine.id)
                .values(label=row["label"], updated=row["updated"])
            )
    _insert(connection, bookmarks, added)
    return _merged(incoming, added, later)


def _merge_cpd(connection: Connection, incoming: tuple[Row, ...]) -> Merged:
    """The same CPD entry has the same id; the later edit wins, all of it, places included."""
    here = dict(connection.execute(select(cpd_entries.c.id, cpd_entries.c.updated)).all())
    added = [row for row in incoming if row["id"] not in here]
    later = [
        row for row in incoming if row["id"] in here and _later(row["updated"], here[row["id"]])
    ]
    cpd.insert(connection, [cpd.entry_of(row) for row in added])
    for row in later:
        cpd.replace(connection, cpd.entry_of(row))
    return _merged(incoming, added, later)


def _merge_bites(connection: Connection, incoming: tuple[Row, ...]) -> Merged:
    """A bite is read (or discussed) if it is in either, since the earlier of the two times."""
    here = {(row.matrix, row.cell): row for row in connection.execute(select(bite_progress))}
    added, later = [], []
    for row in incoming:
        mine = here.get((row["matrix"], row["cell"]))
        if mine is None:
            added.append(row)
            continue
        marks = {
            mark: min(filter(None, (row[mark], getattr(mine, mark))), default=None)
            for mark in ("read_at", "discussed_at")
        }
        if marks != {"read_at": mine.read_at, "discussed_at": mine.discussed_at}:
            later.append(row)
            connection.execute(
                update(bite_progress)
                .where(bite_progress.c.matrix == mine.matrix, bite_progress.c.cell == mine.cell)
                .values(**marks)
            )
    _insert(connection, bite_progress, added)
    return _merged(incoming, added, later)


def _merged(incoming: tuple[Row, ...], added: list[Row], later: list[Row]) -> Merged:
    return Merged(len(added), len(later), len(incoming) - len(added) - len(later))


def _later(theirs: str | None, mine: str) -> bool:
    """Whether a time from the file is after one here (both UTC text of one width: see
    `values.now`, so text order is time order)."""
    return theirs is not None and theirs > mine


def _insert(connection: Connection, table: Table, rows: list[Row]) -> None:
    if rows:
        connection.execute(table.insert(), rows)
