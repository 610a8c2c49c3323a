"""`matrixdesk userdata export PATH` and `matrixdesk userdata import PATH`: back up, or move to
another computer, everything in the reader's own layer. Exit 0 with a line saying what was
written or merged; 1 with a message naming the problem, and no traceback, for any bad input."""

from __future__ import annotations

import sys
from pathlib import Path

from matrixdesk.commands import EXIT_OK, EXIT_PROBLEMS
from matrixdesk.userdata.errors import UserDataError
from matrixdesk.userdata.exchange import (
    ExchangeError,
    check_destination,
    describe_counts,
    read_file,
)
from matrixdesk.userdata.location import user_data_path
from matrixdesk.userdata.merging import describe_merge
from matrixdesk.userdata.store import UserData


def run_userdata(action: str, file: Path, config_dir: Path | None) -> int:
    """Run `action` ("export" or "import") on `file`, with the user database that the reader
    would use for `config_dir` (--config-dir, or --portable's folder; None for neither)."""
    try:
        if action == "export":
            return _export(file, user_data_path(config_dir))
        return _import(file, user_data_path(config_dir))
    except (ExchangeError, UserDataError) as error:
        print(f"matrixdesk userdata {action}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS


def _export(file: Path, database: Path) -> int:
    check_destination(file)  # before anything is opened or made
    with open_saying_what_was_set_aside(database) as userdata:
        counts = userdata.export_to(file)
    print(f"Exported {describe_counts(counts)} from {database} to {file}.")
    return EXIT_OK


def _import(file: Path, database: Path) -> int:
    content = read_file(file)  # the whole file checked before the database is opened
    with open_saying_what_was_set_aside(database) as userdata:
        summary = userdata.merge(content)
    print(f"Imported {file} into {database}: {describe_merge(summary)}.")
    return EXIT_OK


def open_saying_what_was_set_aside(database: Path) -> UserData:
    """The user database at `database`; a file that had to be set aside is said on stderr."""
    userdata = UserData.open(database)
    if userdata.set_aside:
        print(f"matrixdesk: {userdata.set_aside.message}", file=sys.stderr)
    return userdata
