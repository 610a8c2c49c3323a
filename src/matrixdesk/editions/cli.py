"""`matrixdesk pack …` (install, list, remove, verify, trust, diff) and `matrixdesk keygen`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from matrixdesk.core.seal import Seal
from matrixdesk.core.signing import (
    PUBLIC_KEY_PREFIX,
    SECRET_KEY_PREFIX,
    KeyFileError,
    PublicKey,
    key_file_text,
    new_key_pair,
    read_key_file,
)
from matrixdesk.editions.choose import Choice, candidates, choose
from matrixdesk.editions.install import InstallError, check_pack, install, remove
from matrixdesk.editions.places import Places, places
from matrixdesk.editions.trust import UntrustedError, origin

EXIT_OK, EXIT_PROBLEMS = 0, 1


def run(args: argparse.Namespace, settings: Path | None) -> int:
    """Run `keygen` or a `pack` action; print what happened, or one line saying what is wrong."""
    try:
        if args.command == "keygen":
            return _keygen(args.keyfile)
        where = places(settings)
        action = args.pack_action
        if action == "install":
            return _install(args, where)
        if action == "list":
            return _list(where)
        if action == "remove":
            found = remove(args.pack_name, where, args.machine)
            print(f"Removed {found}. `matrixdesk info` says which edition is now in use.")
            return EXIT_OK
        if action == "verify":
            return _verify(args.pack_file, where, args.allow_unsigned)
        if action == "trust":
            return _trust(args.key_file, where, args.machine)
        from matrixdesk.editions.diff import run_diff

        return run_diff(args.old, args.new)
    except (InstallError, KeyFileError) as error:
        print(f"matrixdesk: {error}", file=sys.stderr)
        return EXIT_PROBLEMS


def _install(args: argparse.Namespace, where: Places) -> int:
    done = install(args.pack_file, where, args.machine, args.allow_unsigned, args.force)
    checked = done.checked
    if not done.replaced and done.in_use_before == checked.edition and done.path.exists():
        print(f"Edition {checked.edition} is already installed: {done.path}.")
    else:
        print(f"Installed edition {checked.edition} ({checked.origin.describe()}): {done.path}.")
    in_use = choose(where)
    if in_use.store is not None:
        print(f"In use: edition {in_use.edition}, {in_use.where} ({in_use.path}).")
        in_use.store.close()
    return EXIT_OK


def _list(where: Places) -> int:
    in_use = choose(where)
    if in_use.store is not None:
        in_use.store.close()
    skipped = dict(in_use.skipped)
    if where.policy.problem:
        print(f"matrixdesk: the machine policy: {where.policy.problem}", file=sys.stderr)
    for candidate in candidates(where):
        if candidate.path == in_use.path and in_use.store is not None:
            status = "in use"
        elif candidate.path in skipped:
            status = f"cannot be used: {skipped[candidate.path]}"
        else:
            status = "not in use (a newer edition is)"
        print(f"{candidate.edition or '?'!s:<14}{candidate.where:<26}{status}")
        print(f"{'':<14}{candidate.path}")
    return EXIT_OK


def _verify(path: Path, where: Places, allow: bool) -> int:
    checked = check_pack(path, where, allow)
    print(f"{path}: intact (seal {checked.seal} matches every byte; SQLite's and the search")
    print(f"  index's checks pass); {checked.title}, edition {checked.edition}, format")
    print(f"  {checked.format}; {checked.origin.describe()}.")
    return EXIT_OK


def _trust(key_file: Path, where: Places, machine: bool) -> int:
    key = PublicKey(read_key_file(key_file, PUBLIC_KEY_PREFIX))
    folder = where.keys_folder(machine)
    target = folder / f"{key.hex[:16]}.pub"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        aside = folder / f".{target.name}.{os.getpid()}.writing"
        aside.write_text(
            key_file_text(PUBLIC_KEY_PREFIX, key.hex, f"trusted from {key_file.name}"), "ascii"
        )
        aside.replace(target)
    except OSError as error:
        raise InstallError(
            f"{folder}: the key cannot be kept there ({error.strerror}); for the machine-wide "
            "folder, run it as an administrator."
        ) from None
    print(f"Trusted key {key.fingerprint} ({'machine-wide' if machine else 'for you'}): {target}.")
    return EXIT_OK


def _keygen(keyfile: Path) -> int:
    public = keyfile.with_name(keyfile.name + ".pub")
    for path in (keyfile, public):
        if path.exists() or path.is_symlink():
            raise InstallError(
                f"{path}: already exists; keygen never overwrites a key. Choose another name."
            )
    seed, key = new_key_pair()
    try:
        fd = os.open(keyfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(
                key_file_text(SECRET_KEY_PREFIX, seed, "MatrixDesk pack signing key: SECRET")
            )
        fd = os.open(public, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key_file_text(PUBLIC_KEY_PREFIX, key, "MatrixDesk pack signing key"))
    except OSError as error:
        raise InstallError(f"{error.filename}: cannot be written ({error.strerror})") from None
    print(f"Secret key: {keyfile} (keep it private; sign with build --sign {keyfile})")
    print(f"Public key: {public} (fingerprint {PublicKey(key).fingerprint}; readers trust it")
    print(f"  with matrixdesk pack trust {public})")
    return EXIT_OK


def pack_in_use_rows(chosen: Choice) -> tuple[Path, list[tuple[str, str]]]:
    """The pack the reader would use, and `info`'s lines on why (and what was skipped)."""
    if chosen.store is not None:
        chosen.store.close()
    rows = [("In use", f"{chosen.path}"), ("", f"{chosen.reason}")]
    if chosen.origin is not None:
        rows.append(("Origin", chosen.origin.describe()))
    rows += [("Skipped", f"{path}: {why}") for path, why in chosen.skipped]
    return chosen.path, rows


def origin_row(seal: Seal, settings: Path | None) -> str:
    """How the origin of a pack named with --pack reads here."""
    try:
        return origin(seal, places(settings), None).describe()
    except UntrustedError as error:
        return error.problem
