"""Where `matrixdesk build -o` may write: only a new file, or an existing pack, as an ordinary file
outside the sources. Anything else (a device, a folder, a link, a source file, some other file) is
refused before anything is written."""

from __future__ import annotations

import stat
from pathlib import Path

from matrixdesk.core.schema import APPLICATION_ID

_SQLITE_MAGIC = b"SQLite format 3\x00"


def output_problem(out: Path, source_dir: Path) -> str | None:
    """Why a pack must not be written to `out`, or None if it may."""
    try:
        status = out.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return _folder_problem(out.parent) or _inside_sources(out, source_dir)
    except OSError as error:
        return f"cannot check this path ({error.strerror})"
    mode = status.st_mode
    if stat.S_ISLNK(mode):
        return (
            "this is a symbolic link; give the path of the pack itself (a build never writes "
            "through a link)"
        )
    if stat.S_ISDIR(mode):
        return f"this is a folder; give a file name, such as {out / 'matrices.sqlite'}"
    if not stat.S_ISREG(mode):
        return "this is a device or pipe, not an ordinary file; packs are written only to files"
    return _inside_sources(out, source_dir) or _not_a_pack(out)


def _folder_problem(folder: Path) -> str | None:
    """A problem with the folder a new pack goes in: the nearest part of it that exists must be
    a folder (the rest is created)."""
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                return f"cannot write a pack inside {part}: it is a file, not a folder"
            return None
    return None


def _inside_sources(out: Path, source_dir: Path) -> str | None:
    if out.resolve().is_relative_to(source_dir.resolve()):
        return f"this is inside the source folder {source_dir}; write the pack somewhere else"
    return None


def _not_a_pack(out: Path) -> str | None:
    """Only a MatrixDesk pack (of any version) may be replaced by a new one."""
    try:
        with out.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return f"cannot read this file to check what it is ({error.strerror})"
    if header.startswith(_SQLITE_MAGIC) and header[68:72] == APPLICATION_ID.to_bytes(4, "big"):
        return None
    return (
        "this file exists and is not a MatrixDesk content pack, so a build will not replace it; "
        "choose another name, or remove the file first"
    )
