"""The reader makes no network connections and listens on no socket."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path

    network_calls = []
    def audit(event, args):
        if event.startswith(("socket.connect", "socket.bind", "socket.getaddrinfo")):
            network_calls.append(event)
    sys.addaudithook(audit)

    from matrixdesk.core.store import ContentStore
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    app = application()
    store = ContentStore.open(Path(sys.argv[1]))
    window = open_window(store, Settings(Path(sys.argv[2])), None)
    window.show()
    for matrix in window.contexts.values():
        for code in matrix.cells:
            window.navigate(f"{matrix.matrix.key}/{code}")
            app.processEvents()
    window.navigate("alcohol/B5#trickier-situation")
    app.processEvents()

    def inet_inodes():
        inodes = set()
        for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
            path = Path("/proc/self/net") / table
            if path.exists():
                for line in path.read_text().splitlines()[1:]:
                    inodes.add(line.split()[9])
        return inodes

    mine = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    window.close()
    print("inet-sockets", sorted(mine & inet_inodes()))
    print("python-network-calls", network_calls)
    print("qtnetwork-loaded", "PySide6.QtNetwork" in sys.modules)
    """
)


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="reads Linux /proc")
def test_reading_every_cell_touches_no_network(pack_path: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(pack_path), str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "inet-sockets []" in lines
    assert "python-network-calls []" in lines
    assert "qtnetwork-loaded False" in lines


@pytest.mark.parametrize(
    ("address", "runtime_bus", "expected"),
    [
        (None, False, "unix:path=/nonexistent/matrixdesk-no-session-bus"),
        (None, True, None),  # systemd's user bus, found by libdbus itself
        ("unix:path=/run/user/1000/bus", False, "unix:path=/run/user/1000/bus"),
    ],
)
@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="D-Bus autolaunch is X11's")
def test_no_session_bus_is_started_where_there_is_none(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    address: str | None,
    runtime_bus: bool,
    expected: str | None,
) -> None:
    """With no session bus to join, libdbus would start a dbus-daemon that outlives the app."""
    from matrixdesk.ui.launch import never_start_a_session_bus

    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    if runtime_bus:
        (tmp_path / "bus").touch()
    never_start_a_session_bus()
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS") == expected
