"""Marking the words a search matched, for titles and snippets.

FTS5 finds rows (with Porter stemming, case and accent folding), but its own snippet() has to
re-tokenise a whole row, which costs more than the search itself on long documents. We mark
words here instead, with a plain regular expression: a word is marked if it begins with the
stem of a query word, so "offender" marks "offenders" and "interviewing" marks "interview".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Endings taken off a query word to find the stem its other forms share. Crude next to Porter's
# algorithm, but it only decides which words get bold type; it never decides what is found.
_ENDINGS = (
    "ational", "ization", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ions",
    "ion", "ally", "ers", "er", "ies", "ied", "ed", "es", "al", "ly", "ive", "s",
)  # fmt: skip
_MIN_STEM = 3
SNIPPET_WORDS = 24
SNIPPET_CHARS = 200  # how far either side of a match to look for the snippet's words
_WORDS = re.compile(r"\S+")
_NOT_SPACE = re.compile(r"\S")
_FOLD_PIECE = 16_384  # characters of a long text folded at a time while looking for a match


def _fold_table() -> dict[int, str]:
    """Latin letters (with or without accents, any case) to plain lower case, one for one."""
    table = {}
    for code in range(0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0].lower()
        if base != char and len(base) == 1:
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case, accents dropped, the same length as `text` (so positions carry over)."""
    return text.translate(_FOLD)


def stem(word: str) -> str:
    word = fold(word)
    for _ in range(2):
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                word = word[: -len(ending)]
                break
    return word


@dataclass(frozen=True, slots=True)
class Marker:
    """What to mark: words starting with any of `starts` (already folded)."""

    starts: tuple[str, ...]
    pattern: re.Pattern[str]

    def first(self, text: str) -> int | None:
        """Where the first marked word begins in `text`. The text is folded a piece at a time,
        stopping at the first piece with a match: a snippet of a very long document then costs
        no more than one of a short one. (str.find is also many times faster than the regular
        expression over a long text.)"""
        reach = max(len(start) for start in self.starts)
        for begin in range(0, len(text), _FOLD_PIECE):
            # One character more before the piece, to see whether a match starts a word, and
            # enough after it for a word that runs across its end.
            low = max(0, begin - 1)
            at = self._first_in(fold(text[low : begin + _FOLD_PIECE + reach]), begin - low)
            if at is not None:
                return low + at
        return None

    def _first_in(self, folded: str, offset: int) -> int | None:
        """The first match in `folded` at or after `offset` that starts a word."""
        best = None
        for start in self.starts:
            at = folded.find(start, offset)
            while at > 0 and folded[at - 1].isalnum():  # inside a word, not at its start
                at = folded.find(start, at + 1)
            if at != -1 and (best is None or at < best):
                best = at
        return best


def word_marker(words: list[str], prefixes: list[str]) -> Marker | None:
    """Marks, in folded text, words that start with a query word's stem or a prefix typed."""
    starts = {stem(w) for w in words} | {fold(p) for p in prefixes}
    starts.discard("")
    if not starts:
        return None
    ordered = tuple(sorted(starts, key=len, reverse=True))
    alternatives = "|".join(re.escape(s) for s in ordered)
    return Marker(ordered, re.compile(rf"\b(?:{alternatives})\w*"))


@dataclass(frozen=True, slots=True)
class Marked:
    """Text with the stretches a search matched: structured, so each reader of it (the window's
    results, the terminal, a page's find marks) shows the marks its own way."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()
    """(start, end) of each matched word in `text`, in order."""

    @property
    def words(self) -> list[str]:
        return [self.text[start:end] for start, end in self.marks]


def marked(text: str, marker: Marker | None) -> Marked:
    """`text` with the words `marker` matches."""
    if marker is None:
        return Marked(text)
    return Marked(text, tuple(match.span() for match in marker.pattern.finditer(fold(text))))


def snippet(text: str, marker: Marker | None) -> Marked:
    """A few words of `text` around its first marked word (or its opening), marked. The piece
    is one unbroken stretch of the text, so punctuation stays where it was."""
    at = (marker.first(text) if marker else None) or 0
    # Look only at the text near the match: splitting a whole long document into words for
    # every hit would cost more than the search.
    window_start = max(0, at - SNIPPET_CHARS)
    before = list(_WORDS.finditer(text, window_start, at))
    if window_start > 0 and before and before[0].start() == window_start:
        before = before[1:]  # the window began inside a word
    start = before[-(SNIPPET_WORDS // 3) :][0].start() if before else at
    words = list(_WORDS.finditer(text, start, start + SNIPPET_CHARS * 3))[:SNIPPET_WORDS]
    if not words:
        return Marked("")
    end = words[-1].end()
    # Searched for, not sliced and stripped: either side may be megabytes of text.
    before_mark = "…" if _NOT_SPACE.search(text, 0, start) else ""
    after_mark = "…" if _NOT_SPACE.search(text, end) else ""
    piece = marked(text[start:end], marker)
    shift = len(before_mark)
    return Marked(
        f"{before_mark}{piece.text}{after_mark}",
        tuple((a + shift, b + shift) for a, b in piece.marks),
    )
