"""The CPD log's rows: an entry in `cpd_entries`, its places in `cpd_places`. Reading and writing
them within a caller's transaction, for `UserData` and for the merge of an import alike. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from sqlalchemy import ColumnElement, Connection, delete, select, update

from matrixdesk.userdata.records import CpdDetails, CpdEntry
from matrixdesk.userdata.schema import cpd_entries, cpd_places

# Newest first: by the day of the activity, then by when it was written down.
NEWEST_FIRST: Final = (cpd_entries.c.date.desc(), cpd_entries.c.created.desc(), cpd_entries.c.id)


def row_of(entry: CpdEntry) -> dict[str, Any]:
    """An entry as its `cpd_entries` row plus its list of places, as export files hold it."""
    details = entry.details
    return {
        "id": entry.id,
        "date": details.date,
        "activity": details.activity,
        "places": list(details.places),
        "minutes": details.minutes,
        "mode": details.mode,
        "learned": details.learned,
        "practice": details.practice,
        "standard": details.standard,
        "evidence": details.evidence,
        "created": entry.created,
        "updated": entry.updated,
    }


def entry_of(row: dict[str, Any]) -> CpdEntry:
    """The entry of a row as `row_of` gives it (checked already)."""
    details = CpdDetails(
        row["date"],
        row["activity"],
        tuple(row["places"]),
        row["minutes"],
        row["mode"],
        row["learned"],
        row["practice"],
        row["standard"],
        row["evidence"],
    )
    return CpdEntry(row["id"], details, row["created"], row["updated"])


def insert(connection: Connection, entries: Iterable[CpdEntry]) -> None:
    rows = [row_of(entry) for entry in entries]
    if not rows:
        return
    connection.execute(
        cpd_entries.insert(), [{k: v for k, v in row.items() if k != "places"} for row in rows]
    )
    _insert_places(connection, rows)


def replace(connection: Connection, entry: CpdEntry) -> bool:
    """Write `entry` over the one with its id (keeping that one's `created`); False if there
    is none."""
    row = {k: v for k, v in row_of(entry).items() if k not in ("id", "places", "created")}
    changed = connection.execute(
        update(cpd_entries).where(cpd_entries.c.id == entry.id).values(row)
    )
    if changed.rowcount == 0:
        return False
    connection.execute(delete(cpd_places).where(cpd_places.c.entry == entry.id))
    _insert_places(connection, [row_of(entry)])
    return True


def remove(connection: Connection, entry_id: str) -> bool:
    connection.execute(delete(cpd_places).where(cpd_places.c.entry == entry_id))
    return connection.execute(delete(cpd_entries).where(cpd_entries.c.id == entry_id)).rowcount > 0


def read(connection: Connection, where: ColumnElement[bool] | None = None) -> tuple[CpdEntry, ...]:
    """The entries matching `where` (all if None), newest first, each with its places."""
    query = select(cpd_entries).order_by(*NEWEST_FIRST)
    if where is not None:
        query = query.where(where)
    rows = connection.execute(query).all()
    places: dict[str, list[str]] = {row.id: [] for row in rows}
    of_those = (
        select(cpd_places.c.entry, cpd_places.c.address)
        .join(cpd_entries, cpd_entries.c.id == cpd_places.c.entry)
        .order_by(cpd_places.c.entry, cpd_places.c.position)
    )
    if where is not None:
        of_those = of_those.where(where)
    for entry_id, address in connection.execute(of_those):
        places[entry_id].append(address)
    return tuple(entry_of({**row._mapping, "places": places[row.id]}) for row in rows)


def _insert_places(connection: Connection, rows: list[dict[str, Any]]) -> None:
    places = [
        {"entry": row["id"], "position": position, "address": address}
        for row in rows
        for position, address in enumerate(row["places"])
    ]
    if places:
        connection.execute(cpd_places.insert(), places)
