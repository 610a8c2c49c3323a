"""The user database's tables: the one definition of its current schema.

A new database is made from these definitions (`migrations.create`); an older one is brought up
to them by the migration steps, and a test checks that both give the same schema. Change a table
here only together with a new SCHEMA_VERSION, a step in `migrations.MIGRATIONS` and a snapshot
of the released version in tests/userdata_versions/ (see docs/userdata.md).

Everything is keyed by stable text: a place's address (`matrixdesk:/alcohol/B5#slug`) or a
random UUID, never a row id of the pack, so user data outlives every pack edition and export
files merge by identity. Timestamps are UTC ISO-8601 text of one fixed width (`values.now`), so
they sort as text in time order.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, MetaData, Table, Text

# `PRAGMA application_id`: the bytes "MDud" (MatrixDesk user data), telling our file from a pack
# ("MDsk") and from any other program's SQLite database.
APPLICATION_ID: Final = int.from_bytes(b"MDud", "big")
# `PRAGMA user_version`: the schema version. Bump it with every change to the tables below.
SCHEMA_VERSION: Final = 2

USERDATA_FILENAME: Final = "userdata.sqlite"
HISTORY_LIMIT: Final = 500  # places kept in the history; older ones are forgotten

metadata = MetaData()

bookmarks = Table(
    "bookmarks",
    metadata,
    Column("id", Text, primary_key=True),
    # One bookmark a place: Ctrl+D toggles it.
    Column("address", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),  # the place's title when it was bookmarked
    Column("label", Text),  # the reader's own name for it; NULL: shown by its title
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False),  # renamed; decides which copy an import keeps
)

notes = Table(
    "notes",
    metadata,
    # The search index's link to a note (an FTS5 external content table needs an integer key,
    # and only an INTEGER PRIMARY KEY is sure to survive VACUUM). Never leaves the file.
    Column("number", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("address", Text, nullable=False, index=True),
    Column("text", Text, nullable=False),  # as typed: plain text or simple Markdown
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False, index=True),
)

bite_progress = Table(
    "bite_progress",
    metadata,
    Column("matrix", Text, primary_key=True),
    Column("cell", Text, primary_key=True),
    Column("read_at", Text),
    Column("discussed_at", Text),
    # A bite with neither mark has no row.
    CheckConstraint("read_at IS NOT NULL OR discussed_at IS NOT NULL", name="marked"),
)

history = Table(
    "history",
    metadata,
    Column("address", Text, primary_key=True),  # a place once, at its latest visit
    Column("title", Text, nullable=False),
    Column("visited_at", Text, nullable=False, index=True),
)

# Continuing professional development (since version 2): one row an entry, its places in
# `cpd_places` in the order the reader gave them.
cpd_entries = Table(
    "cpd_entries",
    metadata,
    Column("id", Text, primary_key=True),
    Column("date", Text, nullable=False, index=True),  # the day, e.g. 2026-01-31
    Column("activity", Text, nullable=False),  # values.ACTIVITIES
    Column("minutes", Integer, nullable=False),
    Column("mode", Text, nullable=False),  # individual or participatory
    Column("learned", Text, nullable=False),  # what I learned
    Column("practice", Text, nullable=False),  # how it will change my practice
    Column("standard", Text, nullable=False),  # the standard or code it relates to
    Column("evidence", Text, nullable=False),  # an evidence reference
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False),  # decides which copy an import keeps
    CheckConstraint("minutes >= 0", name="minutes_counted"),
)

cpd_places = Table(
    "cpd_places",
    metadata,
    Column("entry", Text, ForeignKey("cpd_entries.id"), primary_key=True),
    Column("position", Integer, primary_key=True),  # the order the reader gave them in
    # A place's long address, never a pack row id: kept when a pack no longer has it.
    Column("address", Text, nullable=False, index=True),
)

# Full-text search over the notes, tokenised as the pack's own search index is (stemming, case
# and accents folded, prefix indexes for search-as-you-type), so one query finds the same words in
# both. An external content table: the text is stored once, in `notes`; the triggers keep the
# index in step within each write's own transaction.
NOTES_SEARCH_DDL: Final = (
    "CREATE VIRTUAL TABLE notes_search USING fts5(text, content='notes', "
    "content_rowid='number', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')",
    "CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN "
    "INSERT INTO notes_search(rowid, text) VALUES (new.number, new.text); END",
    "CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN "
    "INSERT INTO notes_search(notes_search, rowid, text) VALUES ('delete', old.number, old.text); "
    "END",
    "CREATE TRIGGER notes_search_update AFTER UPDATE OF text ON notes BEGIN "
    "INSERT INTO notes_search(notes_search, rowid, text) VALUES ('delete', old.number, old.text); "
    "INSERT INTO notes_search(rowid, text) VALUES (new.number, new.text); END",
)
