"""Writing a file the reader asked for (an export, a CPD log) whole or not at all: to a temporary
file beside it, synced, then renamed over it, so the file is always either what it was or all
of the new one. Private (0600) on POSIX, as `tempfile.mkstemp` makes it. No Qt."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path


class FileWriteError(Exception):
    """A file cannot be written where asked; the message says why, in words."""


def check_destination(file: Path, example_name: str) -> None:
    """Raise FileWriteError if a file cannot be written at `file` (before any work is done);
    `example_name` is offered when `file` names a folder."""
    if file.is_dir():
        raise FileWriteError(
            f"{file} is a folder; give the name of the file to write, e.g. {file / example_name}"
        )
    if not file.parent.is_dir():
        raise FileWriteError(f"the folder {file.parent} does not exist; make it first")
    if file.exists() and not file.is_file():
        raise FileWriteError(f"{file} is a device or pipe, not a file")


def write_whole(data: bytes, file: Path) -> None:
    """Write `data` to `file` atomically (see the module's docstring)."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{file.name}.", suffix=".tmp", dir=file.parent
        )
    except OSError as error:
        raise FileWriteError(f"cannot write in {file.parent} ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(file)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise FileWriteError(f"{file} could not be written ({error.strerror})") from None
    _sync_folder(file.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
