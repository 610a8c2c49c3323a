"""The CPD log as a printable document (HTML), for a PDF to hand to a regulator (NMC
revalidation, HCPC, Social Work England, the probation register): first the log, a table of every
entry (number, date, activity, places, minutes, individual or participatory) with the total time
and how much of it was participatory, as their CPD record forms ask; then one reflective account
an entry, each on a page of its own, numbered as in the table. Oldest first, as a record reads.

Every word the reader wrote is escaped, so it prints exactly as typed. Places are given in words
by the caller (`titles`, each place's title or that the pack no longer has it, with its address);
without them, by their addresses, with the caller's reason said on the first page. No Qt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Final

from matrixdesk.userdata.records import ACTIVITY_WORDS, CpdEntry, hours_and_minutes

TITLE: Final = "CPD log"
NOT_FILLED: Final = "(not filled in)"
NO_PLACES: Final = "(no places)"
PAGE_BREAK: Final = ' style="page-break-before: always"'
TABLE: Final = '<table class="{}" width="100%" border="1" cellspacing="0" cellpadding="5">'
LOG_COLUMNS: Final = ("No.", "Date", "Activity", "Places", "Minutes", "Type")


def in_order(entries: Sequence[CpdEntry]) -> list[CpdEntry]:
    """Oldest first: by the day of the activity, then by when it was written down."""
    return sorted(entries, key=lambda entry: (entry.details.date, entry.created, entry.id))


def long_date(day: str) -> str:
    """2026-01-05 as "5 January 2026"."""
    parsed = date.fromisoformat(day)
    return f"{parsed.day} {parsed:%B %Y}"


def short_date(day: str) -> str:
    parsed = date.fromisoformat(day)
    return f"{parsed.day} {parsed:%b %Y}"


def period(entries: Sequence[CpdEntry], start: str | None, end: str | None) -> str:
    """The days the log covers: those asked for (either may be open), else from its first
    entry's day to its last's."""
    days = sorted(entry.details.date for entry in entries)
    if start is None and end is None:
        if not days:
            return "All entries"
        start, end = days[0], days[-1]
    if start is not None and end is not None:
        return f"{long_date(start)} to {long_date(end)}"
    return f"From {long_date(start)}" if start else f"Until {long_date(end or '')}"


def totals(entries: Sequence[CpdEntry]) -> str:
    """E.g. "3 entries, 2 h 45 min in all (165 minutes), of which participatory 2 h 5 min"."""
    count = len(entries)
    minutes = sum(entry.details.minutes for entry in entries)
    together = sum(e.details.minutes for e in entries if e.details.mode == "participatory")
    return (
        f"{count} {'entry' if count == 1 else 'entries'}, {hours_and_minutes(minutes)} in all "
        f"({minutes} minutes), of which participatory {hours_and_minutes(together)}"
    )


def cpd_log_html(
    entries: Sequence[CpdEntry],
    titles: Mapping[str, str] | None,
    start: str | None = None,
    end: str | None = None,
    places_note: str = "",
) -> str:
    """The whole document. `titles`: each place's words (None: addresses, and `places_note`
    says why on the first page); `start`, `end`: the days asked for, if any."""
    ordered = in_order(entries)
    parts = [f"<h1>{TITLE}</h1>", _said(f"Period: {period(ordered, start, end)}.", "cover")]
    if not ordered:
        parts.append(_said("No CPD entries were recorded in this period.", "notice"))
        return "".join(parts)
    parts.append(_said(totals(ordered) + ".", "cover"))
    if places_note:
        parts.append(_said(places_note, "muted"))
    parts.append(_log_table(ordered, titles))
    parts.append(
        _said(
            "Each entry’s reflective account follows, one a page, numbered as in this table.",
            "muted",
        )
    )
    for number, entry in enumerate(ordered, start=1):
        parts.append(_account(entry, number, len(ordered), titles))
    return "".join(parts)


def _said(words: str, kind: str) -> str:
    return f'<p class="{kind}">{escape(words)}</p>'


def _places(entry: CpdEntry, titles: Mapping[str, str] | None) -> str:
    """One a line; bulleted when there are several, as a title may take two lines."""
    words = [titles.get(p, p) if titles is not None else p for p in entry.details.places]
    if not words:
        return escape(NO_PLACES)
    return _lines(words if len(words) == 1 else [f"• {place}" for place in words])


def _lines(lines: Sequence[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def _log_table(entries: Sequence[CpdEntry], titles: Mapping[str, str] | None) -> str:
    head = "".join(f'<th class="{_column(name)}">{escape(name)}</th>' for name in LOG_COLUMNS)
    rows = []
    for number, entry in enumerate(entries, start=1):
        details = entry.details
        cells = (
            escape(str(number)),
            escape(short_date(details.date)),
            escape(ACTIVITY_WORDS[details.activity].capitalize()),
            _places(entry, titles),
            escape(str(details.minutes)),
            escape(details.mode.capitalize()),
        )
        rows.append(
            "<tr>"
            + "".join(
                f'<td class="{_column(name)}">{cell}</td>'
                for name, cell in zip(LOG_COLUMNS, cells, strict=True)
            )
            + "</tr>"
        )
    minutes = sum(entry.details.minutes for entry in entries)
    total = (
        f'<tr><td colspan="4" class="field">Total ({hours_and_minutes(minutes)})</td>'
        f'<td class="field minutes">{minutes}</td><td></td></tr>'
    )
    return (
        '<h2 class="log">Log of CPD activities</h2>'
        + TABLE.format("log")
        + f"<thead><tr>{head}</tr></thead>"
        + "".join(rows)
        + total
        + "</table>"
    )


def _column(name: str) -> str:
    return {"No.": "number", "Minutes": "minutes"}.get(name, "text")


def _account(entry: CpdEntry, number: int, count: int, titles: Mapping[str, str] | None) -> str:
    details = entry.details
    fields = (
        ("Date", escape(long_date(details.date))),
        ("Activity", escape(ACTIVITY_WORDS[details.activity].capitalize())),
        ("Time", escape(_time(details.minutes))),
        ("Individual or participatory", escape(details.mode.capitalize())),
        ("Places", _places(entry, titles)),
        ("Standard or code", _text_or_not(details.standard)),
        ("Evidence reference", _text_or_not(details.evidence)),
    )
    rows = "".join(
        f'<tr><td width="30%" class="field">{escape(label)}</td><td>{value}</td></tr>'
        for label, value in fields
    )
    return (
        f'<h2 class="account"{PAGE_BREAK}>Reflective account {number} of {count}</h2>'
        + _said(
            f"{long_date(details.date)} · {ACTIVITY_WORDS[details.activity].capitalize()}",
            "matrix-name",
        )
        + TABLE.format("record")
        + rows
        + "</table>"
        + "<h3>What I learned</h3>"
        + _paragraphs(details.learned)
        + "<h3>How it will change my practice</h3>"
        + _paragraphs(details.practice)
    )


def _time(minutes: int) -> str:
    """E.g. "45 minutes", "95 minutes (1 h 35 min)"."""
    said = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return said if minutes < 60 else f"{said} ({hours_and_minutes(minutes)})"


def _text_or_not(text: str) -> str:
    return _lines(text.splitlines()) if text.strip() else f'<span class="muted">{NOT_FILLED}</span>'


def _paragraphs(text: str) -> str:
    """The reader's words as typed: a blank line starts a paragraph, a line break stays one."""
    if not text.strip():
        return _said(NOT_FILLED, "muted")
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        f'<p class="written">{_lines(p.strip(chr(10)).split(chr(10)))}</p>' for p in paragraphs
    )
