"""The pytest side of the AT-SPI tests: the app running on a private desktop for a module's
tests, or a skip (or failure) that says what the machine lacks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.session import Desktop, missing_tools

INSTALL = "scripts/install-system-deps.sh"


def require_desktop_tools() -> None:
    """Skip when the system packages are missing and this machine cannot install them. As root
    on Debian they can be installed, and `make test` does (CI runs there): fail instead, so
    that the tests are never skipped quietly where they are meant to run."""
    missing = missing_tools()
    if not missing:
        return
    if os.geteuid() == 0 and Path("/etc/debian_version").exists():
        pytest.fail(f"the AT-SPI tests need {', '.join(missing)}: run {INSTALL} (make test does)")
    pytest.skip(f"the AT-SPI tests need {', '.join(missing)}: sudo {INSTALL} installs them")


def running_app(
    factory: pytest.TempPathFactory, pack: Path, *arguments: str | Path
) -> Iterator[Desktop]:
    """The app (reading `pack`, with private settings and ARGUMENTS) on a desktop of its own,
    until the module's tests are done; then everything is stopped, and the app must have
    printed no traceback."""
    require_desktop_tools()
    folder = factory.mktemp("atspi")
    with Desktop(folder) as desktop:
        desktop.start_app("--pack", pack, "--config-dir", folder / "config", *arguments)
        desktop.driver("wait-app")
        yield desktop
    assert "Traceback" not in desktop.app_log(), desktop.app_log()
