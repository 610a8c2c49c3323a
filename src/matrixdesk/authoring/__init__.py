"""Authoring: Markdown sources under data/content -> validated model -> SQLite pack. No Qt here."""
