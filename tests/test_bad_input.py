"""`matrixdesk check` and `build` name every problem with its file and line, and exit non-zero."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from matrixdesk.app import main
from tests.conftest import CONTENT


def _replace(path: Path, old: str, new: str) -> int:
    """Edit one occurrence in a source file; returns the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def _check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(content)])
    return code, capsys.readouterr().err


def test_the_real_sources_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "data/content"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_unknown_cell_code(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "drug" / "E5.md"
    line = _replace(path, 'cell = "E5"', 'cell = "F9"')
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"E5.md:{line}: unknown cell code 'F9'" in err
    assert "no file for cell E5" not in err  # it has one: the code in it is the mistake


def test_link_to_a_missing_heading(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "alcohol" / "B5.md"
    line = _replace(path, "[click](#trickier-situation)", "[click](#trickiest)")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"B5.md:{line}: link to missing heading '#trickiest'" in err


def test_link_to_a_missing_study_and_cell(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content_copy / "alcohol" / "B5.md"
    entry_line = _replace(path, "(entry:working-with-men)", "(entry:nobody)")
    cell_line = _replace(path, "(cell:B2)", "(cell:drug/B7)")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"B5.md:{entry_line}: link to missing study 'entry:nobody'" in err
    assert f"B5.md:{cell_line}: link to unknown cell 'cell:drug/B7'" in err


def test_unknown_type_code(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _replace(content_copy / "alcohol" / "B5.md", "type: R", "type: R X")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"B5.md:{line}: unknown type code 'X' (use S, K, R, G" in err


def test_malformed_front_matter(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "alcohol" / "C2.md"
    line = _replace(path, 'title = "Management', "title = Management")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"C2.md:{line}: malformed front matter" in err


def test_front_matter_never_closed(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "alcohol" / "C3.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip().removesuffix("+++"), encoding="utf-8")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert "C3.md:1: the front matter is never closed" in err


def test_duplicate_slug(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "alcohol" / "B5.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    earlier = (
        lines.index(
            "## Best practice in working with substance users in the criminal justice system"
        )
        + 1
    )
    later = lines.index("## Working with men who physically abuse their partners") + 1
    _replace(path, "slug: australian-best-practice", "slug: working-with-men")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert (
        f"B5.md:{later}: duplicate study slug 'working-with-men' (also used on line {earlier})"
        in err
    )


def test_unreadable_and_non_utf8_files(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_copy / "drug" / "A1.md").write_bytes(b'+++\ncell = "A1"\ntitle = "caf\xe9"\n+++\n')
    (content_copy / "drug" / "Z9.md").mkdir()  # a folder where a file should be: cannot be read
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert "A1.md:3: this file is not UTF-8 text; save it with UTF-8 encoding" in err
    assert "Z9.md:1: cannot read this file" in err


def test_every_problem_is_reported_in_one_run(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b5 = content_copy / "alcohol" / "B5.md"
    _replace(b5, "type: G", "type: Q")
    _replace(b5, "(cell:A4)", "(cell:A9)")
    _replace(b5, "::: panel", "::: box")
    _replace(content_copy / "drug" / "A2.md", "online_url", "online_address")
    code, err = _check(content_copy, capsys)
    assert code == 1
    for expected in (
        "unknown type code 'Q'",
        "link to unknown cell 'cell:A9'",
        "unknown container '::: box'",
        "unknown front matter key 'online_address'",
        "problem(s) found",
    ):
        assert expected in err
    assert len([line for line in err.splitlines() if ".md:" in line]) >= 5


def test_failed_build_leaves_the_existing_pack_untouched(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "out" / "matrices.sqlite"
    assert main(["build", str(content_copy), "-o", str(pack)]) == 0
    before = pack.read_bytes()
    _replace(content_copy / "alcohol" / "B5.md", "type: K", "type: Z")
    assert main(["build", str(content_copy), "-o", str(pack)]) == 1
    assert "the pack was not written" in capsys.readouterr().err
    assert pack.read_bytes() == before
    assert sorted(p.name for p in pack.parent.iterdir()) == ["matrices.sqlite"]


def test_the_command_exits_non_zero_without_a_traceback(content_copy: Path) -> None:
    _replace(content_copy / "alcohol" / "B5.md", "type: K", "type: Z")
    result = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "check", str(content_copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert result.returncode == 1
    assert "unknown type code 'Z'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_copy_without_the_compiler_says_so_without_a_traceback(
    command: str, tmp_path: Path
) -> None:
    """The installers leave SQLAlchemy and Markdown out: there, `build` and `check` say that
    this copy reads packs but cannot build them, and exit 2 (a request it cannot meet)."""
    without_compiler = textwrap.dedent(
        """
        import sys
        # None in sys.modules makes `import` fail as it does for a library not installed.
        sys.modules["sqlalchemy"] = sys.modules["markdown"] = None
        from matrixdesk.app import main
        sys.exit(main(sys.argv[1:]))
        """
    )
    pack = tmp_path / "matrices.sqlite"
    output = ["-o", str(pack)] if command == "build" else []
    result = subprocess.run(
        [sys.executable, "-c", without_compiler, command, str(CONTENT), *output],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "reads content packs but cannot build them" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not pack.exists()


def test_missing_source_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _check(tmp_path / "nowhere", capsys)
    assert code == 1
    assert "the content folder does not exist" in err


def test_a_type_code_given_twice(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _replace(content_copy / "alcohol" / "B5.md", "type: G", "type: G G")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"B5.md:{line}: type code 'G' is given twice" in err


@pytest.mark.parametrize("limit", ["0", "-3", "9223372036854775807", "many"])
def test_search_limit_must_be_sensible(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "offender", "--limit", limit])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"'{limit}' is not a whole number from 1 to 1000" in err and "Traceback" not in err


def test_search_never_asks_sqlite_for_more_than_it_can_count(store) -> None:
    assert store.search("offender", limit=9223372036854775807)


def _cell_file(content: Path, code: str, front: str, body: str = "") -> Path:
    path = content / "alcohol" / f"{code}.md"
    path.write_text(f"+++\n{front}\n+++\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("title = “Interventions”", "this line has curly quotes (“ ”), as a word processor types"),
        ("title = Interventions", "this value is not one TOML knows: put text in straight double"),
        ('title = "Interventions', "a text in quotes runs to the end of its line"),
        ('title "Interventions"', "expected 'key = value' on this line"),
    ],
)
def test_front_matter_mistakes_are_said_in_plain_words_and_only_there(
    content_copy: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    _cell_file(content_copy, "A1", f'cell = "A1"\n{line}\nonline_url = "https://example.org/"')
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"A1.md:3: malformed front matter: {message}" in err
    assert "no file for cell A1" not in err  # it has one; the mistake is in it
    assert len([text for text in err.splitlines() if ".md:" in text]) == 1


def test_a_byte_order_mark_and_a_blank_line_before_a_studys_fields_are_fine(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b5 = content_copy / "alcohol" / "B5.md"
    text = b5.read_text(encoding="utf-8")
    text = text.replace("than other clients\ntype: K", "than other clients\n\ntype: K", 1)
    b5.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # "UTF-8 with BOM", as Windows saves
    assert _check(content_copy, capsys)[0] == 0


def test_a_cell_code_that_is_not_its_file_name_is_blamed_on_that_file(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _replace(content_copy / "alcohol" / "B5.md", 'cell = "B5"', 'cell = "C5"')
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"B5.md:{line}: this file says it is cell C5, but a cell's file is named after" in err
    assert "C5.md" not in err.replace("rename the file C5.md", "")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("<b>bold</b>", "HTML ('<b>') is not taken in sources: write it as Markdown"),
        ('<span class="x">', "HTML ('<span class=\"x\">') is not taken in sources"),
        ("<!-- a comment -->", "HTML ('<!-- a comment -->') is not taken"),
        ("Fish &amp; chips", "HTML entity '&amp;': type the character itself"),
    ],
)
def test_html_in_markdown_is_refused_with_its_line(
    content_copy: Path, capsys: pytest.CaptureFixture[str], written: str, message: str
) -> None:
    line = _replace(
        content_copy / "alcohol" / "B5.md", "Key studies on the impact", f"{written} Key studies"
    )
    code, err = _check(content_copy, capsys)
    assert code == 1 and f"B5.md:{line}: {message}" in err


def test_html_in_a_code_span_and_autolinks_are_not_html(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(
        content_copy / "alcohol" / "B5.md",
        "Key studies on the impact",
        "Write `<b>` for bold in HTML, see <https://example.org/x>. Key studies on the impact",
    )
    assert _check(content_copy, capsys)[0] == 0


def test_links_to_a_heading_of_another_cell(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a1 = content_copy / "alcohol" / "A1.md"
    front = a1.read_text(encoding="utf-8").split("+++")[1]
    body = "\nSynthetic intro for tests, see [the skills](cell:B5#practitioner-skills).\n"
    a1.write_text(f"+++{front}+++\n{body}", encoding="utf-8")
    assert _check(content_copy, capsys)[0] == 0
    a1.write_text(f"+++{front}+++\n{body.replace('practitioner-skills', 'nope')}", "utf-8")
    line = (
        a1.read_text(encoding="utf-8")
        .splitlines()
        .index(body.strip().replace("practitioner-skills", "nope"))
        + 1
    )
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"A1.md:{line}: link to missing heading 'cell:B5#nope' (headings in cell B5: " in err


def test_a_link_to_a_matrix_that_does_not_exist_names_the_matrices(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _replace(content_copy / "alcohol" / "B5.md", "(cell:A4)", "(cell:drugs/A4)")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert (
        f"B5.md:{line}: link to 'cell:drugs/A4': there is no matrix 'drugs' "
        "(matrices: alcohol, drug)" in err
    )


def test_check_takes_one_file_or_names_the_content_folder(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b5 = content_copy / "alcohol" / "B5.md"
    assert main(["check", str(b5)]) == 0
    assert f"{b5}: no problems found." in capsys.readouterr().out
    line = _replace(b5, "type: G", "type: Q")
    _replace(content_copy / "drug" / "A2.md", "online_url", "online_address")
    assert main(["check", str(b5)]) == 1
    err = capsys.readouterr().err
    assert f"B5.md:{line}: unknown type code 'Q'" in err and "A2.md" not in err
    assert f"(2 more in other files: matrixdesk check {content_copy})" in err
    assert main(["check", str(content_copy.parent)]) == 1
    assert f"the content folder is {content_copy}: give that" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new", "at"),
    [
        ('names = ["Skills Consortium"]', "names = []", "[[credits]]"),
        ('role = "Developed with"', "role = 3", "[[credits]]"),
        ('names = ["Skills Consortium"]', 'names = ["Skills Consortium", ""]', "[[credits]]"),
        ('publisher = "Drug and Alcohol Findings"', "publisher = true", "publisher ="),
    ],
)
def test_credits_and_publisher_that_cannot_be_shown(
    content_copy: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, at: str
) -> None:
    path = content_copy / "pack.toml"
    _replace(path, old, new)
    lines = path.read_text(encoding="utf-8").splitlines()
    # The last [[credits]] (the one edited) or the publisher line: where to look.
    line = max(n for n, text in enumerate(lines, start=1) if text.startswith(at))
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"pack.toml:{line}: " in err, err
    assert "Traceback" not in err
