"""The installers from `make package`: the .deb (built, installed, smoke-tested through
/usr/bin/matrixdesk, removed without a trace), the portable .tar.gz, and the wixl MSI's tables.
Skipped when the artifacts have not been built; installing needs root and
MATRIXDESK_INSTALL_TEST=1 (set by `make package`), as it changes the machine."""

from __future__ import annotations

import os
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.smoke_run import run_smoke_test

DIST = REPO / "dist"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
UPGRADE_CODE = "{EC80422C-DF8E-4488-8B8C-040FB822B13C}"


def _one(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if not found:
        pytest.skip(f"no {pattern} in dist/: make package")
    return found[-1]


def _msi_table(msi: Path, table: str) -> list[list[str]]:
    exported = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True
    )
    return [line.split("\t") for line in exported.stdout.splitlines()[3:]]


def test_msi_has_shortcut_upgrade_code_and_every_file() -> None:
    msi = _one(f"MatrixDesk-{VERSION}-*.msi")
    (shortcut,) = _msi_table(msi, "Shortcut")
    assert shortcut[1:3] == ["ProgramMenuFolder", "MatrixDesk"]
    assert shortcut[4].startswith("[INSTALLDIR]matrixdesk")
    properties = dict(row[:2] for row in _msi_table(msi, "Property"))
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ALLUSERS"] == "1"  # per-machine
    assert properties["ProductVersion"] == VERSION
    upgrades = _msi_table(msi, "Upgrade")
    assert {row[0] for row in upgrades} == {UPGRADE_CODE}  # MajorUpgrade in place
    assert _msi_table(msi, "CustomAction") == []  # nothing runs at or after installation
    bundle_files = [p for p in (DIST / "matrixdesk").rglob("*") if p.is_file()]
    assert len(_msi_table(msi, "File")) == len(bundle_files)


def test_deb_holds_the_bundle_launcher_and_desktop_integration() -> None:
    deb = _one(f"matrixdesk_{VERSION}_*.deb")
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/matrixdesk/matrixdesk",
        "./usr/bin/matrixdesk",
        "./usr/share/applications/org.matrixdesk.MatrixDesk.desktop",
        "./usr/share/metainfo/org.matrixdesk.MatrixDesk.metainfo.xml",
        "./usr/share/icons/hicolor/256x256/apps/org.matrixdesk.MatrixDesk.png",
        "./usr/share/icons/hicolor/scalable/apps/org.matrixdesk.MatrixDesk.svg",
    ):
        assert path in listing
    depends = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    # What the bundle loads from the system (the C and C++ runtimes, OpenGL, X11, fontconfig):
    # it carries Qt, Python and the libraries minimal systems lack.
    for package in ("libc6 (>= ", "libstdc++6", "libgl1", "libxcb1", "libfontconfig1"):
        assert package in depends
    assert "libqt6" not in depends.lower() and "libxcb-cursor0" not in depends


def test_portable_tarball_keeps_settings_beside_the_app() -> None:
    tarball = _one(f"matrixdesk-{VERSION}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    assert f"{top}/matrixdesk" in names and f"{top}/portable" in names


@pytest.mark.skipif(
    os.environ.get("MATRIXDESK_INSTALL_TEST") != "1",
    reason="installs a package: only under make package (MATRIXDESK_INSTALL_TEST=1)",
)
def test_deb_installs_runs_and_removes_cleanly() -> None:
    if os.geteuid() != 0:
        pytest.fail("installing the .deb needs root: run make package as root")
    deb = _one(f"matrixdesk_{VERSION}_*.deb")
    subprocess.run(["dpkg", "--purge", "matrixdesk"], capture_output=True, check=False)
    installed = subprocess.run(
        ["apt-get", "install", "-y", "-qq", str(deb)],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    try:
        report = run_smoke_test(Path("/usr/bin/matrixdesk"))
        assert report["pack"]["path"].startswith("/opt/matrixdesk/")
    finally:
        subprocess.run(["dpkg", "--purge", "matrixdesk"], capture_output=True, check=True)
    assert not Path("/opt/matrixdesk").exists()
    assert not Path("/usr/bin/matrixdesk").exists()
    assert not Path("/usr/share/applications/org.matrixdesk.MatrixDesk.desktop").exists()
    left = subprocess.run(["dpkg", "-L", "matrixdesk"], capture_output=True, text=True)
    assert left.returncode != 0  # dpkg knows nothing of it any more
