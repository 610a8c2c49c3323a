"""ContentStore: the read-only query API over one pack. All it returns is frozen view data.

Reads use the standard library's sqlite3 (see `page_query` for why not SQLAlchemy), over one
read-only connection used from the UI thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from matrixdesk.core.pack import PackError, check_pack_file, connect_read_only
from matrixdesk.core.page_query import (
    CELL_SUMMARIES,
    cell_summary,
    load_cell_page,
    load_document,
)
from matrixdesk.core.schema import COLUMN_KEYS, ROW_KEYS
from matrixdesk.core.search import DEFAULT_LIMIT, SearchHit, search
from matrixdesk.core.views import (
    Axis,
    CellPage,
    CellSummary,
    DocumentView,
    MatrixView,
    PackSummary,
)

CELLS_PER_MATRIX = len(COLUMN_KEYS) * len(ROW_KEYS)


class ContentStore:
    def __init__(self, path: Path) -> None:
        """Open a pack read-only; raises `PackError` with a user-facing reason if it is unusable."""
        check_pack_file(path)
        self.path = path
        self._connection = connect_read_only(path)
        try:
            self._check_contents()
        except PackError:
            self._connection.close()
            raise

    def _check_contents(self) -> None:
        """What the window needs before it can show anything: readable tables, and every matrix
        with its 25 cells (a grid with a hole in it cannot be drawn)."""
        with self._reading():
            self._connection.execute("SELECT title FROM pack_info").fetchone()
            per_matrix = self._connection.execute(
                "SELECT count(c.id) FROM matrices m LEFT JOIN cells c ON c.matrix_id = m.id "
                "GROUP BY m.id"
            ).fetchall()
        if not per_matrix or any(count != CELLS_PER_MATRIX for (count,) in per_matrix):
            raise PackError(
                self.path, "The content pack is incomplete: a matrix is missing some of its cells."
            )

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn SQLite's errors on a damaged file into a PackError a person can act on."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            raise PackError(
                self.path, f"The content pack is damaged and cannot be read ({error})."
            ) from None

    @classmethod
    def open(cls, path: Path) -> ContentStore:
        return cls(path)

    def close(self) -> None:
        self._connection.close()

    def summary(self) -> PackSummary:
        with self._reading():
            return self._summary()

    def _summary(self) -> PackSummary:
        query = self._connection.execute
        title, edition, content_hash, builder = query(
            "SELECT title, edition, content_hash, builder_version FROM pack_info"
        ).fetchone()
        return PackSummary(
            title=title,
            edition=edition,
            content_hash=content_hash,
            builder_version=builder,
            schema_version=query("PRAGMA user_version").fetchone()[0],
            application_id=query("PRAGMA application_id").fetchone()[0],
        )

    def matrices(self) -> tuple[MatrixView, ...]:
        with self._reading():
            return self._matrices()

    def _matrices(self) -> tuple[MatrixView, ...]:
        query = self._connection.execute
        views = []
        for matrix_id, key, name, tagline in query(
            "SELECT id, key, name, tagline FROM matrices ORDER BY position"
        ).fetchall():
            columns = query(
                "SELECT key, name, audience FROM matrix_columns WHERE matrix_id = ? "
                "ORDER BY position",
                (matrix_id,),
            )
            rows = query(
                "SELECT key, name, course_title FROM matrix_rows WHERE matrix_id = ? "
                "ORDER BY position",
                (matrix_id,),
            )
            views.append(
                MatrixView(
                    key=key,
                    name=name,
                    tagline=tagline,
                    columns=tuple(Axis(*row) for row in columns),
                    rows=tuple(Axis(*row) for row in rows),
                )
            )
        return tuple(views)

    def cells(self, matrix: str) -> tuple[CellSummary, ...]:
        """All 25 cells of a matrix, row by row (A1, B1, ... E5)."""
        with self._reading():
            rows = self._connection.execute(CELL_SUMMARIES, (matrix,)).fetchall()
        return tuple(cell_summary(row) for row in rows)

    def cell_page(self, matrix: str, code: str) -> CellPage | None:
        """Everything shown on one cell page, or None if the pack has no such cell."""
        with self._reading():
            return load_cell_page(self._connection, matrix, code)

    def document(self, slug: str) -> DocumentView | None:
        """A document the pack carries, with the studies that cite it; None if there is none."""
        with self._reading():
            return load_document(self._connection, slug)

    def search(
        self,
        text: str,
        matrix: str | None = None,
        type_code: str | None = None,
        limit: int = DEFAULT_LIMIT,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Ranked full-text hits; see `core.search`. Call from the thread that opened the store."""
        return search(self._connection, text, matrix, type_code, limit, prefix_last)

    def counts(self) -> dict[str, int]:
        """How much the pack holds, for `matrixdesk info`."""
        queries = {
            "matrices": "SELECT count(*) FROM matrices",
            "cells": "SELECT count(*) FROM cells",
            "cells with content": "SELECT count(*) FROM cells WHERE has_content",
            "entries": "SELECT count(*) FROM entries",
            "sections": "SELECT count(*) FROM sections",
        }
        with self._reading():
            return {
                label: self._connection.execute(sql).fetchone()[0] for label, sql in queries.items()
            }
