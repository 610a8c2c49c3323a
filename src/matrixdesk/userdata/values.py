"""What a valid value in the user database is. One definition, used by the API for what the
reader does and by import for every field of a file, so nothing reaches the tables that the
other path would have refused."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from matrixdesk.core.addresses import (
    MATRIX_KEY_PATTERN,
    RESERVED_MATRIX_KEYS,
    Address,
    DocumentAddress,
    parse_place,
)
from matrixdesk.core.schema import CELL_CODES
from matrixdesk.userdata.records import CpdDetails

# Far beyond what anyone writes, and small enough that a hostile file cannot fill the disk.
MAX_NOTE_CHARS: Final = 100_000
MAX_TITLE_CHARS: Final = 1_000
_STAMP_FORMAT: Final = "%Y-%m-%dT%H:%M:%S.%fZ"
_STAMP: Final = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
STAMP_EXAMPLE: Final = "2026-01-31T09:15:00.000Z"
_MATRIX: Final = re.compile(rf"^{MATRIX_KEY_PATTERN}$")
ID_EXAMPLE: Final = "0f8e3a52-6c1d-4b7e-9a35-2d4c8b1e7f60"
_DAY: Final = re.compile(r"^\d{4}-\d\d-\d\d$")
DAY_EXAMPLE: Final = "2026-01-31"
# A CPD entry's activity and way of learning, by the keys the tables and files hold (the words
# shown for them are in `records`). Only ever add to these: files and databases keep the keys.
ACTIVITIES: Final = ("reading", "team-discussion", "supervision", "training")
MODES: Final = ("individual", "participatory")
# A month of whole days: past any one CPD activity, yet a typing slip (an extra 0) is caught.
MAX_MINUTES: Final = 31 * 24 * 60
MAX_PLACES: Final = 200


class BadValueError(ValueError):
    """A value the user database cannot hold; the message says why, in words."""


class _Clock:
    """UTC time to the millisecond, never twice the same or earlier within this process: what
    the reader does within one millisecond (or after the system clock was set back) is still
    stamped in the order it was done, so "newest first" and "the later edit wins" hold."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = datetime.min.replace(tzinfo=UTC)

    def now(self) -> str:
        with self._lock:
            moment = datetime.now(UTC)
            moment -= timedelta(microseconds=moment.microsecond % 1000)
            self._last = max(moment, self._last + timedelta(milliseconds=1))
            return self._last.strftime(_STAMP_FORMAT)[:-4] + "Z"


_CLOCK = _Clock()


def now() -> str:
    """The current UTC time in the one fixed-width form the tables hold (`STAMP_EXAMPLE`),
    later than any this process gave before."""
    return _CLOCK.now()


def new_id() -> str:
    """A random UUID: two profiles never make the same one, so an import can merge by it."""
    return str(uuid.uuid4())


def stamp(value: str) -> str:
    if not _STAMP.match(value):
        raise BadValueError(f"{value!r} is not a UTC time like {STAMP_EXAMPLE}")
    try:
        datetime.strptime(value, _STAMP_FORMAT)
    except ValueError:
        raise BadValueError(f"{value!r} is not a date and time that exists") from None
    return value


def identifier(value: str) -> str:
    """A UUID in its canonical (lower-case, hyphenated) form, the form `new_id` makes."""
    try:
        canonical = str(uuid.UUID(value))
    except ValueError:
        canonical = ""
    if canonical != value:
        raise BadValueError(f"{value!r} is not an id like {ID_EXAMPLE}")
    return value


def place(value: str) -> str:
    """The canonical form of a place a reader can bookmark, annotate or visit: a page or a part
    of one (`matrixdesk:/alcohol/B5#slug`) or a document. Short forms (`alcohol/B5`) are
    accepted and stored long, so one place has one key."""
    parsed = parse_place(value)
    if not isinstance(parsed, Address | DocumentAddress):
        raise BadValueError(f"{value!r} is not a place like matrixdesk:/alcohol/B5")
    return str(parsed)


def text(value: str, limit: int = MAX_NOTE_CHARS) -> str:
    if len(value) > limit:
        raise BadValueError(f"the text is {len(value):,} characters long; at most {limit:,} fit")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which JSON can spell but SQLite cannot hold
        raise BadValueError("the text holds a character that is not valid Unicode") from None
    return value


def title(value: str) -> str:
    return text(value, MAX_TITLE_CHARS)


def matrix(value: str) -> str:
    if not _MATRIX.match(value) or value in RESERVED_MATRIX_KEYS:
        raise BadValueError(f"{value!r} is not a matrix key like alcohol")
    return value


def cell(value: str) -> str:
    if value not in CELL_CODES:
        raise BadValueError(f"{value!r} is not a cell code from A1 to E5")
    return value


def day(value: str) -> str:
    """A calendar date like 2026-01-31 that exists (a CPD entry's date: a day, not a time)."""
    if not _DAY.match(value):
        raise BadValueError(f"{value!r} is not a date like {DAY_EXAMPLE}")
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise BadValueError(f"{value!r} is not a date that exists") from None
    return value


def activity(value: str) -> str:
    if value not in ACTIVITIES:
        raise BadValueError(f"{value!r} is not an activity ({', '.join(ACTIVITIES)})")
    return value


def mode(value: str) -> str:
    if value not in MODES:
        raise BadValueError(f"{value!r} is neither {' nor '.join(MODES)}")
    return value


def minutes(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MINUTES:
        raise BadValueError(f"{value!r} is not a number of minutes from 0 to {MAX_MINUTES:,}")
    return value


def places(value: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Places, each in its canonical form, each once, in the order given."""
    if len(value) > MAX_PLACES:
        raise BadValueError(f"{len(value):,} places; at most {MAX_PLACES} fit")
    canonical = tuple(place(item) for item in value)
    for number, item in enumerate(canonical):
        if item in canonical[:number]:
            raise BadValueError(f"the place {item} is given twice")
    return canonical


def cpd_details(details: CpdDetails) -> CpdDetails:
    """A CPD entry's `details` with every field checked (BadValueError, naming the field, if
    one is wrong) and its places in their long form."""
    checks: tuple[tuple[str, Callable[[Any], Any]], ...] = (
        ("date", day),
        ("activity", activity),
        ("places", places),
        ("minutes", minutes),
        ("mode", mode),
        ("learned", text),
        ("practice", text),
        ("standard", title),
        ("evidence", title),
    )
    checked: dict[str, Any] = {}
    for name, check in checks:
        try:
            checked[name] = check(getattr(details, name))
        except BadValueError as problem:
            raise BadValueError(f"{CPD_FIELD_NAMES[name]}: {problem}") from None
    return CpdDetails(**checked)


CPD_FIELD_NAMES: Final = {
    "date": "Date",
    "activity": "Activity",
    "places": "Places",
    "minutes": "Minutes",
    "mode": "Individual or participatory",
    "learned": "What I learned",
    "practice": "How it will change my practice",
    "standard": "Standard or code",
    "evidence": "Evidence reference",
}
"""Each field of a CPD entry as the reader knows it (the dialog's labels, a refusal's words)."""
