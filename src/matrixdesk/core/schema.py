"""Facts about the pack format that the compiler writes and the reader checks."""

from typing import Final

# `PRAGMA application_id` of every MatrixDesk pack: the bytes "MDsk", so `file`-like tools and our
# own open check can tell a pack from any other SQLite database.
APPLICATION_ID: Final = int.from_bytes(b"MDsk", "big")

# `PRAGMA user_version`: bump whenever the tables change in a way older readers cannot handle.
# 2: packs are sealed (`pack_info.seal`, see `core.seal`).
# 3: the content's publisher (`pack_info.publisher`) and credits (`credits`), for About.
# 4: the publisher's signature (`pack_info.signature`, see `core.seal`, `core.signing`); the
#    edition is a date, which orders editions (`core.editions`).
SCHEMA_VERSION: Final = 4
# The reader reads its own format and the one before (docs/packs.md, "Format compatibility").
OLDEST_READ_VERSION: Final = SCHEMA_VERSION - 1
# The first format with a signature slot.
SIGNED_FORMAT: Final = 4

PACK_FILENAME: Final = "matrices.sqlite"

# Study type codes, in the order the web pages list them, with the labels the legend uses.
STUDY_TYPES: Final[dict[str, str]] = {
    "S": "Seminal studies",
    "K": "Key studies",
    "R": "Reviews",
    "G": "Guidance",
    "more": "Search for more studies",
}
TYPED_STUDY_CODES: Final = ("S", "K", "R", "G")
MORE_CODE: Final = "more"

# Column letters and row numbers every matrix has; a cell code is one of each ("B5").
COLUMN_KEYS: Final = ("A", "B", "C", "D", "E")
ROW_KEYS: Final = ("1", "2", "3", "4", "5")
# Every cell code, row by row as the grid reads (A1, B1, ... E1, A2, ...).
CELL_CODES: Final = tuple(column + row for row in ROW_KEYS for column in COLUMN_KEYS)
# Matrix Bite headings: sections (##) and their sub-sections (###).
SECTION_LEVELS: Final = (2, 3)

# The kinds of block a Matrix Bite section (or an intro/annotation) is made of.
BLOCK_KINDS: Final = (
    "paragraph",
    "quote",
    "pullquote",
    "panel",
    "extra",
    "supplementary",
    "list",
    "other",
)
FOLDED_BLOCK_KINDS: Final = ("extra", "supplementary")
# What a study's annotation may hold: the page sets the study's lead (type, headline, date) at the
# start of its first paragraph, or on a line of its own if it starts otherwise or is empty.
ANNOTATION_BLOCK_KINDS: Final = ("paragraph", "list", "quote")
# A block of kind "paragraph" is stored as its inline HTML (what goes inside <p>); the page puts
# it in a paragraph of the style it needs. Other blocks are stored whole.
# The HTML class of a link to a cell whose page the pack holds only by title.
ABSENT_CLASS: Final = "absent"
# The parts of a document the pack carries, in the order they are written and shown.
DOCUMENT_PARTS: Final = ("Summary", "Key points", "Commentary")

# Full-text index over everything a reader may search for. Titles (cell titles and headlines, study
# headlines, section headings, document titles) sit in their own column so search can rank them
# above body text. Porter stemming finds "offenders" for "offender"; unicode61 folds case and
# accents; the prefix indexes keep search-as-you-type prefix queries fast.
SEARCH_INDEX_COLUMNS: Final = (
    "title",
    "body",
    "kind",
    "address",
    "matrix",
    "cell",
    "types",
    "block",
)
# Only the first two columns are searched; the rest say where a hit sits.
SEARCH_INDEX_DDL: Final = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    + ", ".join(
        SEARCH_INDEX_COLUMNS[:2] + tuple(f"{c} UNINDEXED" for c in SEARCH_INDEX_COLUMNS[2:])
    )
    + ", tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
)
# Stored in the index itself: `ORDER BY rank` then means bm25 with a title match weighing ten
# times a body match, and FTS5 sorts by it internally (far cheaper than ORDER BY bm25(...)).
SEARCH_RANK_CONFIG: Final = (
    "INSERT INTO search_index(search_index, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
)
