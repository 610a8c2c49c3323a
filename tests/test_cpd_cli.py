"""`matrixdesk cpd list` and `matrixdesk cpd export --format csv -o PATH [--from] [--to]`, as
typed in a terminal: a summary and exit 0, or one line naming the problem, exit 1, never a
traceback. All text here is synthetic."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from matrixdesk import app
from matrixdesk.paths import CONFIG_DIR_ENV
from matrixdesk.userdata.records import CpdDetails
from matrixdesk.userdata.store import UserData


@pytest.fixture(autouse=True)
def _no_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_DIR_ENV, raising=False)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    with UserData.open(folder / "userdata.sqlite") as userdata:
        for day, minutes, activity in (
            ("2026-01-05", 40, "reading"),
            ("2026-02-10", 95, "team-discussion"),
            ("2026-03-15", 30, "supervision"),
        ):
            mode = "individual" if activity == "reading" else "participatory"
            userdata.add_cpd(
                CpdDetails(
                    day, activity, ("alcohol/B5",), minutes, mode, "Synthetic, learned.", "", "", ""
                )
            )
    return folder


def _cpd(profile: Path, *arguments: str) -> int:
    return app.main(["--config-dir", str(profile), "cpd", *arguments])


def test_list_prints_the_log_newest_first_with_its_total(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cpd(profile, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line[:10] for line in lines[:3]] == ["2026-03-15", "2026-02-10", "2026-01-05"]
    assert "team discussion" in lines[1] and "1 h 35 min" in lines[1]
    assert lines[3] == "3 CPD entries, 2 h 45 min in all."
    assert _cpd(profile, "list", "--from", "2026-02-01", "--to", "2026-02-28") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 CPD entry, 1 h 35 min in all."


def test_export_writes_the_entries_between_the_days_as_csv(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "log.csv"
    assert _cpd(profile, "export", "--format", "csv", "-o", str(file), "--from", "2026-02-01") == 0
    assert capsys.readouterr().out == f"Exported 2 CPD entries (2 h 5 min) to {file}.\n"
    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows] == ["Date", "2026-03-15", "2026-02-10"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--from", "15/01/2026"), "--from: '15/01/2026' is not a date like 2026-01-31"),
        (("--to", "2026-02-30"), "--to: '2026-02-30' is not a date that exists"),
        (
            ("--from", "2026-03-01", "--to", "2026-01-01"),
            "--from 2026-03-01 is after --to 2026-01-01; give the earlier day first",
        ),
    ],
)
def test_a_bad_date_is_one_line_and_exit_1(
    profile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: tuple[str, ...],
    message: str,
) -> None:
    file = tmp_path / "log.csv"
    assert _cpd(profile, "export", "-o", str(file), *arguments) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"matrixdesk cpd export: {message}\n")
    assert not file.exists()
    assert _cpd(profile, "list", *arguments) == 1
    assert capsys.readouterr().err == f"matrixdesk cpd list: {message}\n"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("no/such/log.csv", "does not exist; make it first"),
        (".", "is a folder; give the name of the file to write"),
    ],
)
def test_a_path_that_cannot_be_written_is_one_line_and_exit_1(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, message: str
) -> None:
    assert _cpd(profile, "export", "-o", str(tmp_path / where)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("matrixdesk cpd export: ") and message in err
    assert err.count("\n") == 1


def test_the_real_command_in_a_terminal(profile: Path, tmp_path: Path) -> None:
    """In a process of its own: exit codes, and no traceback for a bad date."""

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "matrixdesk", "--config-dir", str(profile), "cpd", *arguments],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    good = run("export", "--format", "csv", "-o", str(tmp_path / "log.csv"))
    assert (good.returncode, good.stderr) == (0, "")
    assert (tmp_path / "log.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    bad = run("export", "-o", str(tmp_path / "log.csv"), "--to", "yesterday")
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    unknown = run("export", "--format", "docx", "-o", str(tmp_path / "log.docx"))
    assert unknown.returncode == 2 and "invalid choice: 'docx'" in unknown.stderr
