"""A pack that cannot be used gets a dialog and a terminal message saying what is wrong and what
to do, and a non-zero exit: never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from matrixdesk.app import main
from tests.conftest import make_bad_pack
from tests.dialogs import answer_next_dialog


@pytest.mark.parametrize(
    ("kind", "problem", "advice"),
    [
        ("missing", "The content pack does not exist.", "name no pack to read the installed one"),
        ("not sqlite", "not a MatrixDesk content pack (it is not an SQLite database)", "Check"),
        ("truncated", "The content pack is incomplete: the file has been cut short.", "Check"),
        (
            "wrong application id",
            "This SQLite database is not a MatrixDesk content pack.",
            "name no pack to read the installed one",
        ),
        ("newer schema", "needs a newer MatrixDesk", "Update MatrixDesk"),
    ],
)
def test_bad_pack_shows_a_dialog_and_exits_non_zero(
    kind: str,
    problem: str,
    advice: str,
    qapp: QApplication,
    pack_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = make_bad_pack(kind, pack_path, tmp_path)
    shown = answer_next_dialog("OK")
    code = main(["--pack", str(bad), "--config-dir", str(tmp_path)])
    assert code == 1
    assert problem in shown[0]
    assert advice in shown[1] and str(bad) in shown[1]
    err = capsys.readouterr().err
    assert problem in err and advice in err and "Traceback" not in err


def test_the_installed_pack_gets_reinstall_advice(tmp_path: Path) -> None:
    from matrixdesk.core.pack import PackError, PackFile

    try:
        PackFile(tmp_path / "gone.sqlite")
    except PackError as error:
        assert error.advice_for(chosen=False).startswith("Reinstall MatrixDesk")
        assert "name no pack to read the installed one" in error.advice_for(chosen=True)
    else:
        raise AssertionError("a missing pack was accepted")


def test_open_with_a_place_the_pack_lacks_exits_2(
    qapp: QApplication, pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--pack", str(pack_path), "--config-dir", str(tmp_path), "--open", "nowhere/B5"])
    assert code == 2
    assert "there is no place 'matrixdesk:/nowhere/B5' in this pack" in capsys.readouterr().err


def test_open_with_something_that_is_not_a_place_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--open", "B5 please"])
    assert exit_info.value.code == 2
    assert "'B5 please' is not a place; use e.g. alcohol/B5" in capsys.readouterr().err


def test_open_on_a_damaged_page_exits_1_with_the_damage_not_no_place(
    qapp: QApplication, pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import altered_pack

    bad = altered_pack(pack_path, tmp_path, "UPDATE blocks SET kind = 'banner' WHERE id = 3")
    shown = answer_next_dialog("OK")
    code = main(["--pack", str(bad), "--config-dir", str(tmp_path), "--open", "alcohol/B5"])
    assert code == 1
    assert "The content pack is damaged: a kind of text in cell alcohol/B5" in shown[0]
    assert (
        "name no pack to read the installed one" in shown[1]
    )  # the pack was chosen: no advice to reinstall
    err = capsys.readouterr().err
    assert "no place" not in err and "Reinstall" not in err and "Traceback" not in err
