"""Bringing a user database to the current schema: a small migration runner rather than Alembic.

Why not Alembic: each reader has one small SQLite file, upgraded by the app itself at start-up,
with no one to run a command. Alembic would add a scripts folder that the frozen bundle must
carry and find at run time, a version table beside the `PRAGMA user_version` that SQLite already
keeps in the file's header, and its batch mode's table copying for what SQLite cannot ALTER;
its autogenerate and branching serve teams sharing a server database. Here a migration is a
plain function, the version is one integer in the header, and the whole upgrade, steps and new
version together, is one transaction: a failed upgrade leaves the file as it was.

A new database is made from the tables in `schema` (`create`), not by replaying every step. A
step is written against the schema as it was at its version (with SQL of its own, never with
today's `schema` tables, which will have moved on). tests/test_userdata_migrations.py opens a
snapshot of every released version and checks it reaches exactly the schema `create` makes,
with its rows kept, and that the current schema still matches its own snapshot.

To change the schema: bump `schema.SCHEMA_VERSION`, change `schema`, add the step here as
MIGRATIONS[new version], and add tests/userdata_versions/v<new version>.sql (docs/userdata.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection

from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.schema import APPLICATION_ID, NOTES_SEARCH_DDL, SCHEMA_VERSION, metadata

Step = Callable[[Connection], None]


def _cpd_log(connection: Connection) -> None:
    """Version 2: the CPD log (its entries, and the places each is about)."""
    for statement in (
        "CREATE TABLE cpd_entries (\n"
        "\tid TEXT NOT NULL,\n"
        "\tdate TEXT NOT NULL,\n"
        "\tactivity TEXT NOT NULL,\n"
        "\tminutes INTEGER NOT NULL,\n"
        "\tmode TEXT NOT NULL,\n"
        "\tlearned TEXT NOT NULL,\n"
        "\tpractice TEXT NOT NULL,\n"
        "\tstandard TEXT NOT NULL,\n"
        "\tevidence TEXT NOT NULL,\n"
        "\tcreated TEXT NOT NULL,\n"
        "\tupdated TEXT NOT NULL,\n"
        "\tPRIMARY KEY (id),\n"
        "\tCONSTRAINT minutes_counted CHECK (minutes >= 0)\n"
        ")",
        "CREATE INDEX ix_cpd_entries_date ON cpd_entries (date)",
        "CREATE TABLE cpd_places (\n"
        "\tentry TEXT NOT NULL,\n"
        "\tposition INTEGER NOT NULL,\n"
        "\taddress TEXT NOT NULL,\n"
        "\tPRIMARY KEY (entry, position),\n"
        "\tFOREIGN KEY(entry) REFERENCES cpd_entries (id)\n"
        ")",
        "CREATE INDEX ix_cpd_places_address ON cpd_places (address)",
    ):
        connection.exec_driver_sql(statement)


# MIGRATIONS[n] takes a database from version n - 1 to version n. Version 1 is the first
# release: nothing older exists to migrate from.
MIGRATIONS: dict[int, Step] = {2: _cpd_log}


def version_of(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())


def up_to_date(connection: Connection) -> bool:
    return version_of(connection) == SCHEMA_VERSION


def bring_up_to_date(connection: Connection, path: Path) -> int:
    """Make a new database, or upgrade an older one, inside the caller's write transaction
    (which holds the write lock, so two instances starting at once do this once). Returns the
    version the file had."""
    found = version_of(connection)
    if found > SCHEMA_VERSION:  # a newer MatrixDesk upgraded it since it was looked at
        raise UserDataError(
            path,
            f"A newer MatrixDesk is using the user database (version {found}).",
            "Use that newer MatrixDesk, or close it before starting this one.",
        )
    if found == 0:
        create(connection)
    else:
        for version in range(found + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](connection)
    connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return found


def create(connection: Connection) -> None:
    """The current schema in an empty database, stamped as ours."""
    metadata.create_all(connection)
    for statement in NOTES_SEARCH_DDL:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
