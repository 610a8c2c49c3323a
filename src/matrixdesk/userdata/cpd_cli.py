"""`matrixdesk cpd list` and `matrixdesk cpd export --format csv -o PATH`: the CPD log from the
terminal, with the user database the reader uses (--config-dir, --portable). Exit 0 with a line
saying what was done; 1 with one line naming the problem, and no traceback, for bad input (a
date that is not one, a file that cannot be written) or a user database that cannot be used."""

from __future__ import annotations

import sys
from pathlib import Path

from matrixdesk.commands import EXIT_OK, EXIT_PROBLEMS
from matrixdesk.userdata import cpd_export, files, values
from matrixdesk.userdata.cli import open_saying_what_was_set_aside
from matrixdesk.userdata.cpd_export import hours_and_minutes
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.records import ACTIVITY_WORDS, CpdEntry


class _BadRequestError(Exception):
    """A request that cannot be met as asked; the message says why."""


def run_cpd(
    action: str,
    config_dir: Path | None,
    start: str | None,
    end: str | None,
    format_name: str = "csv",
    output: Path | None = None,
) -> int:
    """Run `action` ("list" or "export") on the CPD log of the user database the reader would
    use for `config_dir`, with the entries dated from `start` to `end` (either may be None)."""
    try:
        start, end = _day("--from", start), _day("--to", end)
        if start and end and start > end:
            raise _BadRequestError(
                f"--from {start} is after --to {end}; give the earlier day first"
            )
        if action == "export":
            assert output is not None, "argparse requires -o"
            files.check_destination(output, f"cpd-log.{format_name}")  # before opening anything
        with open_saying_what_was_set_aside(user_data_path(config_dir)) as userdata:
            entries = userdata.cpd_entries(start, end)
        if action == "export":
            assert output is not None
            count = cpd_export.write(format_name, entries, output)
            print(f"Exported {_entries(count)} ({_total(entries)}) to {output}.")
        else:
            _list(entries)
    except (_BadRequestError, files.FileWriteError, UserDataError) as error:
        print(f"matrixdesk cpd {action}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


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
