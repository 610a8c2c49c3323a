"""`matrixdesk userdata export PATH` and `matrixdesk userdata import PATH`, as a reader or an IT
person types them: a one-line summary and exit 0, or a message naming the problem, exit 1, no
traceback and the user database untouched. All text here is synthetic."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from matrixdesk import app
from matrixdesk.paths import CONFIG_DIR_ENV, PORTABLE_SETTINGS, bundled_pack_path
from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.store import UserData

SYNTHETIC_NOTE = "Synthetic note, carried from one computer to another."


@pytest.fixture(autouse=True)
def _no_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_DIR_ENV, raising=False)


def _matrixdesk(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, in a process of its own, as typed in a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "matrixdesk", *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=60,
    )


def _profile_with_data(folder: Path) -> Path:
    with UserData.open(folder / "userdata.sqlite") as userdata:
        userdata.add_bookmark("alcohol/B5", "Synthetic cell")
        userdata.add_note("alcohol/B5#synthetic-heading", SYNTHETIC_NOTE)
        userdata.mark_read("alcohol", "B5")
        userdata.record_visit("alcohol/B5", "Synthetic cell")
        userdata.add_cpd(
            CpdDetails("2026-01-12", "reading", ("alcohol/B5",), 30, "individual", "S.", "", "", "")
        )
    return folder


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file in `folder` and a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_export_then_import_into_an_empty_profile_then_export_gives_the_same_data(
    tmp_path: Path,
) -> None:
    mine = _profile_with_data(tmp_path / "mine")
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    exported = _matrixdesk("--config-dir", str(mine), "userdata", "export", str(first))
    assert (exported.returncode, exported.stderr) == (0, "")
    assert exported.stdout == (
        "Exported 1 bookmark, 1 note, 1 bite marked, 1 place in the history and 1 CPD entry from "
        f"{mine / 'userdata.sqlite'} to {first}.\n"
    )
    empty = tmp_path / "empty"
    imported = _matrixdesk("--config-dir", str(empty), "userdata", "import", str(first))
    assert (imported.returncode, imported.stderr) == (0, "")
    assert imported.stdout == (
        f"Imported {first} into {empty / 'userdata.sqlite'}: 5 new, 0 updated, 0 already here "
        "(1 bookmark, 1 note, 1 bite marked, 1 place in the history and 1 CPD entry).\n"
    )
    again = _matrixdesk("--config-dir", str(empty), "userdata", "export", str(second))
    assert again.returncode == 0

    documents = [json.loads(f.read_text(encoding="utf-8")) for f in (first, second)]
    for document in documents:
        del document["exported_at"]
    assert documents[0] == documents[1]
    assert documents[0]["notes"][0]["text"] == SYNTHETIC_NOTE


def test_importing_twice_merges_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = _profile_with_data(tmp_path / "mine")
    file = tmp_path / "export.json"
    assert app.main(["--config-dir", str(mine), "userdata", "export", str(file)]) == 0
    assert app.main(["--config-dir", str(mine), "userdata", "import", str(file)]) == 0
    assert "0 new, 0 updated, 5 already here" in capsys.readouterr().out
    with UserData.open(mine / "userdata.sqlite") as userdata:
        assert len(userdata.notes()) == len(userdata.bookmarks()) == 1


def test_the_environment_and_portable_mode_choose_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "export.json"
    _profile_with_data(tmp_path / "from-env")
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "from-env"))
    assert app.main(["userdata", "export", str(file)]) == 0
    assert f"from {tmp_path / 'from-env' / 'userdata.sqlite'}" in capsys.readouterr().out

    monkeypatch.delenv(CONFIG_DIR_ENV)
    monkeypatch.chdir(tmp_path)
    assert app.main(["--portable", "userdata", "import", str(file)]) == 0
    portable = tmp_path / PORTABLE_SETTINGS / "userdata.sqlite"
    assert f"into {portable}: 5 new" in capsys.readouterr().out
    with UserData.open(portable) as userdata:
        assert [note.text for note in userdata.notes()] == [SYNTHETIC_NOTE]


def _valid_export(tmp_path: Path) -> dict[str, object]:
    file = tmp_path / "valid.json"
    source = _profile_with_data(tmp_path / "source")
    assert app.main(["--config-dir", str(source), "userdata", "export", str(file)]) == 0
    return json.loads(file.read_text(encoding="utf-8"))


def _newer(tmp_path: Path, file: Path) -> None:
    file.write_text(json.dumps(_valid_export(tmp_path) | {"format_version": 99}))


def _wrong_type(tmp_path: Path, file: Path) -> None:
    document = _valid_export(tmp_path)
    document["notes"][0]["text"] = ["synthetic"]  # type: ignore[index]
    file.write_text(json.dumps(document))


BAD_IMPORTS: dict[str, tuple[Callable[[Path, Path], object], str]] = {
    "missing file": (lambda _t, f: None, "does not exist"),
    "a folder": (lambda _t, f: f.mkdir(), "is a folder, not an export file"),
    "a pipe": (lambda _t, f: os.mkfifo(f), "is a device or pipe, not an export file"),
    "empty": (lambda _t, f: f.write_bytes(b""), "not valid JSON: Expecting value (line 1"),
    "malformed": (
        lambda _t, f: f.write_text('{\n  "format": "matrixdesk-userdata",\n  "notes": [}\n'),
        "not valid JSON: Expecting value (line 3, column 13)",
    ),
    "not utf-8": (lambda _t, f: f.write_bytes(b'{"a": "\xff"}'), "not UTF-8 text"),
    "not an export": (
        lambda _t, f: f.write_text('{"synthetic": true}'),
        "not a MatrixDesk user data export",
    ),
    "newer format": (_newer, "made by a newer MatrixDesk (export format 99"),
    "wrong type": (_wrong_type, "at $.notes[0].text: expected text, found a list"),
}


@pytest.mark.parametrize("case", BAD_IMPORTS, ids=str)
def test_a_bad_import_says_why_and_changes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = BAD_IMPORTS[case]
    profile = _profile_with_data(tmp_path / "profile")
    file = tmp_path / "import.json"
    make(tmp_path, file)
    capsys.readouterr()
    before = _snapshot(profile)
    assert app.main(["--config-dir", str(profile), "userdata", "import", str(file)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"matrixdesk userdata import: {file}")
    assert message in err
    assert err.count("\n") == 1, "one line"
    assert _snapshot(profile) == before, "the database was not even opened"


def test_a_bad_import_shows_no_traceback_in_a_real_run(tmp_path: Path) -> None:
    file = tmp_path / "import.json"
    file.write_bytes(b"[" * 100_000)
    result = _matrixdesk("--config-dir", str(tmp_path / "p"), "userdata", "import", str(file))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"matrixdesk userdata import: {file}: not valid JSON")
    assert not (tmp_path / "p").exists(), "nothing made for a file that was refused"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "is a folder; give the name of the file to write"),
        ("out", "is a folder; give the name of the file to write, e.g. "),
        ("missing/export.json", "the folder {tmp}/missing does not exist"),
    ],
    ids=["current folder", "a folder", "no such folder"],
)
def test_an_export_nowhere_to_write_says_why(
    target: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = _profile_with_data(tmp_path / "profile")
    (tmp_path / "out").mkdir()
    before = _snapshot(profile)
    path = str(tmp_path / target) if target else ""
    assert app.main(["--config-dir", str(profile), "userdata", "export", path]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("matrixdesk userdata export: ")
    assert message.format(tmp=tmp_path) in err
    assert list((tmp_path / "out").iterdir()) == []
    assert _snapshot(profile) == before


def test_a_profile_folder_that_cannot_be_made_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "settings-file"
    not_a_folder.write_text("Synthetic file where a folder should be.\n")
    file = tmp_path / "export.json"
    assert app.main(["--config-dir", str(not_a_folder), "userdata", "export", str(file)]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "--config-dir" in err
    assert not file.exists()
    assert not_a_folder.read_text() == "Synthetic file where a folder should be.\n"


def test_a_damaged_user_database_is_moved_aside_and_the_import_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _valid_export(tmp_path)
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "userdata.sqlite").write_text("Synthetic: not a database.\n")
    file = tmp_path / "valid.json"
    assert app.main(["--config-dir", str(profile), "userdata", "import", str(file)]) == 0
    out, err = capsys.readouterr()
    assert "5 new" in out
    assert err.startswith("matrixdesk: The user database file is not a database. It was moved")
    [moved] = profile.glob("userdata.not-a-database-*.sqlite")
    assert str(moved) in err
    assert moved.read_text() == "Synthetic: not a database.\n"


def test_the_bundled_pack_is_never_written(tmp_path: Path) -> None:
    pack = bundled_pack_path()
    if not pack.exists():
        pytest.skip("no bundled pack in this checkout (make builds it)")
    before = hashlib.sha256(pack.read_bytes()).hexdigest()
    stamp = pack.stat().st_mtime_ns
    profile = _profile_with_data(tmp_path / "profile")
    file = tmp_path / "export.json"
    for action in ("export", "import", "import"):
        result = _matrixdesk("--config-dir", str(profile), "userdata", action, str(file))
        assert result.returncode == 0, result.stderr
    assert hashlib.sha256(pack.read_bytes()).hexdigest() == before
    assert pack.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in pack.parent.iterdir() if "matrices" in p.name) == [pack.name]
