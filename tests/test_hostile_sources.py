"""Sources that once crashed or stalled the compiler, or slipped past it: each is now a problem with
its file and line, found quickly, and `check` exits 1 without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from matrixdesk.app import main

B5 = Path("alcohol") / "B5.md"
INTRO = "Key studies on the impact"


def _insert_before_intro(content: Path, text: str) -> int:
    """Put `text` at the start of B5's intro; returns the line it starts on."""
    path = content / B5
    source = path.read_text(encoding="utf-8")
    line = source[: source.index(INTRO)].count("\n") + 1
    path.write_text(source.replace(INTRO, text + INTRO, 1), encoding="utf-8")
    return line


def _check(content: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def _check_in_a_process(content: Path) -> str:
    """`check` in its own process, stopped if it takes far too long (as it once did): the
    deadline catches a hang, it measures nothing."""
    result = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "check", str(content)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("inserted", "below", "message"),
    [
        # The 14th line of the list is the first nested more than 12 levels deep.
        (
            "\n".join(" " * (4 * depth) + "- item" for depth in range(40)) + "\n\n",
            13,
            "lists may nest",
        ),
        (">" * 1000 + " deep\n\n", 0, "quotations ('>') may nest"),
        ("long " * 1300 + "\n\n", 0, "this paragraph is over 6,000 characters long"),
    ],
    ids=["lists", "quotations", "paragraph"],
)
def test_deep_or_long_text_is_refused_with_its_line(
    content_copy: Path,
    capsys: pytest.CaptureFixture[str],
    inserted: str,
    below: int,
    message: str,
) -> None:
    line = _insert_before_intro(content_copy, inserted) + below
    err = _check(content_copy, capsys)
    assert f"B5.md:{line}: {message}" in err
    assert err.count(message) == 1, "one message for a run of the same mistake"


@pytest.mark.parametrize(
    ("inserted", "message"),
    [
        ("[" * 20_000 + "x" + "]" * 20_000 + " ", "square brackets nested more than 8 deep"),
        ("[a](b " * 20_000, "a link's address, after '](', is never closed"),
        ("[a](<b " * 20_000, "a link's address, after '](', is never closed"),
    ],
    ids=["nested brackets", "unclosed links", "unclosed angle links"],
)
def test_text_that_took_minutes_is_refused_at_once(
    content_copy: Path, inserted: str, message: str
) -> None:
    line = _insert_before_intro(content_copy, inserted)
    assert f"B5.md:{line}: {message}" in _check_in_a_process(content_copy)


def test_containers_inside_containers_are_refused(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content_copy / B5
    source = path.read_text(encoding="utf-8")
    heading = "## Where should I start"
    first = source[: source.index(heading)].count("\n") + 1
    nested = "::: panel A title\n" * 500 + "Text.\n" + ":::\n" * 500 + "\n"
    path.write_text(source.replace(heading, nested + heading, 1), encoding="utf-8")
    err = _check(content_copy, capsys)
    assert f"B5.md:{first + 1}: a ':::' container starts inside the one opened on line {first}" in (
        err
    )


def test_nested_toml_is_refused(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cell = content_copy / B5
    cell.write_text(
        cell.read_text(encoding="utf-8").replace(
            'cell = "B5"', 'cell = "B5"\nx = ' + "[" * 2000 + "]" * 2000, 1
        ),
        encoding="utf-8",
    )
    pack = content_copy / "pack.toml"
    pack.write_text(pack.read_text() + "y = " + "{a=" * 2000 + "1" + "}" * 2000 + "\n")
    err = _check(content_copy, capsys)
    assert "B5.md:2: tables or lists nested too deeply" in err
    assert "pack.toml:1: tables or lists nested too deeply" in err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999999999999999999", "'position' must be a whole number from 1 to 9999"),
        ("0", "'position' must be a whole number from 1 to 9999"),
        ("true", "front matter key 'position' must be a whole number, not true or false"),
    ],
)
def test_matrix_position_must_be_a_sensible_number(
    content_copy: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    matrix = content_copy / "alcohol" / "matrix.md"
    text = matrix.read_text(encoding="utf-8")
    line = text[: text.index("position = 1")].count("\n") + 1
    matrix.write_text(text.replace("position = 1", f"position = {value}", 1), encoding="utf-8")
    assert f"matrix.md:{line}: {message}" in _check(content_copy, capsys)


def test_images_are_refused_with_their_line(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _insert_before_intro(content_copy, "![A picture](file:///etc/passwd) ")
    err = _check(content_copy, capsys)
    assert f"B5.md:{line}: images cannot be shown in MatrixDesk pages ('file:///etc/passwd')" in err


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "action:copy/x"])
def test_online_url_must_be_a_web_address(
    content_copy: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    cell = content_copy / "alcohol" / "A1.md"
    lines = cell.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("online_url"))
    lines[line - 1] = f'online_url = "{url}"'
    cell.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"A1.md:{line}: 'online_url' must be the cell's web address" in _check(
        content_copy, capsys
    )


def test_an_email_autolink_names_the_address_on_its_line(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _insert_before_intro(content_copy, "Write to <someone@example.org>. ")
    err = _check(content_copy, capsys)
    assert f"B5.md:{line}: 'someone@example.org' in <angle brackets> becomes an e-mail link" in err
    assert "\x02" not in err and "&#" not in err  # none of Python-Markdown's own placeholders


def test_links_out_of_the_source_folder_are_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("+++\n+++\nNot content.\n", encoding="utf-8")
    (content_copy / "alcohol" / "Z8.md").symlink_to(outside / "secret.md")
    (content_copy / "elsewhere").symlink_to(outside, target_is_directory=True)
    err = _check(content_copy, capsys)
    target = (outside / "secret.md").resolve()
    assert f"Z8.md:1: this is a link to {target}, outside the source folder" in err
    assert f"elsewhere:1: this is a link to {outside.resolve()}, outside the source folder" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_like_a_source_is_refused_not_waited_on(content_copy: Path) -> None:
    os.mkfifo(content_copy / "alcohol" / "Z9.md")
    (content_copy / "pack.toml").unlink()
    os.mkfifo(content_copy / "pack.toml")
    err = _check_in_a_process(content_copy)
    assert "Z9.md:1: cannot read this file: it is a pipe or device, not an ordinary file" in err
    assert "pack.toml:1: cannot read this file: it is a pipe or device" in err


def test_a_huge_file_is_refused_without_reading_it_all(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_copy / "alcohol" / "Z7.md").write_bytes(b"+++\n" + b"x" * 600_000)
    err = _check(content_copy, capsys)
    assert "Z7.md:1: cannot read this file: it is larger than 512 kB" in err
