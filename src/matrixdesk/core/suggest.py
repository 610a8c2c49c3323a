"""When nothing matches: close words from the pack's own vocabulary ("did you mean …?").

The pack keeps every word it holds (three letters or more, lower case) in its `vocabulary` table,
written with the search index. A query word the pack does not have is replaced by the closest
one it does, found among words that start with the same letter and are about as long: a typo
gets a suggestion, nonsense gets none.
"""

from __future__ import annotations

import difflib
import re
import sqlite3

from matrixdesk.core import checked

WORD = re.compile(r"[^\W\d_]{3,}")
_CLOSENESS = 0.75  # difflib's ratio: 0.75 takes one or two letters wrong in a longer word
VOCABULARY_DDL = "CREATE TABLE vocabulary (word TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID"
_KNOWN = "SELECT 1 FROM vocabulary WHERE word = ?"
_CANDIDATES = (
    "SELECT word FROM vocabulary WHERE word >= ? AND word < ? "
    "AND length(word) BETWEEN ? AND ? ORDER BY count DESC"
)
# The statements above, matching nothing: run once when a pack opens.
SUGGEST_STATEMENTS: tuple[tuple[str, tuple[object, ...]], ...] = (
    (_KNOWN, ("",)),
    (_CANDIDATES, ("", "", 0, 0)),
)


def vocabulary(texts: list[str]) -> dict[str, int]:
    """Every word of `texts` (lower case, three letters or more) with how often it occurs."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in WORD.findall(text.lower()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def suggestion(connection: sqlite3.Connection, text: str) -> str | None:
    """`text` with each word the pack does not hold replaced by the closest one it does; None if
    there is nothing to suggest (every word is known, or none has a close match)."""
    changed = False

    def closest(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group().lower()
        if connection.execute(_KNOWN, (word,)).fetchone():
            return match.group()
        first = word[0]
        candidates = [
            checked.text(row[0], "a word of the pack's vocabulary")
            for row in connection.execute(
                _CANDIDATES, (first, chr(ord(first) + 1), len(word) - 2, len(word) + 2)
            )
        ]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=_CLOSENESS)
        if not close:
            return match.group()
        changed = True
        return close[0]

    corrected = WORD.sub(closest, text)
    return corrected if changed else None
