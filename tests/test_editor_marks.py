"""Marks for the editor in sources: `<!-- editor: … -->` lines and `[words](?)` links are
warnings with their file and line, never shown to readers, and do not stop a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_support import run

_NOTE = "<!-- editor: synthetic note for tests -->"


def _mark_b5(content: Path) -> tuple[Path, int, int]:
    """B5 with a note line before its Matrix Bite and its link to cell A4 made unknown; the
    lines of both."""
    b5 = content / "alcohol" / "B5.md"
    text = b5.read_text(encoding="utf-8")
    text = text.replace("# Matrix Bite\n", f"{_NOTE}\n\n# Matrix Bite\n", 1)
    text = text.replace("[cell A4](cell:A4) that among", "[cell A4](?) that among", 1)
    b5.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    note = lines.index(_NOTE) + 1
    link = next(i for i, line in enumerate(lines, start=1) if "[cell A4](?)" in line)
    return b5, note, link


def test_marks_are_warnings_with_their_lines_and_the_pack_still_builds(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b5, note, link = _mark_b5(content_copy)
    code, out, err = run(capsys, "check", content_copy)
    assert code == 0
    assert err.splitlines() == [
        f"{b5}:{note}: warning: for the editor: synthetic note for tests",
        f"{b5}:{link}: warning: where the link '[cell A4](?)' goes is not known yet: give its "
        "target (cell:…, entry:<slug>, #<heading-slug>, doc:<slug> or a web address), or take "
        "away the brackets if it is no link; until then it is built as its words alone",
    ]
    assert "and 2 warning(s) for the editor: it would build" in out
    pack = tmp_path / "marked.sqlite"
    code, out, err = run(capsys, "build", content_copy, "-o", pack)
    assert code == 0 and pack.exists() and err.count("warning:") == 2
    code, html, _ = run(
        capsys, "render", "alcohol/B5", "--unfold-all", "--format", "html", "--pack", pack
    )
    assert "we learnt from cell A4 that" in html, "the words, without a link"
    assert "synthetic note" not in html and "(?)" not in html


def test_a_warning_does_not_hide_an_error(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b5, _, _ = _mark_b5(content_copy)
    text = b5.read_text(encoding="utf-8").replace("type: R\n", "type: X\n", 1)
    b5.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "check", content_copy)
    assert code == 1
    assert "1 problem(s) found" in err and "and 2 warning(s) for the editor" in err


def test_any_other_comment_is_refused(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b5 = content_copy / "alcohol" / "B5.md"
    text = b5.read_text(encoding="utf-8").replace(
        "# Matrix Bite\n", "<!-- TODO -->\n\n# Matrix Bite\n"
    )
    b5.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "check", content_copy)
    assert code == 1 and "<!-- editor: what to check -->" in err
