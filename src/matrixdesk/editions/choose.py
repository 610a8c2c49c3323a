"""Which pack the reader uses: the newest valid edition among the installed and the bundled.

Installed packs are named by their edition (`matrices-2027-03-01.sqlite`), so the candidates are
put in order from a listing of two folders, without reading any pack; the bundled pack's edition
is read from its one description row (see `_bundled_edition`). Then, newest first, each is opened
as the reader opens any pack (its header, its seal over every byte, every table and cell) and,
if installed, its signature checked against the trusted keys and its edition against its name.
The first that passes is used, still open; each that fails is listed with why. So a start-up
hashes only the pack it uses, unless a newer one turns out unusable.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from pathlib import Path

from matrixdesk.core.edition import Edition, parse_edition
from matrixdesk.core.pack import PackError, check_header, pack_uri
from matrixdesk.core.store import ContentStore
from matrixdesk.editions.places import Places
from matrixdesk.editions.trust import Origin, UntrustedError, allowance_of, origin

INSTALLED_NAME = re.compile(r"^matrices-(.+)\.sqlite$")
BUNDLED, MACHINE, USER = "bundled with MatrixDesk", "installed machine-wide", "installed for you"
# Same edition in several places: the one IT put in place, then the reader's, then the bundled.
_PREFERENCE = {MACHINE: 0, USER: 1, BUNDLED: 2}


def installed_name(edition: str) -> str:
    return f"matrices-{edition}.sqlite"


class Candidate:
    """A pack file, where it is, and its edition: from the file's name (installed) or its
    description (bundled); None if unknown. (Plain classes: see `places`.)"""

    __slots__ = ("edition", "path", "where")

    def __init__(self, path: Path, where: str, edition: Edition | None) -> None:
        self.path, self.where, self.edition = path, where, edition

    def sort_key(self) -> tuple[bool, Edition | None, int]:
        return (self.edition is not None, self.edition, -_PREFERENCE[self.where])


class Choice:
    """The pack chosen (`path`, `where`), why (`reason`), it open (`store`, when one could be
    used; the caller closes it), who made it (`origin`), and the newer ones `skipped`, why."""

    __slots__ = ("origin", "path", "reason", "skipped", "store", "where")

    def __init__(
        self,
        path: Path,
        where: str,
        reason: str,
        store: ContentStore | None,
        origin: Origin | None,
        skipped: list[tuple[Path, str]],
    ) -> None:
        self.path, self.where, self.reason = path, where, reason
        self.store, self.origin, self.skipped = store, origin, skipped

    @property
    def edition(self) -> Edition | None:
        return parse_edition(self.store.summary().edition) if self.store else None


def candidates(where: Places) -> list[Candidate]:
    """Every pack there is, newest first (by name; nothing is opened but, if there are installed
    ones, the bundled pack's description)."""
    found = [*_installed(where.machine_packs, MACHINE), *_installed(where.user_packs, USER)]
    # Alone, the bundled pack needs no edition to be chosen: not reading it saves a start-up.
    edition = _bundled_edition(where.bundled_pack) if found else None
    found.append(Candidate(where.bundled_pack, BUNDLED, edition))
    return sorted(found, key=Candidate.sort_key, reverse=True)


def _installed(folder: Path, where: str) -> list[Candidate]:
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:  # no such folder (the usual case), or not one this user may read
        return []
    return [
        Candidate(folder / name, where, parse_edition(match.group(1)))
        for name in names
        if (match := INSTALLED_NAME.match(name)) and parse_edition(match.group(1))
    ]


def folder_stamp(where: Places) -> tuple[int, ...]:
    """What changes when a pack is installed or removed: the packs folders' modification times.
    A cheap check (two `stat`s) the window makes when it is activated."""
    stamp = []
    for folder in (where.machine_packs, where.user_packs):
        try:
            stamp.append(folder.stat().st_mtime_ns)
        except OSError:
            stamp.append(0)
    return tuple(stamp)


def _bundled_edition(path: Path) -> Edition | None:
    """The bundled pack's edition, for ordering alone: read without the seal's check (which hashes
    the whole file) from the one row that describes it, as the pack is in the installation folder
    and, if it is chosen, it is checked in full before anything of it is used. A pack that cannot
    be read this way sorts last, and is refused when opened."""
    try:
        with path.open("rb") as handle:
            check_header(path, handle.read(100), os.fstat(handle.fileno()).st_size)
        with contextlib.closing(sqlite3.connect(pack_uri(path), uri=True)) as connection:
            (edition,) = connection.execute("SELECT edition FROM pack_info").fetchone()
    except (OSError, PackError, sqlite3.Error, TypeError, ValueError, UnicodeDecodeError):
        return None
    return parse_edition(edition) if isinstance(edition, str) else None


def choose(where: Places, newer_than: Edition | None = None) -> Choice:
    """The pack to use: the newest that opens, verifies and (installed) is trusted. If none does,
    a Choice of the bundled pack with no store (opening it again says why). `newer_than`: look
    only for an edition newer than this one (the window asking whether to offer a switch)."""
    skipped: list[tuple[Path, str]] = []
    for candidate in candidates(where):
        if newer_than is not None and (
            candidate.edition is None or candidate.edition <= newer_than
        ):
            break
        try:
            store = ContentStore.open(candidate.path)
        except PackError as error:
            skipped.append((candidate.path, error.problem))
            continue
        try:
            trusted = _check(candidate, store, where)
        except UntrustedError as error:
            store.close()
            skipped.append((candidate.path, error.problem))
            continue
        reason = "the newest edition" if not skipped else "the newest edition that can be used"
        reason += f", {candidate.where}"
        return Choice(candidate.path, candidate.where, reason, store, trusted, skipped)
    return Choice(where.bundled_pack, BUNDLED, "no pack could be used", None, None, skipped)


def _check(candidate: Candidate, store: ContentStore, where: Places) -> Origin:
    """Raise UntrustedError unless the installed pack's signature is trusted (or it was allowed)
    and it is the edition its name says. The bundled pack came with the signed installer."""
    if candidate.where == BUNDLED:
        return Origin(None, "part of the MatrixDesk installation (not signed on its own)")
    edition = store.summary().edition
    if candidate.edition is None or edition != candidate.edition.text:
        raise UntrustedError(
            f"Its name says edition {candidate.edition} but it holds edition {edition}.",
            "Remove it and install the pack with matrixdesk pack install.",
        )
    return origin(store.seal, where, allowance_of(candidate.path))
