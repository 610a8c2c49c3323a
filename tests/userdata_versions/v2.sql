-- A MatrixDesk user database of schema version 2 (version 1 and the CPD log), as SQL: its
-- schema exactly as SQLite keeps it, and a few synthetic rows (never real notes or CPD entries).
-- FROZEN: never edit this file; a new schema version gets a file of its own (docs/userdata.md).
-- The migration tests load it, open it with the current code, and check what they find.
PRAGMA application_id = 1296332132;
PRAGMA user_version = 2;
CREATE TABLE bookmarks (
	id TEXT NOT NULL,
	address TEXT NOT NULL,
	title TEXT NOT NULL,
	label TEXT,
	created TEXT NOT NULL,
	updated TEXT NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (address)
);
CREATE TABLE notes (
	number INTEGER NOT NULL,
	id TEXT NOT NULL,
	address TEXT NOT NULL,
	text TEXT NOT NULL,
	created TEXT NOT NULL,
	updated TEXT NOT NULL,
	PRIMARY KEY (number),
	UNIQUE (id)
);
CREATE INDEX ix_notes_address ON notes (address);
CREATE INDEX ix_notes_updated ON notes (updated);
CREATE TABLE bite_progress (
	matrix TEXT NOT NULL,
	cell TEXT NOT NULL,
	read_at TEXT,
	discussed_at TEXT,
	PRIMARY KEY (matrix, cell),
	CONSTRAINT marked CHECK (read_at IS NOT NULL OR discussed_at IS NOT NULL)
);
CREATE TABLE history (
	address TEXT NOT NULL,
	title TEXT NOT NULL,
	visited_at TEXT NOT NULL,
	PRIMARY KEY (address)
);
CREATE INDEX ix_history_visited_at ON history (visited_at);
CREATE VIRTUAL TABLE notes_search USING fts5(text, content='notes', content_rowid='number', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN INSERT INTO notes_search(rowid, text) VALUES (new.number, new.text); END;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN INSERT INTO notes_search(notes_search, rowid, text) VALUES ('delete', old.number, old.text); END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF text ON notes BEGIN INSERT INTO notes_search(notes_search, rowid, text) VALUES ('delete', old.number, old.text); INSERT INTO notes_search(rowid, text) VALUES (new.number, new.text); END;
CREATE TABLE cpd_entries (
	id TEXT NOT NULL, 
	date TEXT NOT NULL, 
	activity TEXT NOT NULL, 
	minutes INTEGER NOT NULL, 
	mode TEXT NOT NULL, 
	learned TEXT NOT NULL, 
	practice TEXT NOT NULL, 
	standard TEXT NOT NULL, 
	evidence TEXT NOT NULL, 
	created TEXT NOT NULL, 
	updated TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT minutes_counted CHECK (minutes >= 0)
);
CREATE INDEX ix_cpd_entries_date ON cpd_entries (date);
CREATE TABLE cpd_places (
	entry TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	address TEXT NOT NULL, 
	PRIMARY KEY (entry, position), 
	FOREIGN KEY(entry) REFERENCES cpd_entries (id)
);
CREATE INDEX ix_cpd_places_address ON cpd_places (address);
INSERT INTO bookmarks VALUES ('3b0f7a52-1c9e-4d6b-8a21-5f4e9c7d2b10', 'matrixdesk:/alcohol/B5', 'Synthetic bookmarked cell', NULL, '2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z');
INSERT INTO bookmarks VALUES ('8d2c4e61-7a3b-4f90-b1c5-0e9d8a7f6c43', 'matrixdesk:/alcohol/B5#synthetic-heading', 'Synthetic bookmarked heading', 'Synthetic label', '2026-01-05T10:01:00.000Z', '2026-01-06T08:30:00.000Z');
INSERT INTO notes (id, address, text, created, updated) VALUES ('c41e8f02-9b7d-4a36-8e15-2d0f7b9a6c58', 'matrixdesk:/alcohol/B5', 'Synthetic note on a cell, about supervision.', '2026-01-05T10:02:00.000Z', '2026-01-05T10:02:00.000Z');
INSERT INTO notes (id, address, text, created, updated) VALUES ('5f7a9c13-2e4d-4b68-9f01-7c3e5a8b2d96', 'matrixdesk:/doc/synthetic-document', 'Synthetic note on a document:
- with *simple* Markdown', '2026-01-05T10:03:00.000Z', '2026-01-07T12:00:00.000Z');
INSERT INTO bite_progress VALUES ('alcohol', 'B5', '2026-01-05T10:04:00.000Z', NULL);
INSERT INTO bite_progress VALUES ('drug', 'A1', '2026-01-05T10:05:00.000Z', '2026-01-08T15:00:00.000Z');
INSERT INTO history VALUES ('matrixdesk:/alcohol/B5', 'Synthetic visited cell', '2026-01-05T10:06:00.000Z');
INSERT INTO history VALUES ('matrixdesk:/doc/synthetic-document', 'Synthetic visited document', '2026-01-05T10:07:00.000Z');
INSERT INTO cpd_entries VALUES ('6a1d2f84-3c5b-4e97-a0b8-9d7c6e5f4a32', '2026-01-05', 'reading', 45, 'individual', 'Synthetic learning, with a comma, a "quote" and
a second line.', 'Synthetic change to practice.', 'Synthetic standard', 'Synthetic evidence ref 1', '2026-01-05T10:08:00.000Z', '2026-01-05T10:08:00.000Z');
INSERT INTO cpd_entries VALUES ('e2b7c9d0-4f1a-4a63-8c25-1b0e9f8d7c64', '2026-01-08', 'team-discussion', 90, 'participatory', 'Synthetic team learning.', '', '', '', '2026-01-08T15:01:00.000Z', '2026-01-09T09:00:00.000Z');
INSERT INTO cpd_places VALUES ('6a1d2f84-3c5b-4e97-a0b8-9d7c6e5f4a32', 0, 'matrixdesk:/alcohol/B5');
INSERT INTO cpd_places VALUES ('6a1d2f84-3c5b-4e97-a0b8-9d7c6e5f4a32', 1, 'matrixdesk:/alcohol/B5/entry/synthetic-study');
INSERT INTO cpd_places VALUES ('e2b7c9d0-4f1a-4a63-8c25-1b0e9f8d7c64', 0, 'matrixdesk:/alcohol/B5#synthetic-heading');
