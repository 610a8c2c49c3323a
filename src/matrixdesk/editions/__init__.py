"""Pack editions: where installed packs live, which one is used, installing and removing them,
whose signatures are trusted, and what changed between two. No Qt; see docs/packs.md."""
