"""Full-text search over a pack's FTS5 index, safe for anything a person can type.

The reader's words never reach FTS5's query language directly: `fts_query` rebuilds the query from
words alone — each a quoted string, "quoted phrases" kept together, `word*` kept as a prefix — so
operators, column filters, stray quotes and punctuation cannot cause a syntax error, and the SQL
is always parameterised.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from html import escape, unescape

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
DEFAULT_LIMIT = 60
# bm25 weights of the title and body columns: a match in a title or headline counts ten times.
_TITLE_WEIGHT, _BODY_WEIGHT = 10.0, 1.0
_MARK_START, _MARK_END = "\x02", "\x03"

_TERM = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>\w+)(?P<star>\*?)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    address: str
    matrix: str
    cell: str
    title_html: str
    """The title with matched words in <b>, everything else escaped."""
    snippet_html: str
    """A few words around the best match in the body, marked the same way."""
    types: tuple[str, ...]
    block: str
    """For a commentary hit, "<section-slug>/<index>" of its Matrix Bite block, else ""."""


def fts_query(text: str, prefix_last: bool = False) -> str | None:
    """An FTS5 query for what the reader typed, or None if it holds no word to look for.

    With `prefix_last`, a last word still being typed matches as a prefix ("motiv" finds
    "motivational"), as search-as-you-type wants.
    """
    text = text[:MAX_QUERY_CHARS]
    parts: list[str] = []
    last_is_open_word = False
    for match in _TERM.finditer(text):
        if match.group("phrase") is not None:
            words = _WORD.findall(match.group("phrase"))
            if words:
                parts.append('"' + " ".join(words) + '"')
            last_is_open_word = False
        else:
            star = "*" if match.group("star") else ""
            parts.append(f'"{match.group("word")}"{star}')
            last_is_open_word = not star and match.end() == len(text)
        if len(parts) == MAX_TERMS:
            break
    if not parts:
        return None
    if prefix_last and last_is_open_word:
        parts[-1] += "*"
    return " ".join(parts)


def search(
    connection: sqlite3.Connection,
    text: str,
    matrix: str | None = None,
    type_code: str | None = None,
    limit: int = DEFAULT_LIMIT,
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Ranked hits for `text`; an empty list for an empty query or one with no words."""
    query = fts_query(text, prefix_last)
    if query is None:
        return []
    sql = (
        "SELECT kind, address, matrix, cell, types, block, "
        f"highlight(search_index, 0, '{_MARK_START}', '{_MARK_END}'), "
        f"snippet(search_index, 1, '{_MARK_START}', '{_MARK_END}', '…', 14) "
        "FROM search_index WHERE search_index MATCH ?"
    )
    parameters: list[str | int] = [query]
    if matrix:
        sql += " AND matrix = ?"
        parameters.append(matrix)
    if type_code:
        sql += " AND ' ' || types || ' ' LIKE ?"
        parameters.append(f"% {type_code} %")
    sql += f" ORDER BY bm25(search_index, {_TITLE_WEIGHT}, {_BODY_WEIGHT}) LIMIT ?"
    parameters.append(limit)
    try:
        rows = connection.execute(sql, parameters).fetchall()
    except sqlite3.OperationalError:
        # fts_query only builds valid queries; this is a last guard so that no text typed into
        # a search box can ever surface as an error.
        return []
    return [
        SearchHit(
            kind=kind,
            address=address,
            matrix=matrix_key,
            cell=cell,
            title_html=_marked(title),
            snippet_html=_marked(snippet),
            types=tuple(types.split()),
            block=block,
        )
        for kind, address, matrix_key, cell, types, block, title, snippet in rows
    ]


def plain(marked_html: str) -> str:
    """A title or snippet as plain text, for terminals and JSON."""
    return unescape(marked_html.replace("<b>", "").replace("</b>", ""))


def _marked(text: str) -> str:
    return escape(text).replace(_MARK_START, "<b>").replace(_MARK_END, "</b>")
