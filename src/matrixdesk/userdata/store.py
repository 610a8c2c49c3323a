"""The reader's own layer as one object: open it, then keep and list bookmarks, notes, Matrix
Bites course progress and history. No Qt.

Every change is one transaction, committed and synced to disk before its method returns, so
what the reader was shown as saved stays saved, whatever happens next. Every value comes back
as a frozen record (`records`). Places are given as addresses, long or short
(`alcohol/B5#practitioner-skills`), and kept in their long, canonical form.

Thread use: one UserData may be used from any thread, one call at a time per thread (each call
takes a pooled connection of its own). Open it off the UI thread: importing SQLAlchemy alone
takes about 200 ms.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from sqlalchemy import ColumnElement, Connection, and_, delete, func, or_, select, text, update
from sqlalchemy.dialects.sqlite import insert

from matrixdesk.core.search import DEFAULT_LIMIT, MAX_LIMIT, query_and_marker
from matrixdesk.core.search_marks import snippet
from matrixdesk.userdata import cpd, exchange, merging, values
from matrixdesk.userdata.database import engine_for, reading, writing
from matrixdesk.userdata.migrations import bring_up_to_date, up_to_date
from matrixdesk.userdata.opening import SetAside, prepare
from matrixdesk.userdata.records import (
    BiteProgress,
    Bookmark,
    CpdDetails,
    CpdEntry,
    HistoryItem,
    MatrixProgress,
    Note,
    NoteHit,
    Orphans,
)
from matrixdesk.userdata.schema import (
    HISTORY_LIMIT,
    bite_progress,
    bookmarks,
    cpd_entries,
    history,
    notes,
)

# A note's columns as the records and export files have them: all but its search index link.
NOTE_COLUMNS: Final = tuple(column for column in notes.c if column.name != "number")
# The Notes panel's order, which ix_notes_updated gives (its entries end in the row id, number).
_LATEST_FIRST: Final = (notes.c.updated.desc(), notes.c.number.desc())
# Ranking costs a little for every note that matches: 15 ms for a word in all of 10,000 notes.
# A query that matches more notes than this gets the newest matching notes first instead,
# which FTS5 gives at once (its rowids are the notes' numbers, in the order they were written).
RANK_UP_TO: Final = 1000
_MATCHES = text(
    "SELECT count(*) FROM (SELECT 1 FROM notes_search WHERE notes_search MATCH :query LIMIT :most)"
)
_FOUND = (
    "SELECT notes.id, notes.address, notes.text, notes.created, notes.updated "
    "FROM notes_search JOIN notes ON notes.number = notes_search.rowid "
    "WHERE notes_search MATCH :query ORDER BY {order} LIMIT :limit"
)
_BEST_FIRST = text(_FOUND.format(order="rank"))
_NEWEST_FIRST = text(_FOUND.format(order="notes_search.rowid DESC"))


class UserData:
    def __init__(self, path: Path, set_aside: SetAside | None) -> None:
        """Use `UserData.open`."""
        self.path = path
        self.set_aside = set_aside
        """The file that was moved aside instead of opened, if one was: for the reader's
        dialog (`set_aside.message`)."""
        self._engine = engine_for(path)

    @classmethod
    def open(cls, path: Path) -> UserData:
        """Open the user database at `path`, making it (and its folder) if there is none and
        bringing an older one up to date. A file that cannot be used is moved aside, never
        overwritten, and a new one made: see `set_aside`. Raises UserDataError if there can
        be no user database at `path` at all (it is a folder, the disk is read-only)."""
        userdata = cls(path, prepare(path))
        try:
            with reading(userdata._engine, path) as connection:
                current = up_to_date(connection)
            if not current:
                with writing(userdata._engine, path) as connection:
                    bring_up_to_date(connection, path)
        except BaseException:
            userdata.close()
            raise
        return userdata

    def close(self) -> None:
        """Close every connection (the last one folds the -wal file into the database)."""
        self._engine.dispose()

    def __enter__(self) -> UserData:
        return self

    def __exit__(self, *_exception: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with reading(self._engine, self.path) as connection:
            yield connection

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with writing(self._engine, self.path) as connection:
            yield connection

    # --- bookmarks ------------------------------------------------------------------------------

    def add_bookmark(self, address: str, title: str) -> Bookmark:
        """Bookmark the place at `address`, shown as `title`; a place already bookmarked keeps
        the bookmark it has, which is returned."""
        address, title, stamp = values.place(address), values.title(title), values.now()
        row = {"id": values.new_id(), "address": address, "title": title, "label": None}
        with self._writing() as connection:
            connection.execute(
                insert(bookmarks)
                .values(**row, created=stamp, updated=stamp)
                .on_conflict_do_nothing(index_elements=[bookmarks.c.address])
            )
            made = _bookmark(connection, bookmarks.c.address == address)
        assert made is not None, "inserted, or there already"
        return made

    def bookmark_at(self, address: str) -> Bookmark | None:
        """The bookmark of the place at `address`, if it has one (for the page's toggle)."""
        with self._reading() as connection:
            return _bookmark(connection, bookmarks.c.address == values.place(address))

    def rename_bookmark(self, bookmark_id: str, label: str | None) -> Bookmark | None:
        """Give a bookmark the reader's own name; an empty or None label goes back to the
        place's title. None if the bookmark is gone (removed by another window or instance)."""
        label = values.title(label) if label and label.strip() else None
        with self._writing() as connection:
            connection.execute(
                update(bookmarks)
                .where(bookmarks.c.id == bookmark_id)
                .values(label=label, updated=values.now())
            )
            return _bookmark(connection, bookmarks.c.id == bookmark_id)

    def remove_bookmark(self, bookmark_id: str) -> bool:
        """Remove a bookmark; False if it was already gone."""
        with self._writing() as connection:
            removed = connection.execute(delete(bookmarks).where(bookmarks.c.id == bookmark_id))
        return removed.rowcount > 0

    def bookmarks(self) -> tuple[Bookmark, ...]:
        """Every bookmark, the newest first."""
        with self._reading() as connection:
            rows = connection.execute(
                select(bookmarks).order_by(bookmarks.c.created.desc(), bookmarks.c.id)
            )
            return tuple(Bookmark(*row) for row in rows)

    # --- notes ----------------------------------------------------------------------------------

    def add_note(self, address: str, text: str) -> Note:
        """A new note on the place at `address`: a cell, a study, a bite heading, a document."""
        stamp = values.now()
        note = Note(values.new_id(), values.place(address), values.text(text), stamp, stamp)
        with self._writing() as connection:
            connection.execute(
                notes.insert().values(
                    id=note.id,
                    address=note.address,
                    text=note.text,
                    created=note.created,
                    updated=note.updated,
                )
            )
        return note

    def edit_note(self, note_id: str, text: str) -> Note | None:
        """Replace a note's text; None if the note is gone (deleted elsewhere meanwhile)."""
        text = values.text(text)
        with self._writing() as connection:
            connection.execute(
                update(notes).where(notes.c.id == note_id).values(text=text, updated=values.now())
            )
            return _note(connection, notes.c.id == note_id)

    def delete_note(self, note_id: str) -> bool:
        """Delete a note; False if it was already gone."""
        with self._writing() as connection:
            deleted = connection.execute(delete(notes).where(notes.c.id == note_id))
        return deleted.rowcount > 0

    def note(self, note_id: str) -> Note | None:
        with self._reading() as connection:
            return _note(connection, notes.c.id == note_id)

    def notes(self, limit: int | None = None, offset: int = 0) -> tuple[Note, ...]:
        """Every note, the most recently changed first (the Notes panel's order); with `limit`
        and `offset`, only that many from that row on (the rows the panel shows)."""
        return self._notes(None, *_LATEST_FIRST, limit=limit, offset=offset)

    def note_count(self) -> int:
        with self._reading() as connection:
            return int(connection.execute(select(func.count()).select_from(notes)).scalar_one())

    def note_row(self, note_id: str) -> int | None:
        """Where the note with `note_id` is in `notes()`; None if there is no such note."""
        with self._reading() as connection:
            at = connection.execute(
                select(notes.c.updated, notes.c.number).where(notes.c.id == note_id)
            ).first()
            if at is None:
                return None
            newer = or_(
                notes.c.updated > at.updated,
                and_(notes.c.updated == at.updated, notes.c.number > at.number),
            )
            count = select(func.count()).select_from(notes).where(newer)
            return int(connection.execute(count).scalar_one())

    def notes_at(self, address: str, parts: bool = False) -> tuple[Note, ...]:
        """The notes on the place at `address`, oldest first; with `parts`, also those on its
        parts (a cell page's bite headings and studies), for the markers on a page."""
        address = values.place(address)
        where: ColumnElement[bool] = notes.c.address == address
        if parts:
            # GLOB, unlike LIKE, is case-sensitive, and addresses hold no GLOB wildcards.
            where = or_(where, notes.c.address.op("GLOB")(f"{address}[#/]*"))
        return self._notes(where, notes.c.created, notes.c.number)

    def _notes(
        self,
        where: ColumnElement[bool] | None,
        *order: ColumnElement[object],
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[Note, ...]:
        query = select(*NOTE_COLUMNS).order_by(*order).offset(max(0, offset))
        if where is not None:
            query = query.where(where)
        if limit is not None:
            query = query.limit(max(0, limit))
        with self._reading() as connection:
            return tuple(Note(*row) for row in connection.execute(query))

    def search_notes(
        self, text: str, limit: int = DEFAULT_LIMIT, prefix_last: bool = False
    ) -> tuple[NoteHit, ...]:
        """Notes holding the words of `text`, best first (newest first when more than
        RANK_UP_TO match), read as the pack's search reads a query (`core.search`: any text is
        safe; "phrases", prefix*, OR; `prefix_last` for search as you type). Empty for a query
        with no words."""
        query = query_and_marker(text, prefix_last)
        if query is None:
            return ()
        fts, marker = query
        with self._reading() as connection:
            many = connection.execute(_MATCHES, {"query": fts, "most": RANK_UP_TO + 1}).scalar()
            rows = connection.execute(
                _NEWEST_FIRST if many and many > RANK_UP_TO else _BEST_FIRST,
                {"query": fts, "limit": max(1, min(limit, MAX_LIMIT))},
            )
            found = [Note(*row) for row in rows]
        return tuple(NoteHit(note, snippet(note.text, marker)) for note in found)

    # --- Matrix Bites course progress -----------------------------------------------------------

    def mark_read(self, matrix: str, cell: str) -> BiteProgress:
        """Mark a cell's Matrix Bite read (when it was first marked is kept)."""
        marked = self._mark(matrix, cell, "read_at", True)
        assert marked is not None, "a marked bite has its row"
        return marked

    def mark_discussed(self, matrix: str, cell: str) -> BiteProgress:
        """Mark a cell's Matrix Bite discussed with a team."""
        marked = self._mark(matrix, cell, "discussed_at", True)
        assert marked is not None, "a marked bite has its row"
        return marked

    def unmark_read(self, matrix: str, cell: str) -> BiteProgress | None:
        """Take back "read"; None when the bite then has no mark at all."""
        return self._mark(matrix, cell, "read_at", False)

    def unmark_discussed(self, matrix: str, cell: str) -> BiteProgress | None:
        """Take back "discussed"; None when the bite then has no mark at all."""
        return self._mark(matrix, cell, "discussed_at", False)

    def _mark(self, matrix: str, cell: str, mark: str, on: bool) -> BiteProgress | None:
        key = {"matrix": values.matrix(matrix), "cell": values.cell(cell)}
        this_bite = (bite_progress.c.matrix == matrix) & (bite_progress.c.cell == cell)
        with self._writing() as connection:
            if on:
                add = insert(bite_progress).values(**key, **{mark: values.now()})
                connection.execute(
                    add.on_conflict_do_update(
                        index_elements=[bite_progress.c.matrix, bite_progress.c.cell],
                        set_={mark: func.coalesce(bite_progress.c[mark], add.excluded[mark])},
                    )
                )
            else:
                # A bite with neither mark has no row (the table's CHECK insists).
                other = "discussed_at" if mark == "read_at" else "read_at"
                connection.execute(
                    delete(bite_progress).where(this_bite, bite_progress.c[other].is_(None))
                )
                connection.execute(update(bite_progress).where(this_bite).values({mark: None}))
            row = connection.execute(select(bite_progress).where(this_bite)).one_or_none()
        return BiteProgress(*row) if row else None

    def bite(self, matrix: str, cell: str) -> BiteProgress | None:
        """A cell's bite marks, or None if it has none."""
        this_bite = (bite_progress.c.matrix == matrix) & (bite_progress.c.cell == cell)
        with self._reading() as connection:
            row = connection.execute(select(bite_progress).where(this_bite)).one_or_none()
        return BiteProgress(*row) if row else None

    def progress(self, matrix: str) -> MatrixProgress:
        """A matrix's course progress: which bites are read and discussed ("7 of 25")."""
        with self._reading() as connection:
            rows = connection.execute(
                select(bite_progress).where(bite_progress.c.matrix == matrix)
            ).all()
        return MatrixProgress(
            matrix,
            read=frozenset(row.cell for row in rows if row.read_at),
            discussed=frozenset(row.cell for row in rows if row.discussed_at),
        )

    # --- history --------------------------------------------------------------------------------

    def record_visit(self, address: str, title: str) -> None:
        """The reader has read the place at `address`: it goes to the top of the history,
        which keeps the HISTORY_LIMIT most recent places."""
        row = {"title": values.title(title), "visited_at": values.now()}
        with self._writing() as connection:
            add = insert(history).values(address=values.place(address), **row)
            connection.execute(
                add.on_conflict_do_update(index_elements=[history.c.address], set_=row)
            )
            trim_history(connection)

    def history(self, limit: int = HISTORY_LIMIT) -> tuple[HistoryItem, ...]:
        """The places read most recently, the latest first."""
        query = select(history).order_by(history.c.visited_at.desc(), history.c.address)
        with self._reading() as connection:
            rows = connection.execute(query.limit(limit))
            return tuple(HistoryItem(*row) for row in rows)

    def clear_history(self) -> int:
        """Forget every place read; how many there were."""
        with self._writing() as connection:
            return connection.execute(delete(history)).rowcount

    # --- the CPD log -----------------------------------------------------------------------------

    def add_cpd(self, details: CpdDetails) -> CpdEntry:
        """A new CPD entry; values.BadValueError, before anything is written, if a field is
        wrong."""
        stamp = values.now()
        entry = CpdEntry(values.new_id(), values.cpd_details(details), stamp, stamp)
        with self._writing() as connection:
            cpd.insert(connection, [entry])
        return entry

    def edit_cpd(self, entry_id: str, details: CpdDetails) -> CpdEntry | None:
        """Replace what a CPD entry says; None if it is gone (deleted elsewhere meanwhile)."""
        details = values.cpd_details(details)
        with self._writing() as connection:
            found = cpd.read(connection, cpd_entries.c.id == entry_id)
            if not found:
                return None
            entry = CpdEntry(entry_id, details, found[0].created, values.now())
            cpd.replace(connection, entry)
        return entry

    def delete_cpd(self, entry_id: str) -> bool:
        """Delete a CPD entry; False if it was already gone."""
        with self._writing() as connection:
            return cpd.remove(connection, entry_id)

    def cpd_entry(self, entry_id: str) -> CpdEntry | None:
        with self._reading() as connection:
            found = cpd.read(connection, cpd_entries.c.id == entry_id)
        return found[0] if found else None

    def cpd_entries(self, start: str | None = None, end: str | None = None) -> tuple[CpdEntry, ...]:
        """The CPD log, newest first; with `start` and/or `end` (days, 2026-01-31), only the
        entries dated from `start` to `end`, both included."""
        where: ColumnElement[bool] = cpd_entries.c.date >= values.day(start or "0001-01-01")
        if end is not None:
            where = where & (cpd_entries.c.date <= values.day(end))
        with self._reading() as connection:
            return cpd.read(connection, where)

    # --- places the pack no longer has ----------------------------------------------------------

    def orphans(self, known: Container[str]) -> Orphans:
        """The bookmarks and notes whose place is not among the `known` addresses (every place
        the installed pack has, in long form): listed, with their text, and never deleted."""
        with self._reading() as connection:
            marks = [Bookmark(*r) for r in connection.execute(select(bookmarks))]
            written = [Note(*r) for r in connection.execute(select(*NOTE_COLUMNS))]
        return Orphans(
            tuple(b for b in marks if b.address not in known),
            tuple(n for n in written if n.address not in known),
        )

    # --- export and import ----------------------------------------------------------------------

    def export_to(self, file: Path) -> exchange.Counts:
        """Write everything to one JSON file (docs/userdata.md), whole or not at all."""
        with self._reading() as connection:
            content = exchange.content_of(connection)
        return exchange.write_file(content, file)

    def import_from(self, file: Path) -> merging.MergeSummary:
        """Merge a file made by `export_to` (here or on another computer) into this user data.
        Raises ExchangeError, changing nothing, if the file cannot be read or is not one."""
        return self.merge(exchange.read_file(file))

    def merge(self, incoming: exchange.Content) -> merging.MergeSummary:
        """Merge checked content (`exchange.read_file`) in one transaction (docs/userdata.md
        gives the rules): nothing is duplicated, and nothing here is deleted."""
        with self._writing() as connection:
            summary = merging.merge(connection, incoming)
            trim_history(connection)
        return summary


def trim_history(connection: Connection) -> None:
    """Forget all but the HISTORY_LIMIT most recently read places."""
    cutoff = (
        select(history.c.visited_at)
        .order_by(history.c.visited_at.desc())
        .limit(1)
        .offset(HISTORY_LIMIT - 1)
        .scalar_subquery()
    )
    connection.execute(delete(history).where(history.c.visited_at < cutoff))


def _bookmark(connection: Connection, where: ColumnElement[bool]) -> Bookmark | None:
    row = connection.execute(select(bookmarks).where(where)).one_or_none()
    return Bookmark(*row) if row else None


def _note(connection: Connection, where: ColumnElement[bool]) -> Note | None:
    row = connection.execute(select(*NOTE_COLUMNS).where(where)).one_or_none()
    return Note(*row) if row else None
