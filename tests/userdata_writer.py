"""Writer processes for the durability tests: `python -m tests.userdata_writer` imports the user
database code once, then starts writers on request, each a process of its own (forked, so that
a hundred of them do not each spend 200 ms importing SQLAlchemy).

Commands, one a line on stdin:
    write PATH TAG COUNT   a new process opens the user database at PATH and adds COUNT
                           synthetic notes, printing a line after each commit
    reap PID               wait for that process to end (after it was killed, or finished)
Lines on stdout (the writers share it; each line is one write, so lines never interleave):
    ready                         the server is ready for commands
    started TAG PID               a writer began
    opened TAG REASON             it opened the database (REASON: what was set aside, or -)
    ack TAG NUMBER ID             note NUMBER is committed, with this id: it must survive
    done TAG                      the writer finished all its notes
    failed TAG ERROR              the writer met an error
    reaped PID                    that writer has ended
POSIX only (fork).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from matrixdesk.userdata.store import UserData

ADDRESS = "matrixdesk:/alcohol/B5"


def note_text(tag: str, number: int) -> str:
    return f"Synthetic note {tag} {number}, written by a test writer."


def _say(line: str) -> None:
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def _write(path: Path, tag: str, count: int) -> None:
    """In the writer process: never returns."""
    code = 0
    try:
        _say(f"started {tag} {os.getpid()}")
        with UserData.open(path) as userdata:
            _say(f"opened {tag} {userdata.set_aside.reason if userdata.set_aside else '-'}")
            for number in range(count):
                note = userdata.add_note(ADDRESS, note_text(tag, number))
                _say(f"ack {tag} {number} {note.id}")
        _say(f"done {tag}")
    except BaseException as error:  # reported, for the test to fail with
        _say(f"failed {tag} {error!r}".replace("\n", " "))
        code = 1
    finally:
        os._exit(code)


def serve() -> None:
    _say("ready")
    for line in sys.stdin:
        command, *arguments = line.split()
        if command == "write":
            path, tag, count = arguments
            if os.fork() == 0:
                _write(Path(path), tag, int(count))
        elif command == "reap":
            os.waitpid(int(arguments[0]), 0)
            _say(f"reaped {arguments[0]}")


if __name__ == "__main__":
    serve()
