"""What the reader was shown as saved stays saved: a writer killed with SIGKILL at random moments,
a hundred times over one file, never loses an acknowledged note nor leaves the file damaged;
two instances writing at once, or starting at once on a new profile, corrupt nothing."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.userdata_writer import note_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX: SIGKILL and fork")

REPO = Path(__file__).resolve().parents[1]
KILLS = 100
WAIT_S = 30  # for a line from a writer: far longer than any should take


class Writers:
    """The writer server (tests/userdata_writer.py) and what its writers have said."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.userdata_writer"],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.acked: dict[str, str] = {}
        """Every note a writer acknowledged as committed: its text, and its id."""
        self._acks: Counter[str] = Counter()
        self._events: list[list[str]] = []  # lines read but not yet waited for
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.expect("ready")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))

    def _take(self) -> None:
        """Wait for the next line from a writer and take it in."""
        try:
            words = self._lines.get(timeout=WAIT_S).split(" ", 3)
        except queue.Empty:
            pytest.fail("a writer stopped answering")
        if words[0] == "failed":
            pytest.fail(f"writer {words[1]} failed: {' '.join(words[2:])}")
        if words[0] == "opened":
            assert words[2] == "-", f"writer {words[1]} found the file unusable: {words[2]}"
        if words[0] == "ack":
            self.acked[note_text(words[1], int(words[2]))] = words[3]
            self._acks[words[1]] += 1
        self._events.append(words)

    def expect(self, *start: str) -> list[str]:
        """Wait for the line that starts with the words `start` (it may have come already)."""
        while True:
            for words in self._events:
                if words[: len(start)] == list(start):
                    self._events.remove(words)
                    return words
            self._take()

    def start(self, path: Path, tag: str, count: int) -> int:
        """Start a writer; its process id."""
        self._send(f"write {path} {tag} {count}")
        return int(self.expect("started", tag)[2])

    def wait_for_acks(self, tag: str, count: int) -> None:
        while self._acks[tag] < count:
            self._take()

    def reap(self, pid: int) -> None:
        """Wait for a writer to have ended: every line it printed has been taken in by then."""
        self._send(f"reap {pid}")
        self.expect("reaped", str(pid))

    def _send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=WAIT_S)
        self._reader.join(timeout=WAIT_S)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def writers() -> Iterator[Writers]:
    server = Writers()
    yield server
    server.close()


def _check(path: Path, acked: dict[str, str]) -> int:
    """The file is sound, its search index agrees with its notes, and every acknowledged note
    is there with its id: checked by SQLite itself, not by our code. How many notes it has."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if not connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            assert not acked, "killed before the first database was made: nothing to keep"
            return 0
        connection.execute("INSERT INTO notes_search(notes_search) VALUES ('integrity-check')")
        found = dict(connection.execute("SELECT text, id FROM notes").fetchall())
    missing = {text for text in acked if found.get(text) != acked[text]}
    assert not missing, f"acknowledged but lost: {sorted(missing)[:3]}"
    return len(found)


def test_a_writer_killed_at_random_moments_loses_nothing_acknowledged(
    writers: Writers, tmp_path: Path
) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    path = tmp_path / "userdata.sqlite"
    started = time.perf_counter()
    for round_number in range(KILLS):
        tag = f"k{round_number}"
        pid = writers.start(path, tag, count=1000)
        # Kill it while it opens the file (and, the first time, makes it), or after a few
        # commits, mid-way through the next; a random pause moves the moment further.
        writers.wait_for_acks(tag, rng.choice((0, 0, 1, 2, 3, 5, 8, 13)))
        if rng.random() < 0.5:
            time.sleep(rng.uniform(0, 0.004))
        os.kill(pid, signal.SIGKILL)
        writers.reap(pid)
        assert _check(path, writers.acked) >= len(writers.acked)
    assert len(writers.acked) > KILLS, "the kills came after commits, not only before the first"
    names = {p.name for p in tmp_path.iterdir()}
    assert names <= {"userdata.sqlite", "userdata.sqlite-wal", "userdata.sqlite-shm"}, names
    took = time.perf_counter() - started
    print(f"{KILLS} kills in {took:.1f} s, {len(writers.acked)} notes acknowledged")


def test_two_instances_writing_at_once_corrupt_nothing(writers: Writers, tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    pids = [writers.start(path, tag, count=150) for tag in ("first", "second")]
    for tag in ("first", "second"):
        writers.expect("done", tag)
    for pid in pids:
        writers.reap(pid)
    assert len(writers.acked) == 300
    assert _check(path, writers.acked) == 300


def test_two_instances_starting_at_once_on_a_new_profile_make_one_database(
    writers: Writers, tmp_path: Path
) -> None:
    for round_number in range(15):
        path = tmp_path / f"profile-{round_number}" / "userdata.sqlite"
        tags = [f"n{round_number}a", f"n{round_number}b"]
        pids = [writers.start(path, tag, count=3) for tag in tags]
        for tag in tags:
            writers.expect("done", tag)
        for pid in pids:
            writers.reap(pid)
        mine = {text: id_ for text, id_ in writers.acked.items() if text.split()[2] in tags}
        assert _check(path, mine) == 6
        assert sorted(p.name for p in path.parent.iterdir()) == ["userdata.sqlite"]
