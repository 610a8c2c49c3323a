"""`matrixdesk export` when it cannot do what is asked: one line saying what is wrong and what
to do, a non-zero exit, no traceback and never a half-written file."""

from __future__ import annotations

from pathlib import Path

import pytest

from matrixdesk.app import main
from tests.pdf_reading import export, flowing, need_poppler


def _failed(result_code: int, err: str) -> str:
    assert result_code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_place_the_pack_does_not_have(pack_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = export("alcohol/B5#no-such-heading", "--pdf", str(out), "--pack", str(pack_path))
    line = _failed(result.returncode, result.stderr)
    assert line == "matrixdesk export: cell B5 has no Matrix Bite heading 'no-such-heading'."
    assert list(tmp_path.iterdir()) == []


def test_not_a_place_at_all(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "alcohol/Z9", "--pdf", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
    assert "'alcohol/Z9' is not a place; use e.g. alcohol/B5" in capsys.readouterr().err


def test_a_discussion_pack_needs_a_cell_the_pack_holds(pack_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "A1.pdf"
    result = export("drug/A1", "--handout", "--pdf", str(out), "--pack", str(pack_path))
    line = _failed(result.returncode, result.stderr)
    assert "holds no studies or Matrix Bite for drug/A1" in line and "alcohol/B5" in line
    assert not out.exists()


def test_a_folder_that_does_not_exist(pack_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "B5.pdf"
    result = export("alcohol/B5", "--pdf", str(out), "--pack", str(pack_path))
    line = _failed(result.returncode, result.stderr)
    assert line == (
        f"matrixdesk export: The folder {out.parent} does not exist. "
        "Give a path in an existing folder."
    )


def test_a_folder_that_cannot_be_written(pack_path: Path) -> None:
    """A place no one may write in (/proc, closed even to root): nothing written."""
    out = Path("/proc/B5.pdf")
    result = export("alcohol/B5", "--pdf", str(out), "--pack", str(pack_path))
    line = _failed(result.returncode, result.stderr)
    assert line.startswith(f"matrixdesk export: {out} cannot be written (")
    assert line.endswith("Choose a folder you may write in.")
    assert not out.exists()


def test_a_folder_named_as_the_pdf(pack_path: Path, tmp_path: Path) -> None:
    result = export("alcohol/B5", "--pdf", str(tmp_path), "--pack", str(pack_path))
    line = _failed(result.returncode, result.stderr)
    assert line == (
        f"matrixdesk export: {tmp_path} is a folder. Give the path of the PDF file to write."
    )


def test_a_pdf_already_there_is_replaced_whole(pack_path: Path, tmp_path: Path) -> None:
    """Written aside and renamed: no temporary file is left beside it."""
    out = tmp_path / "B5.pdf"
    out.write_bytes(b"%PDF- an earlier export")
    result = export("alcohol/B5", "--pdf", str(out), "--pack", str(pack_path))
    assert result.returncode == 0, result.stderr
    written = out.read_bytes()
    assert written.startswith(b"%PDF-1.4") and written.rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir()] == ["B5.pdf"]


def test_a_damaged_pack(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a pack at all" * 100)
    result = export("alcohol/B5", "--pdf", str(tmp_path / "x.pdf"), "--pack", str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_my_notes_go_with_a_handout_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["export", "alcohol/B5", "--with-my-notes", "--pdf", str(tmp_path / "x.pdf")])
    assert _failed(code, capsys.readouterr().err) == (
        "matrixdesk export: --with-my-notes goes with --handout."
    )


def test_a_handout_with_my_notes(pack_path: Path, tmp_path: Path) -> None:
    """The reader's notes on the cell, from their user database, in page order."""
    need_poppler()
    from matrixdesk.userdata.location import user_data_path
    from matrixdesk.userdata.store import UserData

    config = tmp_path / "config"
    with UserData.open(user_data_path(config)) as data:
        data.add_note("matrixdesk:/alcohol/B5#practitioner-skills", "Synthetic test note: ask Sam.")
        data.add_note("matrixdesk:/alcohol/B5", "Synthetic test note: bring the case notes.")
    out = tmp_path / "with notes.pdf"
    result = export(
        "alcohol/B5",
        "--handout",
        "--with-my-notes",
        "--pdf",
        str(out),
        "--pack",
        str(pack_path),
        before=("--config-dir", str(config)),
    )
    assert result.returncode == 0, result.stderr
    text = flowing(out)
    notes = text[text.rindex("My notes on this cell") :]  # the heading, not the cover's list
    assert notes.index("This page Synthetic test note: bring the case notes.") < notes.index(
        "Synthetic test note: ask Sam."
    )
    assert notes.index("Discussion record") > notes.index("ask Sam")


def test_a_cell_the_pack_has_no_page_for_prints_as_shown(pack_path: Path, tmp_path: Path) -> None:
    """Other pages print as the reader sees them: here, what the pack says of a cell it does
    not hold, with the cell's web address printed (the link's own words)."""
    need_poppler()
    out = tmp_path / "A1.pdf"
    result = export("drug/A1", "--pdf", str(out), "--pack", str(pack_path))
    assert result.returncode == 0, result.stderr
    text = flowing(out)
    assert "The installed content pack does not include this cell’s studies or Matrix Bite." in text
    assert "Online, this cell is at https://findings.org.uk/" in text
    assert "Notes" not in text  # the address is printed as it stands; no note repeats it
