"""`matrixdesk import-page` with pages saved incompletely, texts that are no cell page, a cell
file that exists already, and a cell of the other matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_support import SAVED_B5, folder_bytes, run, synthetic_saved_page

_PAGE = SAVED_B5.read_text(encoding="utf-8")


def _cut_after(words: str) -> str:
    """The saved B5 page cut short just after `words`, as an interrupted save leaves it."""
    return _PAGE[: _PAGE.index(words) + len(words)]


# Where the text stops, and the parts the report must say are missing.
CUTS = {
    "in the intro": ("Key studies on the impact of the treatment", "studies, more, Matrix Bite"),
    "in a study's byline": ("domestic violence (201", "more, Matrix Bite"),
    "after the more entry": ("subject search page.", "Matrix Bite, acknowledgement"),
    "in a heading": ("Where should I start? With an excellent", "acknowledgement, end of"),
    "in a panel": ("Options 2 clients appreciated directness\n\nOne of the", "acknowledgement"),
    "before the acknowledgement": ("are there exceptions?", "acknowledgement, end of the page"),
}


@pytest.mark.parametrize("where", list(CUTS))
def test_a_page_saved_incompletely_imports_as_far_as_it_goes_and_says_what_is_missing(
    where: str, content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words, missing = CUTS[where]
    saved = tmp_path / "cut.txt"
    saved.write_text(_cut_after(words), encoding="utf-8")
    code, _, err = run(capsys, "import-page", saved, "--into", content_copy, "--replace")
    assert code == 0, err
    assert "The saved page is incomplete: it stops without" in err
    assert missing in err
    target = content_copy / "alcohol" / "B5.md"
    text = target.read_text(encoding="utf-8")
    last_words = " ".join(words.split()[-3:])
    assert last_words in " ".join(text.split()), "imported up to where the text stops"
    assert text.rstrip().splitlines()[-1].startswith("<!-- editor: the saved page ends here")
    code, _, err = run(capsys, "check", content_copy)
    assert code == 0, err  # warnings only: what was read still builds
    assert f"{target}:{len(text.splitlines())}: warning: for the editor: the saved page" in err


def test_a_page_cut_in_the_middle_of_a_character_imports_as_far_as_it_goes(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _PAGE.encode("utf-8")
    cut = data.index("‘Not my job’".encode()) + 1  # inside the quotation mark's three bytes
    saved = tmp_path / "cut.txt"
    saved.write_bytes(data[:cut])
    code, _, err = run(capsys, "import-page", saved, "--into", content_copy, "--replace")
    assert code == 0 and "The saved page is incomplete" in err, err
    text = (content_copy / "alcohol" / "B5.md").read_text(encoding="utf-8")
    assert "## Client-centred supervision motivates UK offenders" in text
    assert "Mothers in Wales" not in text


def test_a_page_cut_before_its_intro_is_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "cut.txt"
    saved.write_text(_cut_after("2020/21 update funded by"), encoding="utf-8")
    before = folder_bytes(content_copy)
    code, out, err = run(capsys, "import-page", saved, "--into", content_copy, "--replace")
    assert code == 1 and out == ""
    assert "stops before the cell's intro" in err and len(err.splitlines()) == 1
    assert folder_bytes(content_copy) == before


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "(the file is empty)"),
        (b"# Meeting notes\n\nNot a web page at all.\n", "not '# Meeting notes'"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not text saved as UTF-8"),
        (b"Alcohol Treatment Matrix cell F9: No such cell\n", "not a cell page"),
    ],
    ids=["empty", "other text", "binary", "no such cell"],
)
def test_what_is_no_cell_page_is_refused_in_one_line_and_nothing_is_written(
    content: bytes,
    says: str,
    content_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    saved = tmp_path / "saved.txt"
    saved.write_bytes(content)
    before = folder_bytes(content_copy)
    code, out, err = run(capsys, "import-page", saved, "--into", content_copy, "--replace")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and says in err, err
    assert err.startswith(f"matrixdesk import-page: {saved}: ")
    assert folder_bytes(content_copy) == before


def test_a_folder_or_a_missing_file_is_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for saved, says in ((tmp_path, "it is a folder"), (tmp_path / "gone.txt", "exists")):
        code, _, err = run(capsys, "import-page", saved, "--into", content_copy)
        assert code == 1 and says in err and len(err.splitlines()) == 1, err


def test_a_folder_that_is_no_content_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import-page", SAVED_B5, "--into", tmp_path)
    assert code == 1 and "not a content folder" in err
    assert list(tmp_path.iterdir()) == []


def test_a_cell_file_holding_a_page_is_replaced_only_when_asked(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = content_copy / "alcohol" / "B5.md"
    before = folder_bytes(content_copy)
    code, out, err = run(capsys, "import-page", SAVED_B5, "--into", content_copy)
    assert code == 1 and out == ""
    assert f"{target} already holds a page for cell B5: nothing was written" in err
    assert "--replace" in err
    assert folder_bytes(content_copy) == before
    code, out, _ = run(capsys, "import-page", SAVED_B5, "--into", content_copy, "--replace")
    assert code == 0 and f"Replaced the page in {target}" in out
    assert target.read_bytes() != before["alcohol/B5.md"]
    assert not list(target.parent.glob(".*")), "nothing left beside the file"


def test_a_cell_of_the_other_matrix_fills_in_its_title_only_file(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Interventions; Generic and cross-cutting issues"
    saved = tmp_path / "drug-A2.txt"
    saved.write_text(synthetic_saved_page("Drug Treatment Matrix", "A2", title), "utf-8")
    target = content_copy / "drug" / "A2.md"
    earlier = target.read_text(encoding="utf-8")
    before = folder_bytes(content_copy)
    code, out, err = run(capsys, "import-page", saved, "--into", content_copy)
    assert code == 0, err
    assert f"Filled in {target}, which held the cell's title only" in out
    changed = {name for name, data in folder_bytes(content_copy).items() if before[name] != data}
    assert changed == {"drug/A2.md"}
    text = target.read_text(encoding="utf-8")
    assert text.startswith(earlier.rstrip("\n") + "\n\n<!-- editor: imported by")
    assert "## Synthetic study headline\ntype: K\nslug: synthetic-study-headline\n" in text
    assert "byline: Synthetic Body, 2000" in text and "For discussion [click](?)" in text
    assert "## Synthetic heading? {#synthetic-heading}" in text
    assert "the study [listed above](?)" in text
    assert "# Acknowledgements\n\nThanks for their comments on a synthetic entry" in text
    pack = tmp_path / "pack.sqlite"
    code, _, err = run(capsys, "build", content_copy, "-o", pack)
    assert code == 0, err
    code, page, _ = run(capsys, "render", "drug/A2", "--unfold-all", "--pack", pack)
    assert "Synthetic intro sentence for tests." in page and "Synthetic first paragraph" in page


def test_a_matrix_the_folder_does_not_have_is_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "other.txt"
    saved.write_text(synthetic_saved_page("Synthetic Matrix", "A1", "Synthetic"), "utf-8")
    before = folder_bytes(content_copy)
    code, _, err = run(capsys, "import-page", saved, "--into", content_copy)
    assert code == 1 and "has no matrix named 'Synthetic Matrix'" in err
    assert folder_bytes(content_copy) == before
