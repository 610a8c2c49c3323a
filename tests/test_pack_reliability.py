"""Installing editions when things go wrong: an install killed part-way through its copy, a disk
that fills up, and readers that keep reading while editions are installed and removed."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from matrixdesk.editions.install import PAUSE_ENV, install
from matrixdesk.editions.places import Places
from tests.editions import DevKey, edition_pack, in_use, key, where

__all__ = ["key", "where"]  # fixtures

CLI = [sys.executable, "-m", "matrixdesk"]


def test_an_install_killed_mid_copy_leaves_the_previous_editionin_use(
    tmp_path: Path, where: Places, key: DevKey
) -> None:
    install(edition_pack(tmp_path, "2027-01-01", key), where)
    newer = edition_pack(tmp_path, "2027-02-01", key)
    child = subprocess.Popen(
        [*CLI, "pack", "install", str(newer)],
        env={**os.environ, PAUSE_ENV: "1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    said = child.stderr.readline()  # waits until the copy is part-way
    assert said.startswith("paused: "), said + child.stderr.read()
    partial = Path(said.removeprefix("paused: ").strip())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stderr.close()
    assert 0 < partial.stat().st_size < newer.stat().st_size
    assert not (where.user_packs / "matrices-2027-02-01.sqlite").exists()
    assert in_use(where) == "2027-01-01"
    listing = subprocess.run([*CLI, "pack", "list"], capture_output=True, text=True, check=True)
    assert "2027-02-01" not in listing.stdout and partial.name not in listing.stdout
    # The next install removes what the killed one left, and completes.
    done = subprocess.run([*CLI, "pack", "install", str(newer)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not partial.exists() and in_use(where) == "2027-02-01"
    assert sorted(p.name for p in where.user_packs.iterdir()) == [
        "matrices-2027-01-01.sqlite",
        "matrices-2027-02-01.sqlite",
    ]


def _limit_file_size() -> None:
    limit = 100_000  # less than a pack: the copy's second piece cannot be written
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@contextlib.contextmanager
def _tiny_filesystem(folder: Path) -> Iterator[Path]:
    """A 200 KiB tmpfs at `folder` (root only): a disk that fills up, for real."""
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("how", ["file size limit", "full filesystem"])
def test_a_full_disk_installs_nothing_and_says_so(
    how: str, tmp_path: Path, where: Places, key: DevKey
) -> None:
    install(edition_pack(tmp_path, "2027-01-01", key), where)
    newer = edition_pack(tmp_path, "2027-02-01", key)
    with contextlib.ExitStack() as stack:
        if how == "full filesystem":
            folder = stack.enter_context(_tiny_filesystem(tmp_path / "tiny"))
            (folder / "packs").mkdir()
            env = {**os.environ, "MATRIXDESK_MACHINE_DIR": str(folder)}
            command = [*CLI, "pack", "install", "--machine", str(newer)]
            packs, limit = folder / "packs", None
        else:
            env, command, packs, limit = (
                dict(os.environ),
                [*CLI, "pack", "install", str(newer)],
                where.user_packs,
                _limit_file_size,
            )
        result = subprocess.run(command, env=env, capture_output=True, text=True, preexec_fn=limit)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "there is no room for the pack" in result.stderr
        assert "the edition in use is unchanged" in result.stderr
        assert not [p for p in packs.iterdir() if "2027-02-01" in p.name]
    assert in_use(where) == "2027-01-01"


_READER = textwrap.dedent(
    """
    import hashlib, json, sys
    from matrixdesk.editions.choose import choose
    from matrixdesk.editions.places import places

    chosen = choose(places())
    store = chosen.store

    def everything():
        text = []
        for matrix in store.matrices():
            for cell in store.cells(matrix.key):
                page = store.cell_page(matrix.key, cell.code) if cell.has_content else None
                text.append(repr(page))
        text.append(repr(store.search("offender")))
        return hashlib.sha256("".join(text).encode()).hexdigest()

    print(json.dumps([store.summary().edition, everything()]), flush=True)
    sys.stdin.readline()  # the test installs and removes editions meanwhile
    print(json.dumps([store.summary().edition, everything()]), flush=True)
    """
)


def test_two_readers_keep_reading_while_editions_are_installed_and_removed(
    tmp_path: Path, where: Places, key: DevKey
) -> None:
    first = edition_pack(tmp_path, "2027-01-01", key)
    install(first, where)
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", _READER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        before = [json.loads(r.stdout.readline()) for r in readers]  # type: ignore[union-attr]
        assert [b[0] for b in before] == ["2027-01-01", "2027-01-01"]
        # A newer edition installed, the one being read removed, and another put in its name.
        install(edition_pack(tmp_path, "2027-02-01", key, features=True), where)
        (where.user_packs / "matrices-2027-01-01.sqlite").unlink()
        other = edition_pack(tmp_path, "2027-01-01", key, features=True, name="other.sqlite")
        install(other, where, force=True)
        after = []
        for reader in readers:
            out, _ = reader.communicate("go\n", timeout=60)
            after.append(json.loads(out))
            assert reader.returncode == 0
    finally:
        for reader in readers:
            if reader.poll() is None:
                reader.kill()
                reader.wait()
    assert after == before  # the same edition, read in full, every page and a search the same
    assert in_use(where) == "2027-02-01"
