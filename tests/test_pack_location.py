"""The app finds its pack from the source tree and from an installed wheel."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from matrixdesk.paths import bundled_pack_path
from tests.conftest import REPO


def _content_hash(pack: Path) -> str:
    with sqlite3.connect(f"{pack.as_uri()}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT content_hash FROM pack_info").fetchone()[0]


def test_source_tree_pack_is_current(pack_path: Path) -> None:
    bundled = bundled_pack_path()
    assert bundled.is_file(), "run `make` so the pack is built into src/matrixdesk/data/"
    assert bundled.read_bytes() == pack_path.read_bytes()


@pytest.mark.slow
def test_installed_wheel_carries_and_finds_its_pack(tmp_path: Path, pack_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("matrixdesk-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert "matrixdesk/data/matrices.sqlite" in archive.namelist()
        archive.extractall(site)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import matrixdesk, sys; print(matrixdesk.__file__); "
            "from matrixdesk.app import main; sys.exit(main(['info']))",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(site))
    assert f"Content hash:   {_content_hash(pack_path)}" in result.stdout


def test_a_fresh_checkout_builds_its_pack_on_first_use(tmp_path: Path, pack_path: Path) -> None:
    """An editable install or a clone before `make`: no pack yet. The first command that needs
    one builds it from data/content, says so, and goes on."""
    import shutil

    checkout = tmp_path / "checkout"
    shutil.copytree(REPO / "src", checkout / "src", ignore=shutil.ignore_patterns("*.sqlite"))
    shutil.copytree(REPO / "data", checkout / "data")
    result = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "info"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(checkout / "src")},
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "building the content pack from" in result.stderr
    built = checkout / "src" / "matrixdesk" / "data" / "matrices.sqlite"
    assert built.read_bytes() == pack_path.read_bytes()
    assert f"Pack:           {built}" in result.stdout
