"""ContentStore: the read-only query API over one pack. All it returns is frozen view data.

What the first window needs (pack summary, matrices, the 50 cell summaries) is read with the
standard library's sqlite3: importing SQLAlchemy alone takes longer than Qt's whole start-up, so the
ORM (`page_query`) is loaded only for cell pages, or in the background by `warm_up()`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from matrixdesk.core.pack import check_pack_file, connect_read_only
from matrixdesk.core.views import Axis, CellPage, CellSummary, MatrixView, PackSummary

if TYPE_CHECKING:
    from sqlalchemy import Engine

_CELLS_SQL = """
    SELECT m.key, c.code, c.title, c.headline, c.online_url, c.has_content,
           col.key, col.name, col.audience, r.key, r.name, r.course_title
    FROM cells c
    JOIN matrices m ON m.id = c.matrix_id
    JOIN matrix_columns col ON col.id = c.column_id
    JOIN matrix_rows r ON r.id = c.row_id
    WHERE m.key = ?
    ORDER BY r.position, col.position
"""


class ContentStore:
    def __init__(self, path: Path) -> None:
        """Open a pack read-only; raises `PackError` with a user-facing reason if it is unusable."""
        check_pack_file(path)
        self.path = path
        self._connection = connect_read_only(path)
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> ContentStore:
        return cls(path)

    def close(self) -> None:
        self._connection.close()
        if self._engine is not None:
            self._engine.dispose()

    def warm_up(self) -> None:
        """Load the ORM now (safe from a worker thread) so the first page opens without the wait."""
        self._orm_engine()

    def summary(self) -> PackSummary:
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

    def study_types(self) -> dict[str, str]:
        rows = self._connection.execute("SELECT code, label FROM study_types ORDER BY position")
        return dict(rows.fetchall())

    def matrices(self) -> tuple[MatrixView, ...]:
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
        return tuple(
            CellSummary(
                matrix=row[0],
                code=row[1],
                title=row[2],
                headline=row[3],
                online_url=row[4],
                has_content=bool(row[5]),
                column=Axis(*row[6:9]),
                row=Axis(*row[9:12]),
            )
            for row in self._connection.execute(_CELLS_SQL, (matrix,))
        )

    def cell_page(self, matrix: str, code: str) -> CellPage | None:
        """Everything shown on one cell page, or None if the pack has no such cell."""
        from matrixdesk.core.page_query import load_cell_page

        return load_cell_page(self._orm_engine(), matrix, code)

    def counts(self) -> dict[str, int]:
        """How much the pack holds, for `matrixdesk info`."""
        queries = {
            "matrices": "SELECT count(*) FROM matrices",
            "cells": "SELECT count(*) FROM cells",
            "cells with content": "SELECT count(*) FROM cells WHERE has_content",
            "entries": "SELECT count(*) FROM entries",
            "sections": "SELECT count(*) FROM sections",
        }
        return {
            label: self._connection.execute(sql).fetchone()[0] for label, sql in queries.items()
        }

    def _orm_engine(self) -> Engine:
        with self._engine_lock:
            if self._engine is None:
                from matrixdesk.core.page_query import create_pack_engine

                self._engine = create_pack_engine(self.path)
            return self._engine
