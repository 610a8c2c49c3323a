"""ContentStore: the read-only query API over one pack. All it returns is frozen view data.

Opening a store verifies the whole file (`pack.PackFile`), then reads and checks what every window
needs before it shows anything: the pack's own row, both matrices and all their cells. Every later
read goes through `_reading`, which turns anything wrong with the pack into a `PackError`: SQLite's
errors (some of whose messages are not even UTF-8), values the pack format does not allow
(`checked`), and a file changed since it was verified.

Reads use the standard library's sqlite3 (see `page_query` for why not SQLAlchemy), over one
read-only connection used from the UI thread; `searcher` hands a second one to a search thread.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from matrixdesk.core import checked
from matrixdesk.core.addresses import MATRIX_KEY_PATTERN, RESERVED_MATRIX_KEYS
from matrixdesk.core.checked import PackValueError
from matrixdesk.core.pack import DAMAGED, PackError, PackFile
from matrixdesk.core.page_query import (
    CELL_SUMMARIES,
    READER_STATEMENTS,
    axis,
    cell_summary,
    load_cell_page,
    load_document,
)
from matrixdesk.core.schema import CELL_CODES, COLUMN_KEYS, ROW_KEYS
from matrixdesk.core.seal import Seal
from matrixdesk.core.search import DEFAULT_LIMIT, SEARCH_STATEMENT, SearchHit, search
from matrixdesk.core.suggest import SUGGEST_STATEMENTS, suggestion
from matrixdesk.core.views import (
    CellPage,
    CellSummary,
    Credit,
    DocumentView,
    MatrixView,
    PackSummary,
)

_MATRIX_KEY = re.compile(rf"^{MATRIX_KEY_PATTERN}$")
_SUMMARY = "SELECT title, edition, content_hash, builder_version, publisher FROM pack_info"
_CREDITS = "SELECT role, name FROM credits ORDER BY position"
_REASON_CHARS = 120


@contextmanager
def reading(pack: PackFile) -> Iterator[None]:
    """Read from `pack`, turning whatever a damaged or altered pack can cause into a PackError
    a person can act on."""
    pack.check_unchanged()
    try:
        yield
    except (sqlite3.Error, UnicodeDecodeError) as error:
        # SQLite reports a damaged file as a DatabaseError, but raises UnicodeDecodeError when
        # its own message quotes bytes that are not UTF-8 (a damaged schema's names).
        pack.check_unchanged()  # say so if it was changed under us: that is the better reason
        reason = str(error) if isinstance(error, sqlite3.Error) else "its text is not readable"
        # SQLite may quote a whole damaged row: enough of it to recognise is enough.
        reason = reason if len(reason) <= _REASON_CHARS else reason[:_REASON_CHARS] + "…"
        raise PackError(pack.path, f"{DAMAGED} and cannot be read ({reason}).") from None
    except PackValueError as error:
        raise PackError(pack.path, f"{DAMAGED}: {error}.") from None


class ContentStore:
    def __init__(self, path: Path) -> None:
        """Open a pack read-only; raises `PackError` with a user-facing reason if it is unusable."""
        self.path = path
        self._file = PackFile(path)
        self._connection: sqlite3.Connection | None = None
        # Opened now, with the UI's, so that search keeps reading this very file even if it is
        # moved or replaced later (a new connection would open whatever is at the path then).
        self._search_connection: sqlite3.Connection | None = None
        try:
            with reading(self._file):
                self._connection = self._file.connect()
                self._search_connection = self._file.connect()
                self._summary = self._load_summary()
                self._check_statements()
                self._matrices = self._load_matrices()
                self._cells = {m.key: self._load_cells(m.key) for m in self._matrices}
        except BaseException:
            self.close()
            raise

    @classmethod
    def open(cls, path: Path) -> ContentStore:
        return cls(path)

    @property
    def seal(self) -> Seal:
        """The verified seal, with the signature slot's digits (`core.signing` checks them)."""
        return self._file.seal

    def close(self) -> None:
        for connection in (self._connection, self._search_connection):
            if connection is not None:
                connection.close()
        self._file.close()

    @property
    def _query(self) -> sqlite3.Connection:
        assert self._connection is not None, "the store is open"
        return self._connection

    def _load_summary(self) -> PackSummary:
        rows = self._query.execute(_SUMMARY).fetchall()
        if len(rows) != 1:
            raise PackValueError("it does not have exactly one description of itself")
        title, edition, content_hash, builder, publisher = rows[0]
        (schema_version,) = self._query.execute("PRAGMA user_version").fetchone()
        (application_id,) = self._query.execute("PRAGMA application_id").fetchone()
        return PackSummary(
            title=checked.text(title, "its title"),
            edition=checked.text(edition, "its edition"),
            content_hash=checked.text(content_hash, "its content hash"),
            builder_version=checked.text(builder, "the version that built it"),
            schema_version=schema_version,
            application_id=application_id,
            seal=str(self._file.seal),
            publisher=None if publisher is None else checked.text(publisher, "its publisher"),
            credits=self._load_credits(),
        )

    def _load_credits(self) -> tuple[Credit, ...]:
        """The credits, a role with each name as stored, gathered into one line per role."""
        credits: list[Credit] = []
        for role, name in self._query.execute(_CREDITS).fetchall():
            role = checked.text(role, "a credit's role")
            name = checked.text(name, "a credited name")
            if credits and credits[-1].role == role:
                credits[-1] = Credit(role, (*credits[-1].names, name))
            else:
                credits.append(Credit(role, (name,)))
        return tuple(credits)

    def _check_statements(self) -> None:
        """Run every query the reader will ever make once, matching nothing: a missing table or
        column is found now, at open, and not when a reader first goes somewhere."""
        for statement, parameters in (*READER_STATEMENTS, SEARCH_STATEMENT, *SUGGEST_STATEMENTS):
            self._query.execute(statement, parameters).fetchall()

    def _load_matrices(self) -> tuple[MatrixView, ...]:
        query = self._query.execute
        views = []
        for matrix_id, key, name, tagline in query(
            "SELECT id, key, name, tagline FROM matrices ORDER BY position"
        ).fetchall():
            if (
                not isinstance(key, str)
                or not _MATRIX_KEY.match(key)
                or key in RESERVED_MATRIX_KEYS
            ):
                raise PackValueError("a matrix has a key this version cannot use")
            what = f"the {key} matrix"
            columns = query(
                "SELECT key, name, audience FROM matrix_columns WHERE matrix_id = ? "
                "ORDER BY position",
                (matrix_id,),
            ).fetchall()
            rows = query(
                "SELECT key, name, course_title FROM matrix_rows WHERE matrix_id = ? "
                "ORDER BY position",
                (matrix_id,),
            ).fetchall()
            if [c[0] for c in columns] != list(COLUMN_KEYS) or [r[0] for r in rows] != list(
                ROW_KEYS
            ):
                raise PackValueError(f"{what} does not have columns A to E and rows 1 to 5")
            views.append(
                MatrixView(
                    key=key,
                    name=checked.text(name, f"the name of {what}"),
                    tagline=checked.optional_text(tagline, f"the tagline of {what}"),
                    columns=tuple(axis(c, COLUMN_KEYS, f"a column of {what}") for c in columns),
                    rows=tuple(axis(r, ROW_KEYS, f"a row of {what}") for r in rows),
                )
            )
        if not views or len({view.key for view in views}) != len(views):
            raise PackValueError("its matrices are missing or repeated")
        return tuple(views)

    def _load_cells(self, matrix: str) -> tuple[CellSummary, ...]:
        """All 25 cells, row by row, each where its code says: the grid draws them by position."""
        cells = tuple(cell_summary(row) for row in self._query.execute(CELL_SUMMARIES, (matrix,)))
        if tuple(cell.code for cell in cells) != CELL_CODES or any(
            cell.code != cell.column.key + cell.row.key or cell.matrix != matrix for cell in cells
        ):
            raise PackValueError(f"the {matrix} matrix does not have its 25 cells in their places")
        return cells

    def summary(self) -> PackSummary:
        return self._summary

    def matrices(self) -> tuple[MatrixView, ...]:
        return self._matrices

    def cells(self, matrix: str) -> tuple[CellSummary, ...]:
        """All 25 cells of a matrix, row by row (A1, B1, ... E5); none for an unknown matrix."""
        return self._cells.get(matrix, ())

    def cell_page(self, matrix: str, code: str) -> CellPage | None:
        """Everything shown on one cell page, or None if the pack has no such cell."""
        with reading(self._file):
            return load_cell_page(self._query, matrix, code)

    def document(self, slug: str) -> DocumentView | None:
        """A document the pack carries, with the studies that cite it; None if there is none."""
        with reading(self._file):
            return load_document(self._query, slug)

    def search(
        self,
        text: str,
        matrix: str | None = None,
        type_code: str | None = None,
        limit: int = DEFAULT_LIMIT,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Ranked full-text hits; see `core.search`. Call from the thread that opened the store."""
        with reading(self._file):
            return search(self._query, text, matrix, type_code, limit, prefix_last)

    def suggest(self, text: str) -> str | None:
        """`text` with words the pack does not hold replaced by close ones it does, or None."""
        with reading(self._file):
            return suggestion(self._query, text)

    def coverage(self) -> tuple[tuple[CellSummary, ...], int]:
        """The cells the pack holds in full, and how many cells there are in all."""
        cells = [cell for matrix in self._matrices for cell in self._cells[matrix.key]]
        return tuple(cell for cell in cells if cell.has_content), len(cells)

    def searcher(self) -> Searcher:
        """Search for one other thread, on a connection of its own: the one opened with the
        store's, the first time (a second window's is opened now)."""
        connection, self._search_connection = self._search_connection, None
        with reading(self._file):
            return Searcher(self._file, connection or self._file.connect())

    def counts(self) -> dict[str, int]:
        """How much the pack holds, for `matrixdesk info`."""
        queries = {
            "matrices": "SELECT count(*) FROM matrices",
            "cells": "SELECT count(*) FROM cells",
            "cells with content": "SELECT count(*) FROM cells WHERE has_content",
            "entries": "SELECT count(*) FROM entries",
            "sections": "SELECT count(*) FROM sections",
        }
        with reading(self._file):
            return {
                label: checked.integer(self._query.execute(sql).fetchone()[0], label)
                for label, sql in queries.items()
            }

    def check_integrity(self) -> None:
        """SQLite's own full check of the file, and the search index's check of itself; raises
        PackError if either finds anything wrong. Reads the whole pack: for `matrixdesk info`,
        not for opening (the seal has checked the bytes already)."""
        with reading(self._file):
            found = [str(row[0]) for row in self._query.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                raise PackValueError(f"SQLite's check of it found: {'; '.join(found[:3])}")
            # FTS5 checks its index only with an INSERT, which a read-only pack refuses: check a
            # copy in memory instead.
            copy = sqlite3.connect(":memory:")
            try:
                copy.deserialize(self._query.serialize())
                copy.execute(
                    "INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)"
                )
            finally:
                copy.close()


class Searcher:
    """Full-text search on a connection of its own, for use from one thread (not the UI's).
    Raises PackError as the store does."""

    def __init__(self, pack: PackFile, connection: sqlite3.Connection) -> None:
        self._file = pack
        self._connection = connection

    def search(
        self, text: str, matrix: str | None, type_code: str | None, prefix_last: bool = True
    ) -> tuple[list[SearchHit], str | None]:
        """The hits, and when there are none, a suggestion (see ContentStore.suggest)."""
        with reading(self._file):
            hits = search(self._connection, text, matrix, type_code, prefix_last=prefix_last)
            return hits, None if hits else suggestion(self._connection, text)

    def close(self) -> None:
        self._connection.close()
