"""The frozen app (dist/matrixdesk, from `make package`) on a real X desktop (Xvfb, tests/atspi),
worked as a person would: a web address opened in the browser, which must get the user's own
environment and not the bundle's library path; and words typed with dead keys on a
US-International keyboard, which only Qt's compose input context turns into "é" and '"'.
Skipped when no bundle has been built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.fixture import require_desktop_tools
from tests.atspi.session import Desktop
from tests.conftest import REPO

pytestmark = [pytest.mark.gui, pytest.mark.atspi]

EXECUTABLE = REPO / "dist" / "matrixdesk" / "matrixdesk"
# A library path of the user's own, which the browser must get back unchanged.
USERS_LIBRARY_PATH = "/home/reader/lib"

if not sys.platform.startswith("linux") or not EXECUTABLE.exists():
    pytest.skip("no frozen Linux bundle: make package", allow_module_level=True)


class Browser:
    """A stand-in for the desktop's browser: an `xdg-open` first on PATH (Qt starts the browser
    through it) that writes the address and the environment it was given to a file."""

    def __init__(self, folder: Path) -> None:
        self.bin = folder / "bin"
        self.bin.mkdir()
        self.record = folder / "browser-environment"
        script = self.bin / "xdg-open"
        # Written aside and renamed, so the test never reads half a record.
        script.write_text(
            f'#!/bin/sh\n{{ echo "$1"; env; }} > "{self.record}.part"\n'
            f'mv "{self.record}.part" "{self.record}"\n',
            encoding="utf-8",
        )
        script.chmod(0o755)

    def opened(self, timeout: float = 20.0) -> tuple[str, dict[str, str]]:
        """The address the browser was asked to open, and its environment."""
        deadline = time.monotonic() + timeout
        while not self.record.exists():
            if time.monotonic() > deadline:
                pytest.fail("the browser was not started")
            time.sleep(0.1)
        address, *lines = self.record.read_text(encoding="utf-8").splitlines()
        return address, dict(line.split("=", 1) for line in lines if "=" in line)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    return Browser(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[Desktop]:
    """The frozen app on a desktop of its own, at cell A1 (not in the pack: its page is the
    link to the cell on the web)."""
    require_desktop_tools()
    if not shutil.which("setxkbmap"):
        pytest.fail("setxkbmap is missing: scripts/install-package-deps.sh installs it")
    folder = tmp_path_factory.mktemp("frozen-desktop")
    with Desktop(folder) as desktop:
        desktop.env["PATH"] = f"{browser.bin}{os.pathsep}{desktop.env['PATH']}"
        desktop.env["LD_LIBRARY_PATH"] = USERS_LIBRARY_PATH
        # A keyboard with dead keys, and a UTF-8 locale, whose compose table says what they make.
        desktop.env["LANG"] = "C.UTF-8"
        subprocess.run(["setxkbmap", "us", "intl"], env=desktop.env, check=True)
        desktop.start_app(
            "--config-dir", folder / "config", "--open", "alcohol/A1", executable=EXECUTABLE
        )
        desktop.driver("wait-app")
        yield desktop
    assert "Traceback" not in desktop.app_log(), desktop.app_log()


def test_the_browser_gets_the_users_environment_not_the_bundles(
    app: Desktop, browser: Browser
) -> None:
    app.driver("press", "Tab")  # the page's one link: the cell on the web
    app.driver("press", "Return")
    app.driver("do", "Press", "--role", "push button", "--name", "Open in web browser")
    address, environment = browser.opened()
    assert address.startswith("https://findings.org.uk/")
    assert environment.get("LD_LIBRARY_PATH") == USERS_LIBRARY_PATH
    assert not [name for name in environment if name.startswith(("_PYI_", "LD_LIBRARY_PATH_"))]


def test_dead_keys_type_accented_letters_and_quotes(app: Desktop) -> None:
    """On US-International, ' then e is "é", and " then space is '"' (a phrase search's quote)."""
    app.driver("press", "ctrl+k")  # search
    app.driver("press", "dead_acute", "e", "shift+dead_diaeresis", "space")
    typed = app.driver("read", "--role", "text", "--name", "Search")
    assert typed["text"] == 'é"'
