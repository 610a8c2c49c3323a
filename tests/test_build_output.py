"""`matrixdesk build -o` writes a new file or replaces a pack, and nothing else: never a device, a
folder, what a link points at, a source, or some other file; and it leaves nothing behind."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from matrixdesk.app import main


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder for packs, apart from the sources' copy."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _build(content: Path, out: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", str(content), "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_a_new_pack_and_a_rebuilt_pack_are_written(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "folder" / "matrices.sqlite"
    assert _build(content_copy, out, capsys)[0] == 0
    first = out.stat().st_ino
    assert _build(content_copy, out, capsys)[0] == 0  # an existing pack may be replaced
    assert out.stat().st_ino != first  # by a new file renamed over it, not rewritten in place
    assert sorted(p.name for p in out.parent.iterdir()) == ["matrices.sqlite"]


def _device(path: Path) -> None:
    """The test's own device node, with /dev/null's numbers (never a real /dev path)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))


@pytest.mark.parametrize(
    ("make", "is_kind"),
    [
        pytest.param(
            _device,
            stat.S_ISCHR,
            id="device",
            marks=pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root"),
        ),
        pytest.param(os.mkfifo, stat.S_ISFIFO, id="pipe"),
    ],
)
def test_a_device_or_pipe_is_not_written(
    content_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], None],
    is_kind: Callable[[int], bool],
) -> None:
    node = tmp_path / "node"
    make(node)
    code, err = _build(content_copy, node, capsys)
    assert code == 1 and "this is a device or pipe, not an ordinary file" in err
    assert is_kind(node.lstat().st_mode)


def test_a_symbolic_link_is_not_written_through(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("A file the link points at.\n")
    link = tmp_path / "link.sqlite"
    link.symlink_to(target)
    code, err = _build(content_copy, link, capsys)
    assert code == 1 and "this is a symbolic link" in err
    assert link.is_symlink() and target.read_text() == "A file the link points at.\n"


def test_a_folder_is_not_written(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _build(content_copy, tmp_path, capsys)
    assert code == 1 and f"this is a folder; give a file name, such as {tmp_path}" in err


def test_a_source_file_is_not_overwritten(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = content_copy / "pack.toml"
    before = source.read_bytes()
    code, err = _build(content_copy, source, capsys)
    assert code == 1 and "this is inside the source folder" in err
    assert source.read_bytes() == before
    code, err = _build(content_copy, content_copy / "alcohol" / "new.sqlite", capsys)
    assert code == 1 and "this is inside the source folder" in err
    assert not (content_copy / "alcohol" / "new.sqlite").exists()


def test_another_kind_of_file_is_not_replaced(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Meeting notes that happen to end in .sqlite\n")
    code, err = _build(content_copy, notes, capsys)
    assert code == 1 and "this file exists and is not a MatrixDesk content pack" in err
    assert notes.read_text() == "Meeting notes that happen to end in .sqlite\n"


def test_a_path_inside_a_file_is_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    code, err = _build(content_copy, tmp_path / "file" / "child.sqlite", capsys)
    assert code == 1 and f"cannot write a pack inside {tmp_path / 'file'}: it is a file" in err


def test_an_empty_output_path_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "data/content", "-o", ""])
    assert exit_info.value.code == 2
    assert "give the path of the file to write" in capsys.readouterr().err


def test_what_a_killed_build_left_is_swept(
    content_copy: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = out_dir / "matrices.sqlite"
    leftovers = [
        out_dir / ".matrices.sqlite.building",  # this version's half-written file
        out_dir / ".matrices.sqlite.x1y2z3.tmp",  # and an older version's, with its journal
        out_dir / ".matrices.sqlite.x1y2z3.tmp-journal",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"\0" * 4096)
    (out_dir / "unrelated.tmp").write_text("not ours")
    assert _build(content_copy, out, capsys)[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["matrices.sqlite", "unrelated.tmp"]


def _limit_file_size() -> None:
    """A full disk, as far as the build can tell: writes past 256 kB fail."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_a_full_disk_is_a_message_and_leaves_nothing(
    content_copy: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = out_dir / "matrices.sqlite"
    assert _build(content_copy, out, capsys)[0] == 0
    before = out.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "build", str(content_copy), "-o", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the pack could not be written" in result.stderr
    assert "check there is room on the disk" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in out_dir.iterdir()) == ["matrices.sqlite"]


@pytest.mark.parametrize(
    "seal",
    ["matrixdesk-seal:sha256:" + "ab" * 32, "matrixdesk-signature:ed25519:" + "cd" * 96],
    ids=["seal", "signature"],
)
def test_sources_holding_a_seal_are_refused(
    seal: str, content_copy: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cell = content_copy / "alcohol" / "B5.md"
    text = cell.read_text(encoding="utf-8")
    cell.write_text(text.replace("Key studies", f"{seal} Key studies", 1), encoding="utf-8")
    code, err = _build(content_copy, out_dir / "matrices.sqlite", capsys)
    assert code == 1 and "which packs keep for their seal and signature: reword that text" in err
    assert list(out_dir.iterdir()) == []


@pytest.mark.slow
def test_a_build_killed_part_way_leaves_what_the_next_build_removes(
    tmp_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.synthetic import content_with_large_cell

    content = content_with_large_cell(tmp_path, times=20)  # slow enough to be caught writing
    out = out_dir / "matrices.sqlite"
    building = out_dir / ".matrices.sqlite.building"
    build = subprocess.Popen(
        [sys.executable, "-m", "matrixdesk", "build", str(content), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not building.exists() and build.poll() is None:
            os.sched_yield()
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    assert building.exists(), "the build finished before it could be stopped"
    assert sorted(p.name for p in out_dir.iterdir()) == [building.name]  # and no journal
    assert _build(content, out, capsys)[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["matrices.sqlite"]
