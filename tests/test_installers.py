"""The installers from `make package`: the .deb (built, installed, smoke-tested through
/usr/bin/matrixdesk, removed without a trace), the portable .tar.gz, and the wixl MSI's tables.
Skipped when the artifacts have not been built; installing needs root and
MATRIXDESK_INSTALL_TEST=1 (set by `make package`), as it changes the machine."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
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
    deb = _one(f"matrixdesk_{VERSION}-*_*.deb")
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
        "./usr/share/doc/matrixdesk/copyright",
        "./opt/matrixdesk/LICENSE.txt",
        "./opt/matrixdesk/THIRD-PARTY-NOTICES.txt",
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


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_deb_metadata_is_what_apt_and_an_admin_should_see() -> None:
    deb = _one(f"matrixdesk_{VERSION}-*_*.deb")
    assert _field(deb, "Version") == f"{VERSION}-1"  # a Debian revision, for rebuilds
    maintainer = _field(deb, "Maintainer")
    assert re.fullmatch(r"[^<>]+ <[^@<>\s]+@[^@<>\s]+\.[a-z]+>", maintainer), maintainer
    assert "localhost" not in maintainer
    # fontconfig reads the system's configuration: without it, every start prints an error.
    assert "fontconfig-config" in _field(deb, "Depends")
    # Installed-Size counts each file once (symlinked libraries were counted twice), in KiB.
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    data_bytes = sum(int(line.split()[2]) for line in listing)
    declared = int(_field(deb, "Installed-Size"))
    assert data_bytes / 1024 <= declared <= data_bytes / 1024 + 2 * len(listing)
    changelog = _deb_file(deb, "usr/share/doc/matrixdesk/changelog.Debian.gz")
    assert changelog.startswith(f"matrixdesk ({VERSION}-1) ")


def _deb_file(deb: Path, member: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["dpkg-deb", "--extract", str(deb), folder], check=True)
        path = Path(folder) / member
        data = path.read_bytes()
        return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def test_deb_copyright_names_every_licence_the_way_debian_reads_it() -> None:
    copyright_file = _deb_file(
        _one(f"matrixdesk_{VERSION}-*_*.deb"), "usr/share/doc/matrixdesk/copyright"
    )
    assert copyright_file.startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    )
    for licence in ("License: Expat", "License: LGPL-3", "License: PSF-2.0", "License: OFL-1.1"):
        assert licence in copyright_file
    assert "/usr/share/common-licenses/LGPL-3" in copyright_file
    assert "Permission is hereby granted, free of charge" in copyright_file


def test_portable_tarball_keeps_settings_beside_the_app() -> None:
    tarball = _one(f"matrixdesk-{VERSION}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    assert f"{top}/matrixdesk" in names and f"{top}/portable" in names
    for notice in ("LICENSE.txt", "THIRD-PARTY-NOTICES.txt", "SYSTEM-LIBRARIES.txt"):
        assert f"{top}/{notice}" in names


@pytest.mark.skipif(
    os.environ.get("MATRIXDESK_INSTALL_TEST") != "1",
    reason="installs a package: only under make package (MATRIXDESK_INSTALL_TEST=1)",
)
def test_deb_installs_runs_and_removes_cleanly() -> None:
    if os.geteuid() != 0:
        pytest.fail("installing the .deb needs root: run make package as root")
    deb = _one(f"matrixdesk_{VERSION}-*_*.deb")
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


# What lintian reports as errors of a self-contained bundle under /opt, and why (CONTRIBUTING.md
# lists them): anything else is a defect of ours.
INHERENT_LINTIAN_ERRORS = {
    "dir-or-file-in-opt",  # the bundle lives in /opt/matrixdesk, outside Debian's file layout
    "embedded-library",  # the bundled Python's pyexpat carries its own copy of expat
    "library-not-linked-against-libc",  # Python extension modules that call no C library
}


def test_lintian_finds_no_errors_but_those_of_a_bundle_in_opt() -> None:
    if not shutil.which("lintian"):
        pytest.skip("lintian is missing: scripts/install-package-deps.sh installs it")
    deb = _one(f"matrixdesk_{VERSION}-*_*.deb")
    report = subprocess.run(
        ["lintian", "--tag-display-limit", "0", str(deb)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    errors = {line.split()[2] for line in report.splitlines() if line.startswith("E: ")}
    assert errors <= INHERENT_LINTIAN_ERRORS, report


def test_portable_readme_says_what_the_folder_needs() -> None:
    tarball = _one(f"matrixdesk-{VERSION}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        top = archive.getnames()[0].split("/")[0]
        member = archive.extractfile(f"{top}/README.txt")
        assert member is not None
        readme = member.read().decode("utf-8")
    depends = _field(_one(f"matrixdesk_{VERSION}-*_*.deb"), "Depends")
    glibc = re.search(r"libc6 \(>= ([\d.]+)\)", depends)
    assert glibc and f"GNU C library {glibc[1]} or later" in readme
    (apt_line,) = [line for line in readme.splitlines() if "sudo apt install" in line]
    # Each package it names is one the .deb depends on too: the two lists cannot drift apart.
    for package in apt_line.split("sudo apt install")[1].split():
        assert package in depends, package
    assert "--config-dir" in readme and 'delete the file "portable"' in readme


@pytest.mark.skipif(
    os.environ.get("MATRIXDESK_INSTALL_TEST") != "1" or os.geteuid() != 0,
    reason="runs the portable copy as another user: only under make package, as root",
)
def test_portable_copy_in_a_folder_the_user_cannot_write_says_settings_are_not_saved() -> None:
    """Unpacked by an administrator into a shared folder, the portable copy cannot keep its
    settings beside itself: an ordinary user (nobody) starting it is told, not left guessing."""
    # Not under pytest's own temporary folder, which only root may enter.
    with tempfile.TemporaryDirectory(prefix="matrixdesk-shared-") as shared:
        _run_portable_copy_as_nobody(Path(shared))


def _run_portable_copy_as_nobody(tmp_path: Path) -> None:
    with tarfile.open(_one(f"matrixdesk-{VERSION}-linux-*.tar.gz")) as archive:
        archive.extractall(tmp_path, filter="tar")
        top = archive.getnames()[0].split("/")[0]
    tmp_path.chmod(0o755)
    program = tmp_path / top / "matrixdesk"
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    said = ""
    with subprocess.Popen(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(program)],
        env={**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
        stderr=subprocess.PIPE,
        text=True,
    ) as app:
        try:
            assert app.stderr is not None
            deadline = time.monotonic() + 60
            while "cannot save its settings" not in said and time.monotonic() < deadline:
                line = app.stderr.readline()
                if not line:
                    break
                said += line
        finally:
            app.terminate()
    assert "MatrixDesk cannot save its settings" in said, said
    assert f"{tmp_path / top / 'MatrixDesk settings'}: Permission denied" in said


def test_sha256sums_covers_every_artifact_and_checks() -> None:
    sums = DIST / "SHA256SUMS"
    if not sums.exists():
        pytest.skip("no dist/SHA256SUMS: make package")
    listed = {line.split("  ", 1)[1] for line in sums.read_text(encoding="utf-8").splitlines()}
    artifacts = {p.name for pattern in ("*.deb", "*.tar.gz", "*.msi") for p in DIST.glob(pattern)}
    assert listed == artifacts
    checked = subprocess.run(
        ["sha256sum", "--check", "SHA256SUMS"], cwd=DIST, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
