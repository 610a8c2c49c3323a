"""The frozen bundle (dist/matrixdesk, from `make package`) runs: its smoke test passes with no
traceback, missing module or Qt plugin error. Skipped when no bundle has been built."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from matrixdesk.editions.places import Places
from tests.conftest import REPO
from tests.editions import DevKey, edition_pack, key, where
from tests.smoke_run import run_smoke_test
from tests.test_bundle_filter import LINUX_PLUGINS

BUNDLE = REPO / "dist" / "matrixdesk"
EXECUTABLE = BUNDLE / ("matrixdesk-cli.exe" if os.name == "nt" else "matrixdesk")

pytestmark = pytest.mark.skipif(not EXECUTABLE.exists(), reason="no frozen bundle: make package")
__all__ = ["key", "where"]  # fixtures


def test_frozen_smoke_test_passes() -> None:
    report = run_smoke_test(EXECUTABLE)
    assert report["frozen"] is True
    assert report["pack"]["title"] == "Effectiveness Bank Alcohol and Drug Treatment Matrices"
    assert report["search_hits"] > 0


def test_frozen_app_knows_its_version_and_ships_the_guide_and_licences() -> None:
    """About and --version read the version from the package's metadata, which the bundle must
    carry; Help reads the guide and the licence texts from its resources."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    result = subprocess.run(
        [str(EXECUTABLE), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == f"matrixdesk {version}"
    names = {p.name for p in BUNDLE.rglob("*")}
    assert {"user-guide.html", "LGPL-3.0.txt", "GPL-3.0.txt", "MatrixDesk.txt"} <= names


def test_frozen_app_reads_packs_but_does_not_build_them(tmp_path: Path) -> None:
    info = subprocess.run(
        [str(EXECUTABLE), "info"], capture_output=True, text=True, timeout=60, check=False
    )
    assert info.returncode == 0 and "Cells:          50" in info.stdout
    build = subprocess.run(
        [str(EXECUTABLE), "build", str(REPO / "data" / "content"), "-o", str(tmp_path / "p")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert build.returncode == 2
    assert "cannot build them" in build.stderr and "Traceback" not in build.stderr


def test_bundle_leaves_out_what_the_reader_never_uses() -> None:
    names = {p.name for p in BUNDLE.rglob("*")}
    assert "markdown" not in names  # SQLAlchemy is in: the smoke test writes a bookmark with it
    assert not any(name.startswith("libQt6Network") for name in names)
    assert not any(name.startswith("libQt6WaylandClient") for name in names)
    assert "matrices.sqlite" in names and "NotoSerif-Regular.ttf" in names


def test_frozen_app_writes_a_pdf_with_no_display(tmp_path: Path) -> None:
    """Print support is in the bundle on purpose (QtPrintSupport and the CUPS plugin, CUPS
    itself from the system), and `export` draws off screen."""
    out = tmp_path / "B5.pdf"
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [str(EXECUTABLE), "export", "alcohol/B5", "--handout", "--pdf", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=environment,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    names = {p.name for p in BUNDLE.rglob("*")}
    assert any(name.startswith("libQt6PrintSupport") for name in names)
    if os.name != "nt":
        assert "libcupsprintersupport.so" in names
        assert not any(name.startswith("libcups.so") for name in names)


@pytest.mark.skipif(os.name == "nt", reason="the Linux bundle's plugins")
def test_bundle_holds_the_qt_plugins_the_app_uses_and_no_others() -> None:
    plugins = next(BUNDLE.rglob("plugins"))
    assert {str(p.relative_to(plugins)) for p in plugins.rglob("*.so")} == LINUX_PLUGINS


def _elf_files() -> list[Path]:
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    return [p for p in files if p.read_bytes()[:4] == b"\x7fELF"]


def _readelf(option: str, path: Path) -> str:
    return subprocess.run(
        ["readelf", option, "--wide", str(path)], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(os.name == "nt", reason="the Linux bundle's libraries")
def test_bundle_carries_no_trace_of_the_build_machine() -> None:
    """No library looks for others in a folder of the build machine's, none keeps the symbols
    only a debugger reads, and no metadata names the folder the app was built from."""
    elf_files = _elf_files()
    assert len(elf_files) > 50
    for path in elf_files:
        for line in _readelf("--dynamic", path).splitlines():
            if "(RUNPATH)" in line or "(RPATH)" in line:
                folders = line.split("[", 1)[1].rstrip("]").split(":")
                assert all(f.startswith("$ORIGIN") for f in folders), f"{path}: {line}"
        assert ".symtab" not in _readelf("--section-headers", path), f"{path} is not stripped"
    assert not list(BUNDLE.rglob("direct_url.json"))


@pytest.mark.skipif(os.name == "nt", reason="the Linux bundle's libraries")
def test_bundle_leaves_the_base_systems_libraries_to_the_system() -> None:
    """A bundled C++ runtime older than the system's would break what the system loads into the
    app (and, before, the browser it started); an older fontconfig misreads a newer fonts.conf."""
    names = {p.name for p in BUNDLE.rglob("*.so*")}
    assert not names & {"libstdc++.so.6", "libgcc_s.so.1", "libfontconfig.so.1", "libz.so.1"}


@pytest.mark.skipif(os.name == "nt", reason="the Linux bundle's notices")
def test_bundle_carries_its_licence_and_the_third_party_notices() -> None:
    assert (BUNDLE / "LICENSE.txt").read_text(encoding="utf-8").startswith("MIT License")
    notices = (BUNDLE / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert "GNU Lesser General Public License version 3" in notices
    system = (BUNDLE / "SYSTEM-LIBRARIES.txt").read_text(encoding="utf-8")
    assert "libxcb-cursor0" in system and "libxkbcommon" in system
    names = {p.name for p in BUNDLE.rglob("*.txt")}
    assert {"ICU.txt", "SQLAlchemy.txt", "Python.txt", "LGPL-3.0.txt", "OFL.txt"} <= names


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() != 0 or not shutil.which("unshare"),
    reason="hides a system library in a mount namespace of its own: Linux, as root",
)
def test_a_missing_system_library_is_named_not_a_traceback() -> None:
    """On a system without OpenGL (libGL is hidden here, in a private mount namespace) the app
    says what is missing and exits 1."""
    gl = Path("/usr/lib/x86_64-linux-gnu/libGL.so.1").resolve()
    if not gl.exists():
        pytest.skip(f"{gl} is not where this test hides it")
    hide_and_run = f'mount --bind /dev/null "{gl}" && exec "$0" --smoke-test'
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", hide_and_run, str(EXECUTABLE)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 1
    assert "MatrixDesk cannot start: a system library it needs is missing" in result.stderr
    assert "libGL.so.1" in result.stderr and "Traceback" not in result.stderr


def test_frozen_app_installs_a_signed_edition_and_refuses_a_tampered_one(
    tmp_path: Path, where: Places, key: DevKey
) -> None:
    """The signature check (PyNaCl's libsodium, through cffi's backend) works in the bundle:
    an edition signed by a trusted key installs and is used; one flipped byte is refused."""
    signed = edition_pack(tmp_path, "2027-01-01", key)
    tampered = tmp_path / "tampered.sqlite"
    data = bytearray(signed.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))

    def frozen(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(EXECUTABLE), *argv], capture_output=True, text=True, timeout=60, check=False
        )

    refused = frozen("pack", "verify", str(tampered))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    installed = frozen("pack", "install", str(signed))
    assert installed.returncode == 0, installed.stderr
    info = frozen("info")
    assert "Edition:        2027-01-01" in info.stdout and "(trusted: yours)" in info.stdout
