"""The reader's own layer: bookmarks, notes, Matrix Bites course progress and history, in a user
database of their own (SQLite, written through SQLAlchemy Core), beside but apart from the pack.

No Qt here. Importing this package costs nothing: `location` needs only the standard library,
and SQLAlchemy (about 200 ms to import) loads with `store`, which the reader opens off its UI
thread after the first paint. See docs/userdata.md.
"""
