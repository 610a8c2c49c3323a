"""Rows of the full-text index, collected while the pack is written and inserted in one go."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from matrixdesk.core.addresses import Address, DocumentAddress
from matrixdesk.core.schema import SEARCH_INDEX_COLUMNS, SEARCH_INDEX_DDL, SEARCH_RANK_CONFIG
from matrixdesk.core.suggest import VOCABULARY_DDL, vocabulary


@dataclass
class SearchRows:
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(
        self,
        kind: str,
        title: str,
        body: str | None,
        address: Address | DocumentAddress,
        types: tuple[str, ...] = (),
        block: str = "",
    ) -> None:
        """One searchable place. `block` ("<section-slug>/<index>") names the Matrix Bite block a
        commentary row comes from, so a hit inside folded text can be unfolded."""
        matrix, cell = ("", "")
        if isinstance(address, Address):
            matrix, cell = address.matrix, address.cell or ""
        self.rows.append(
            {
                "title": " ".join(title.split()),
                "body": body or "",
                "kind": kind,
                "address": str(address),
                "matrix": matrix,
                "cell": cell,
                "types": " ".join(types),
                "block": block,
            }
        )

    def write(self, connection: Connection) -> None:
        """Create the index, set its ranking, and add the rows in the order they were added:
        the pack's own order is used when ranking every match would cost too much."""
        connection.exec_driver_sql(SEARCH_INDEX_DDL)
        connection.exec_driver_sql(SEARCH_RANK_CONFIG)
        names = ", ".join(SEARCH_INDEX_COLUMNS)
        values = ", ".join(f":{name}" for name in SEARCH_INDEX_COLUMNS)
        if self.rows:
            connection.exec_driver_sql(
                f"INSERT INTO search_index ({names}) VALUES ({values})", self.rows
            )
        # The words a reader may have meant, for "did you mean …?" (core.suggest).
        connection.exec_driver_sql(VOCABULARY_DDL)
        words = vocabulary([f"{row['title']} {row['body']}" for row in self.rows])
        if words:
            connection.exec_driver_sql(
                "INSERT INTO vocabulary (word, count) VALUES (?, ?)", sorted(words.items())
            )
