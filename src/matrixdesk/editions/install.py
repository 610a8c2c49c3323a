"""Installing and removing pack editions, for `matrixdesk pack` and File > Install content pack.

Each edition is its own file, `matrices-<edition>.sqlite`, written once and never changed: a pack
is copied to a temporary file in the packs folder (`.matrices-<edition>.sqlite.<pid>.installing`),
synced to disk, verified again as a copy (its seal over every byte must be the one checked in the
original), and only then renamed into place, in one step. A copy stopped part-way (killed, disk
full) leaves at most a temporary file, which no reader ever opens and the next install removes.
A running reader keeps the file it opened (it holds it open), so replacing or removing a file
never changes what it reads.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from matrixdesk.core.edition import EDITION_FORM, Edition, parse_edition
from matrixdesk.core.pack import PackError, PackFile
from matrixdesk.core.seal import Seal
from matrixdesk.core.store import ContentStore
from matrixdesk.editions.choose import INSTALLED_NAME, choose, installed_name
from matrixdesk.editions.places import Places
from matrixdesk.editions.trust import (
    Origin,
    UntrustedError,
    allowance_of,
    allowance_text,
    origin,
)

_COPY_CHUNK = 1 << 16
_TEMPORARY = ".installing"
# For the reliability tests alone: pause a copy after its first piece, saying so on stderr.
PAUSE_ENV = "MATRIXDESK_TEST_PAUSE_INSTALL"


class InstallError(Exception):
    """Nothing was installed (or removed): the message says why and what to do."""


class NotTrustedError(InstallError):
    """The pack is unsigned or signed by a key not trusted here: installed only if allowed."""

    def __init__(self, path: Path, error: UntrustedError) -> None:
        super().__init__(f"{path}: {error.problem} {error.advice}")
        self.problem = error.problem


@dataclass(frozen=True, slots=True)
class Checked:
    """A pack file checked in full: what `pack verify` reports and `install` needs."""

    path: Path
    edition: Edition
    title: str
    seal: Seal
    format: int
    origin: Origin


@dataclass(frozen=True, slots=True)
class Installed:
    path: Path
    checked: Checked
    in_use_before: Edition | None
    replaced: bool


def check_pack(path: Path, where: Places, allow: bool = False) -> Checked:
    """Check a pack file as installing it would: seal, every table, SQLite's and the search
    index's own checks, an edition that is a date, and its signature (trusted, or `allow`ed).
    InstallError says what is wrong."""
    try:
        store = ContentStore.open(path)
    except PackError as error:
        raise InstallError(f"{path}: {error.problem} Check the file, or get it again.") from None
    try:
        store.check_integrity()
        summary = store.summary()
        try:
            found = origin(store.seal, where, None, allow)
        except UntrustedError as error:
            if error.allowable:
                raise NotTrustedError(path, error) from None
            raise InstallError(f"{path}: {error.problem} {error.advice}") from None
        edition = parse_edition(summary.edition)
        if edition is None:
            raise InstallError(
                f"{path}: its edition, '{summary.edition}', is not {EDITION_FORM}, so it cannot "
                "be ordered against other editions. Ask its maker for a pack with a dated edition."
            )
        return Checked(path, edition, summary.title, store.seal, summary.schema_version, found)
    except PackError as error:
        raise InstallError(f"{path}: {error.problem} Check the file, or get it again.") from None
    finally:
        store.close()


def install(
    source: Path,
    where: Places,
    machine: bool = False,
    allow: bool = False,
    force: bool = False,
) -> Installed:
    """Check `source` and copy it into the user's (or the machine's) packs folder. Refuses an
    edition older than the one in use, or another pack of an installed edition, unless `force`."""
    checked = check_pack(source, where, allow)
    in_use = choose(where)
    current = in_use.edition
    if in_use.store is not None:
        in_use.store.close()
    folder = where.packs_folder(machine)
    target = folder / installed_name(checked.edition.text)
    if current is not None and checked.edition < current and not force:
        raise InstallError(
            f"{source}: edition {checked.edition} is older than edition {current}, which is in "
            "use. Nothing was installed (--force installs it anyway; the newest edition is "
            "still used until it is removed)."
        )
    replaced = target.exists()
    if replaced and _same_seal(target, checked.seal):
        return Installed(target, checked, current, replaced=False)  # already there, as it is
    if replaced and not force:
        raise InstallError(
            f"{source}: another pack of edition {checked.edition} is already installed "
            f"({target}). Nothing was installed (--force replaces it)."
        )
    _copy_into_place(source, target, checked, allowed=checked.origin.allowed_by == "you")
    return Installed(target, checked, current, replaced)


def _same_seal(path: Path, seal: Seal) -> bool:
    try:
        pack = PackFile(path)
    except PackError:
        return False
    pack.close()
    return pack.seal.digest == seal.digest


def _copy_into_place(source: Path, target: Path, checked: Checked, allowed: bool) -> None:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InstallError(_os_problem(error, folder)) from None
    sweep_temporary(folder)
    temporary = folder / f".{target.name}.{os.getpid()}{_TEMPORARY}"
    try:
        _copy(source, temporary)
        copied = PackFile(temporary)  # the copy, checked as a reader will check it
        copied.close()
        if copied.seal != checked.seal:
            raise InstallError(
                f"{source}: the file changed while it was being installed. Nothing was "
                "installed; install it again."
            )
        temporary.chmod(0o644)
        allowance = allowance_of(target)
        if allowed:
            _write_small(allowance, allowance_text(checked.seal))
        else:
            allowance.unlink(missing_ok=True)
        temporary.replace(target)
        _sync_folder(folder)
    except PackError as error:
        raise InstallError(
            f"{source}: the copy did not verify ({error.problem}) Nothing was installed; check "
            "the disk, then install it again."
        ) from None
    except OSError as error:
        raise InstallError(_os_problem(error, folder)) from None
    finally:
        temporary.unlink(missing_ok=True)


def _copy(source: Path, temporary: Path) -> None:
    """Copy in pieces to a new file of our own (O_EXCL), then sync it to disk."""
    pause = os.environ.get(PAUSE_ENV)
    fd = os.open(
        temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600
    )
    with os.fdopen(fd, "wb") as out, source.open("rb") as data:
        while piece := data.read(_COPY_CHUNK):
            out.write(piece)
            if pause:  # a test kills this process here, part-way through the copy
                out.flush()
                print(f"paused: {temporary}", file=sys.stderr, flush=True)
                threading.Event().wait()
        out.flush()
        os.fsync(out.fileno())


def _write_small(path: Path, text: str) -> None:
    aside = path.with_name(f".{path.name}.{os.getpid()}{_TEMPORARY}")
    aside.write_text(text, encoding="ascii")
    aside.replace(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: sync the folder; Windows has no such call)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temporary(folder: Path) -> None:
    """Remove what installs killed part-way left in `folder` (not one still running)."""
    for leftover in folder.glob(f".*{_TEMPORARY}"):
        pid = leftover.name.removesuffix(_TEMPORARY).rpartition(".")[2]
        if not (pid.isdigit() and _running(int(pid))):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - no cheap check there: leave it be
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _os_problem(error: OSError, folder: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return (
            f"{folder}: there is no room for the pack ({error.strerror}). Nothing was installed "
            "and the edition in use is unchanged; free some space, then install it again."
        )
    if isinstance(error, PermissionError):
        return (
            f"{folder}: you may not write here ({error.strerror}). Nothing was installed; "
            "for the machine-wide folder, run it as an administrator."
        )
    return f"{folder}: the pack could not be installed ({error.strerror}). Nothing was installed."


def find_installed(name: str, folder: Path) -> Path | None:
    """The installed pack `name` means: an edition, or a file name or path in `folder`."""
    by_edition = folder / installed_name(name)
    if parse_edition(name) is not None and by_edition.is_file():
        return by_edition
    named = Path(name)
    inside = folder / named.name
    in_folder = named.parent == Path() or named.resolve() == inside.resolve()
    if INSTALLED_NAME.match(named.name) and inside.is_file() and in_folder:
        return inside
    return None


def remove(name: str, where: Places, machine: bool = False) -> Path:
    """Remove an installed edition (and its allowance). A running reader that uses it keeps it
    until it closes (on Windows, the file cannot be removed until then)."""
    folder = where.packs_folder(machine)
    found = find_installed(name, folder)
    if found is None:
        scope = "machine-wide" if machine else "for you (--machine for the machine-wide ones)"
        raise InstallError(
            f"{name}: no such edition is installed {scope}; `matrixdesk pack list` lists them."
        )
    try:
        found.unlink()
        allowance_of(found).unlink(missing_ok=True)
    except OSError as error:
        raise InstallError(
            f"{found}: it cannot be removed ({error.strerror}); close MatrixDesk everywhere it "
            "uses this edition, or run as an administrator for the machine-wide folder."
        ) from None
    return found
