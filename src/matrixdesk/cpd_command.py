"""`matrixdesk cpd list` and `matrixdesk cpd export --format csv|pdf -o PATH`: the CPD log from
the terminal, with the user database the reader uses (--config-dir, --portable). An export
gives each place its title from the pack in use, as the window does; if that pack cannot be
opened, the places are given by their addresses and the command says so (and so does a PDF).
A PDF needs no display: Qt draws off screen. Exit 0 with a line saying what was done; 1 with
one line naming the problem, no traceback and no file, for bad input (a date that is not one, a
file that cannot be written) or a user database that cannot be used."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from matrixdesk import cpd_export
from matrixdesk.commands import EXIT_OK, EXIT_PROBLEMS
from matrixdesk.userdata import files, values
from matrixdesk.userdata.cli import open_saying_what_was_set_aside
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.records import ACTIVITY_WORDS, CpdEntry, hours_and_minutes

if TYPE_CHECKING:
    from matrixdesk.core.store import ContentStore

OpenPack = Callable[[], "ContentStore"]
"""Opens the pack whose titles an export gives its places (raises PackError if it cannot)."""


class _BadRequestError(Exception):
    """A request that cannot be met as asked; the message says why."""


def run_cpd(
    action: str,
    config_dir: Path | None,
    start: str | None,
    end: str | None,
    format_name: str = "csv",
    output: Path | None = None,
    open_pack: OpenPack | None = None,
) -> int:
    """Run `action` ("list" or "export") on the CPD log of the user database the reader would
    use for `config_dir`, with the entries dated from `start` to `end` (either may be None);
    an export's places in words from the pack `open_pack` opens (None: by their addresses)."""
    try:
        start, end = _day("--from", start), _day("--to", end)
        if start and end and start > end:
            raise _BadRequestError(
                f"--from {start} is after --to {end}; give the earlier day first"
            )
        if action == "export":
            assert output is not None, "argparse requires -o"
            default = cpd_export.DEFAULT_NAMES[format_name]
            files.check_destination(output, default)  # before opening anything
        with open_saying_what_was_set_aside(user_data_path(config_dir)) as userdata:
            entries = userdata.cpd_entries(start, end)
        if action == "export":
            assert output is not None
            _export(entries, format_name, output, start, end, open_pack)
        else:
            _list(entries)
    except (_BadRequestError, files.FileWriteError, UserDataError) as error:
        print(f"matrixdesk cpd {action}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _export(
    entries: tuple[CpdEntry, ...],
    format_name: str,
    output: Path,
    start: str | None,
    end: str | None,
    open_pack: OpenPack | None,
) -> None:
    titles, why_not = place_titles(entries, open_pack)
    note = f"Places are given by their addresses: {why_not}." if why_not else ""
    count = cpd_export.write(
        format_name, entries, output, titles, start=start, end=end, places_note=note
    )
    if count:
        print(f"Exported {_entries(count)} ({_total(entries)}) to {output}.")
    else:
        print(f"Exported 0 CPD entries to {output}: the log has none in this period.")
    if why_not:
        print(f"matrixdesk cpd export: places by their addresses: {why_not}.", file=sys.stderr)


def place_titles(
    entries: Sequence[CpdEntry], open_pack: OpenPack | None
) -> tuple[dict[str, str] | None, str]:
    """Each place of `entries` in words, as the window says it (its title, or that the pack no
    longer has it, with its address); or None and why there are no titles."""
    if open_pack is None:
        return None, "no content pack was given"
    from matrixdesk.core.pack import PackError
    from matrixdesk.page.note_places import GONE
    from matrixdesk.page.place_titles import PlaceTitles

    try:
        store = open_pack()
    except PackError as error:
        return None, f"the content pack could not be opened ({error.problem.rstrip('.')})"
    try:
        known = PlaceTitles.of_pack(store)
        places = dict.fromkeys(place for entry in entries for place in entry.details.places)
        return {
            place: known.title(place) if known.exists(place) else f"({GONE}) {place}"
            for place in places
        }, ""
    except PackError as error:
        return None, f"the content pack could not be read ({error.problem.rstrip('.')})"
    finally:
        store.close()


def _day(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return values.day(value)
    except values.BadValueError as error:
        raise _BadRequestError(f"{option}: {error}") from None


def _list(entries: tuple[CpdEntry, ...]) -> None:
    for entry in entries:
        details = entry.details
        places = ", ".join(details.places) or "(no places)"
        print(
            f"{details.date}  {ACTIVITY_WORDS[details.activity]:<15}  "
            f"{hours_and_minutes(details.minutes):>10}  {details.mode:<13}  {places}"
        )
    print(f"{_entries(len(entries))}, {_total(entries)} in all.")


def _entries(count: int) -> str:
    return f"{count} CPD {'entry' if count == 1 else 'entries'}"


def _total(entries: tuple[CpdEntry, ...]) -> str:
    return hours_and_minutes(sum(entry.details.minutes for entry in entries))
