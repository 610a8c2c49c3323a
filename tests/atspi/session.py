"""A private desktop for reading the app through AT-SPI: an X server (Xvfb), a session bus, the
AT-SPI bus on it, the real app, and the driver (driver.py, run by Debian's Python, which has
pyatspi) that reads and works it as a screen reader would and prints JSON.

It is set up the way a desktop session does it for Orca: the session bus starts
at-spi-bus-launcher (which owns org.a11y.Bus and runs the accessibility bus and, on demand, the
registry) before any application, and Qt, seeing org.a11y.Bus, joins the accessibility bus.
QT_LINUX_ACCESSIBILITY_ALWAYS_ON stands in for a running screen reader, which is what would
otherwise make Qt join.

Every process runs in one process group of our own (the ones D-Bus starts inherit it), so
closing the desktop ends all of them, and only them, on success and failure alike.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("driver.py")
# Where at-spi2-core puts its bus launcher: Debian 12, and some older Ubuntu releases.
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
SCREEN = "1280x1024x24"
START_TIMEOUT = 30.0  # seconds for a server to say it is ready: generous for a busy CI machine
STOP_TIMEOUT = 10.0
# Settings from the caller's own desktop that would point the app or the driver elsewhere.
FOREIGN = ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS",
           "AT_SPI_BUS_ADDRESS", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR")  # fmt: skip


def missing_tools() -> list[str]:
    """What this machine lacks to run a desktop for AT-SPI, in words (empty if nothing)."""
    missing = [tool for tool in ("Xvfb", "dbus-daemon", "dbus-send") if not shutil.which(tool)]
    if not any(Path(launcher).exists() for launcher in LAUNCHERS):
        missing.append("at-spi-bus-launcher")
    probe = [SYSTEM_PYTHON, "-c", "import pyatspi"]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(probe, capture_output=True).returncode:
        missing.append(f"pyatspi for {SYSTEM_PYTHON}")
    return missing


class DesktopError(RuntimeError):
    """A part of the desktop did not start, or the driver failed; says what it printed."""


class Desktop:
    """Context manager: Xvfb and a session bus with the AT-SPI bus running when entered; the app
    started by `start_app`; `driver(...)` runs one driver command against it. Leaving the block
    ends every process it started."""

    def __init__(self, folder: Path) -> None:
        """`folder`: an empty folder for logs and the buses' runtime files."""
        self.folder = folder
        self.group = 0  # the process group of every process started here, once there is one
        self.processes: list[subprocess.Popen[bytes]] = []  # those started directly
        self.app: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {k: v for k, v in os.environ.items() if k not in FOREIGN}

    def __enter__(self) -> Desktop:
        try:
            self._start_x()
            self._start_buses()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _spawn(self, command: Sequence[str], log: str, **options: Any) -> subprocess.Popen[bytes]:
        with (self.folder / log).open("ab") as output:
            process = subprocess.Popen(
                command,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=options.pop("stdout", output),
                stderr=output,
                process_group=self.group,
                **options,
            )
        self.group = self.group or process.pid
        self.processes.append(process)
        return process

    def _start_x(self) -> None:
        # -displayfd: Xvfb picks a free display and writes its number once it accepts clients,
        # so two test runs never race for one display, and nothing needs to poll the socket.
        # -noreset: the server keeps its state (the AT-SPI bus address on the root window) when
        # its last client leaves.
        read, write = os.pipe()
        try:
            command = ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN]
            self._spawn([*command, "-nolisten", "tcp", "-noreset"], "xvfb.log", pass_fds=(write,))
            os.close(write)
            display = _read_line(read, "Xvfb", self.folder / "xvfb.log")
        finally:
            os.close(read)
            with contextlib.suppress(OSError):  # already closed, unless Popen failed
                os.close(write)
        self.env["DISPLAY"] = f":{display}"

    def _start_buses(self) -> None:
        runtime = self.folder / "runtime"  # the AT-SPI bus's socket goes here, not in ~/.cache
        runtime.mkdir(mode=0o700)
        self.env["XDG_RUNTIME_DIR"] = str(runtime)
        read, write = os.pipe()
        try:
            command = ["dbus-daemon", "--session", "--nofork", f"--print-address={write}"]
            self._spawn(command, "dbus.log", pass_fds=(write,))
            os.close(write)
            self.env["DBUS_SESSION_BUS_ADDRESS"] = _read_line(
                read, "dbus-daemon", self.folder / "dbus.log"
            )
        finally:
            os.close(read)
            with contextlib.suppress(OSError):  # already closed, unless Popen failed
                os.close(write)
        # Asking for the AT-SPI bus's address starts at-spi-bus-launcher through D-Bus and
        # answers once it owns org.a11y.Bus: from then on, an app that starts joins the bus.
        ask = ["dbus-send", "--session", "--print-reply=literal", "--reply-timeout=20000"]
        result = subprocess.run(
            [*ask, "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            check=False,
        )
        if result.returncode or "unix:" not in result.stdout:
            raise DesktopError(f"the AT-SPI bus did not start: {result.stderr.strip()}")

    def start_app(self, *arguments: str | Path, executable: Path | None = None) -> None:
        """Start the app on this desktop, with Qt's AT-SPI bridge on: from this Python
        (`python -m matrixdesk ARGUMENTS`), or `executable` (the frozen app) if given. It logs
        to app.log. The driver's `wait-app` says when it is there."""
        self.env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        program = [str(executable)] if executable else [sys.executable, "-m", "matrixdesk"]
        command = [*program, *map(str, arguments)]
        self.app = self._spawn(command, "app.log", stdout=subprocess.DEVNULL)

    def app_log(self) -> str:
        log = self.folder / "app.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def run_driver(self, *arguments: str, timeout: float = 60.0) -> str:
        """Run one driver command against the app; what it printed. Raises DesktopError, with
        the driver's and the app's messages, if the driver fails or takes over `timeout` s."""
        try:
            result = subprocess.run(
                [SYSTEM_PYTHON, str(DRIVER), *arguments],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as expired:
            message = f"driver {arguments} took over {timeout} s{self._app_tail()}"
            raise DesktopError(message) from expired
        if result.returncode:
            raise DesktopError(
                f"driver {arguments} failed ({result.returncode}):\n{result.stderr}"
                f"{self._app_tail()}"
            )
        return result.stdout

    def driver(self, *arguments: str, timeout: float = 60.0) -> Any:
        """Run one driver command against the app; its answer, read from its JSON."""
        return json.loads(self.run_driver(*arguments, "--json", timeout=timeout))

    def _app_tail(self) -> str:
        state = "running" if self.app and self.app.poll() is None else "not running"
        return f"\nThe app is {state}; its log ends:\n{self.app_log()[-3000:]}"

    def close(self) -> None:
        """End the app, then the buses and the X server: politely, then by force."""
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.app.wait(STOP_TIMEOUT)
        for sent in (signal.SIGTERM, signal.SIGKILL):
            if not self.group:
                break
            # A group's number is not given to another process while any member lives, so
            # signalling it reaches only the processes started here.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.group, sent)
            deadline = time.monotonic() + STOP_TIMEOUT
            while live_members(self.group) and time.monotonic() < deadline:
                for process in self.processes:
                    process.poll()  # reaps it: a zombie still counts for killpg
                time.sleep(0.05)
            if not live_members(self.group):
                self.group = 0
        for process in self.processes:
            process.poll()


def _read_line(fd: int, what: str, log: Path) -> str:
    """The first line a server writes to `fd` once it is ready; DesktopError if it ends or
    says nothing for START_TIMEOUT seconds."""
    data = b""
    deadline = time.monotonic() + START_TIMEOUT
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise DesktopError(f"{what} did not start in {START_TIMEOUT:.0f} s: {_tail(log)}")
        chunk = os.read(fd, 4096)
        if not chunk:
            raise DesktopError(f"{what} stopped before it was ready: {_tail(log)}")
        data += chunk
    return data.decode().splitlines()[0].strip()


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"


def live_members(group: int) -> list[int]:
    """The live processes of process group `group` (a zombie has ended: it is not counted)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # The fields after the command's closing parenthesis: state, parent, group, ...
            state, _parent, pgrp = stat.read_text().rpartition(")")[2].split()[:3]
            if int(pgrp) == group and state != "Z":
                members.append(int(stat.parent.name))
    return members
