"""Full-text search over a pack's FTS5 index, safe for anything a person can type, and fast on
large packs.

* The reader's words never reach FTS5's query language directly: `_parse` rebuilds the query
  from words alone (each a quoted string, "quoted phrases" kept together, `word*` a prefix; OR
  between words), so no column filter, stray quote or punctuation can cause a syntax error; the
  SQL is always parameterised. `fts_query` shows what a text becomes.
* Ranking: a match in a title or headline weighs ten times one in body text (the pack sets
  FTS5's `rank` to bm25(10, 1)). For a query that matches a large share of the pack, ranking every
  match costs more than it tells, so title matches come first (ranked) and body matches follow in
  the pack's own order: cells, studies and commentary before documents.
* Titles and snippets are marked in Python (`search_marks`), which is far cheaper than FTS5's
  snippet() on long documents.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from matrixdesk.core import checked
from matrixdesk.core.addresses import SLUG_PATTERN, Address, DocumentAddress, parse_place
from matrixdesk.core.checked import PackValueError
from matrixdesk.core.schema import STUDY_TYPES
from matrixdesk.core.search_marks import Marked, Marker, marked, snippet, word_marker

KINDS = ("cell", "entry", "commentary", "document")
KIND_LABELS = {
    "cell": "Cells",
    "entry": "Studies",
    "commentary": "Commentary",
    "document": "Documents",
}
KIND_NAMES = {"cell": "cell", "entry": "study", "commentary": "commentary", "document": "document"}

MAX_QUERY_CHARS = 512
MAX_TERMS = 16
DEFAULT_LIMIT = 30
MAX_LIMIT = 1000  # results a caller may ask for: more than any reader scrolls through
# Above this many matching rows, rank only the title matches (see the module's docstring).
RANK_ALL_UP_TO = 1500

_TERM = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>\w+)(?P<star>\*?)')
_WORD = re.compile(r"\w+")
_COLUMNS = "rowid, kind, address, matrix, cell, types, block, title, body"
_BLOCK = re.compile(rf"^{SLUG_PATTERN}/[0-9]+$")
# A query that touches the index and its ranking, matching nothing: run once when a pack opens.
SEARCH_STATEMENT = (
    f"SELECT {_COLUMNS} FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 1",
    ('"matrixdesk0no0such0word"',),
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    address: str
    matrix: str
    cell: str
    title: Marked
    """The result's title, with the words that matched."""
    snippet: Marked
    """A few words around the first match in the body, with the words that matched."""
    types: tuple[str, ...]
    block: str
    """For a commentary hit, "<section-slug>/<index>" of its Matrix Bite block, else ""."""


@dataclass(frozen=True, slots=True)
class _Query:
    fts: str
    loose: str
    """The same words with phrases taken apart: matches at least what `fts` does, and is far
    cheaper to count, so it serves to judge how much of the pack the query matches."""
    words: list[str]
    prefixes: list[str]


def fts_query(text: str, prefix_last: bool = False) -> str | None:
    """An FTS5 query for what the reader typed, or None if it holds no word to look for.

    With `prefix_last`, a last word still being typed matches as a prefix ("motiv" finds
    "motivational"), as search-as-you-type wants.
    """
    parsed = _parse(text, prefix_last)
    return parsed.fts if parsed else None


def query_and_marker(text: str, prefix_last: bool = False) -> tuple[str, Marker | None] | None:
    """The FTS5 query for `text` (as `fts_query`) and the marker for the words it looks for;
    None if it holds no word. For another FTS5 index tokenised like the pack's: the notes."""
    parsed = _parse(text, prefix_last)
    return (parsed.fts, word_marker(parsed.words, parsed.prefixes)) if parsed else None


def _parse(text: str, prefix_last: bool) -> _Query | None:
    """Build the FTS5 query from the words of `text`. OR (in capitals) between words makes
    alternatives; every other word must match. Groups are bracketed, so FTS5's own operator
    precedence never matters."""
    text = text[:MAX_QUERY_CHARS]
    groups: list[list[str]] = [[]]
    loose: list[list[str]] = [[]]
    words: list[str] = []
    prefixes: list[str] = []
    last_is_open_word = False
    terms = 0
    for match in _TERM.finditer(text):
        if match.group("phrase") is not None:
            phrase = _WORD.findall(match.group("phrase"))
            if phrase:
                groups[-1].append('"' + " ".join(phrase) + '"')
                loose[-1] += [f'"{word}"' for word in phrase]
                words += phrase
                terms += 1
            last_is_open_word = False
            continue
        word, star = match.group("word"), match.group("star")
        if word == "OR" and not star:
            if groups[-1]:
                groups.append([])
                loose.append([])
            last_is_open_word = False
            continue
        groups[-1].append(f'"{word}"' + ("*" if star else ""))
        loose[-1].append(groups[-1][-1])
        (prefixes if star else words).append(word)
        last_is_open_word = not star and match.end() == len(text)
        terms += 1
        if terms == MAX_TERMS:
            break
    if not groups[-1]:  # OR with nothing after it
        groups.pop()
        loose.pop()
    if not groups:
        return None
    if prefix_last and last_is_open_word:
        groups[-1][-1] += "*"
        loose[-1][-1] += "*"
        # Found as a prefix, marked as a word too: "motivates", typed, marks "motivational".
        prefixes.append(words[-1])
    return _Query(_either(groups), _either(loose), words, prefixes)


def _either(groups: list[list[str]]) -> str:
    if len(groups) == 1:
        return " ".join(groups[0])
    return " OR ".join("(" + " ".join(group) + ")" for group in groups)


def search(
    connection: sqlite3.Connection,
    text: str,
    matrix: str | None = None,
    type_code: str | None = None,
    limit: int = DEFAULT_LIMIT,
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Ranked hits for `text`; an empty list for an empty query or one with no words."""
    query = _parse(text, prefix_last)
    if query is None:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    where, parameters = _filters(matrix, type_code)
    # More rows than wanted: several passages of one section count as one result. _parse only
    # builds valid queries, so an error from SQLite here means a damaged index: the caller
    # (the store) reports it as such, never as "nothing matches".
    rows = _rows(connection, query, where, parameters, limit + limit // 2)
    marker = word_marker(query.words, query.prefixes)
    hits: list[SearchHit] = []
    seen: set[str] = set()
    for _, kind, address, matrix_key, cell, types, block, title, body in rows:
        if len(hits) == limit:
            break
        if address in seen:  # one result per place: its best-ranked passage
            continue
        seen.add(address)
        hits.append(
            SearchHit(
                kind=checked.one_of(kind, KINDS, "the kind of a search entry"),
                address=_place(address),
                matrix=checked.text(matrix_key, "the matrix of a search entry"),
                cell=checked.text(cell, "the cell of a search entry"),
                title=marked(checked.text(title, "a search entry"), marker),
                snippet=snippet(checked.text(body, "a search entry"), marker),
                types=tuple(
                    checked.one_of(code, STUDY_TYPES, "a study type in the search index")
                    for code in checked.text(types, "a search entry").split()
                ),
                block=_block(block),
            )
        )
    return hits


def _place(address: object) -> str:
    """A search entry's address: a cell, study, heading or document of the pack."""
    text = checked.text(address, "the place of a search entry")
    if not isinstance(parse_place(text), Address | DocumentAddress):
        raise PackValueError("the place of a search entry is not an address")
    return text


def _block(block: object) -> str:
    text = checked.text(block, "a search entry")
    if text and not _BLOCK.match(text):
        raise PackValueError("a search entry names a passage in a form this version cannot read")
    return text


def _filters(matrix: str | None, type_code: str | None) -> tuple[str, list[str]]:
    where, parameters = "", []
    if matrix:
        where += " AND matrix = ?"
        parameters.append(matrix)
    if type_code:
        where += " AND ' ' || types || ' ' LIKE ?"
        parameters.append(f"% {type_code} %")
    return where, parameters


def _rows(
    connection: sqlite3.Connection, query: _Query, where: str, parameters: list[str], limit: int
) -> list[tuple]:
    fts = query.fts

    def select(match: str, order: str, count: int, extra: str = "") -> list[tuple]:
        sql = (
            f"SELECT {_COLUMNS} FROM search_index WHERE search_index MATCH ?{where}{extra} "
            f"{order} LIMIT ?"
        )
        return connection.execute(sql, [match, *parameters, count]).fetchall()

    # Counting stops just past the limit: a common word need not be counted to the end.
    (at_most,) = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)",
        (query.loose, RANK_ALL_UP_TO + 1),
    ).fetchone()
    if at_most <= RANK_ALL_UP_TO:
        return select(fts, "ORDER BY rank", limit)
    rows = select(f"title : ({fts})", "ORDER BY rank", limit)
    if len(rows) < limit:
        # No clause when no title matched: `rowid NOT IN (NULL)` is never true in SQL, and would
        # hide every match.
        seen = ",".join(str(row[0]) for row in rows)
        extra = f" AND rowid NOT IN ({seen})" if seen else ""
        rows += select(fts, "ORDER BY rowid", limit - len(rows), extra)
    return rows
