"""`matrixdesk import-page`: the saved B5 page becomes a source that checks with warnings only,
builds, renders every sentence of the page, and differs from the editor's hand-made B5.md only
where plain text cannot carry the information."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from matrixdesk.core.store import ContentStore
from tests.conftest import CONTENT
from tests.import_support import SAVED_B5, run
from tests.source_page import sentences, source_body

_MARK = re.compile(r"^<!-- editor: .* -->$")
# A Markdown link, its words allowing escaped brackets: [words](target)
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)")
_ANCHOR = re.compile(r" \{#[a-z0-9-]+\}$")


@pytest.fixture
def imported_b5(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(capsys, "import-page", SAVED_B5, "--into", content_copy, "--replace")
    assert code == 0, err
    assert f"Replaced the page in {content_copy / 'alcohol' / 'B5.md'}" in out
    assert "9 studies (2 G, 4 K, 3 R)" in out and "the acknowledgement" in out
    assert "(6 headings, 3 pull quotes, 1 panel, 2 quotations)" in out
    return content_copy


def test_imported_b5_checks_with_warnings_only(
    imported_b5: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", imported_b5)
    assert code == 0, err
    problems = err.splitlines()
    assert problems and all(": warning: " in line for line in problems), problems
    b5 = str(imported_b5 / "alcohol" / "B5.md")
    assert all(line.startswith(b5 + ":") for line in problems)
    links = [line for line in problems if "[click](?)" in line]
    assert len(links) == 4  # four studies say "For discussion click", on lines of their own
    assert sum("the 2 links '[here](?)' on this line" in line for line in problems) == 3
    assert "would build" in out


def test_imported_b5_builds_and_renders_every_sentence_and_nine_typed_studies(
    imported_b5: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "imported.sqlite"
    code, _, err = run(capsys, "build", imported_b5, "-o", pack)
    assert code == 0, err
    code, text, err = run(capsys, "render", "alcohol/B5", "--unfold-all", "--pack", pack)
    assert code == 0, err
    rendered = " ".join(text.split())
    body, source_types = source_body()
    cursor = 0
    for sentence in sentences(body):
        found = rendered.find(sentence, cursor)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        cursor = found + len(sentence)
    store = ContentStore.open(pack)
    page = store.cell_page("alcohol", "B5")
    store.close()
    assert page is not None
    assert [entry.types[0] for entry in page.entries] == source_types
    typed = Counter(code for entry in page.entries[:-1] for code in entry.types)
    assert typed == {"K": 4, "R": 3, "G": 2}
    assert [entry.byline for entry in page.entries[:3]] == [
        "2008",
        "[UK] Ministry of Justice, 2014",
        "2016",
    ]


def _lines(path: Path) -> list[str]:
    """The file's lines with words on them, editor's marks left out."""
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        if not _MARK.match(line)
    ]


def _difference(hand: str, imported: str) -> set[str]:
    """The kinds of difference between a line of the hand-made B5.md and the imported one;
    'other' for anything text could have carried."""
    if hand == imported:
        return set()
    for field in ("slug", "search"):
        if hand.startswith(f"{field}: ") and imported.startswith(f"{field}: "):
            return {field}
    kinds = set()
    if _ANCHOR.search(hand) and _ANCHOR.search(imported):
        hand, imported = _ANCHOR.sub("", hand), _ANCHOR.sub("", imported)
        kinds.add("heading anchor")
    if hand != imported:
        hand_links = [(m.group(1), m.group(2)) for m in _LINK.finditer(hand)]
        imported_links = dict(Counter((m.group(1), m.group(2)) for m in _LINK.finditer(imported)))
        for words, target in hand_links:
            # Each link the editor made is marked where the import put it: with its target
            # where the text names it (cells), else as not known yet.
            for candidate in ((words, target), (words, "?")):
                if imported_links.get(candidate):
                    imported_links[candidate] -= 1
                    break
            else:
                return {f"other: link [{words}]({target}) not marked"}
        hand, imported = _LINK.sub(r"\1", hand), _LINK.sub(r"\1", imported)
        kinds.add("link target")
    return kinds if hand == imported else {"other"}


def test_imported_b5_differs_from_the_hand_made_only_where_text_cannot_carry_it(
    imported_b5: Path,
) -> None:
    hand = _lines(CONTENT / "alcohol" / "B5.md")
    imported = _lines(imported_b5 / "alcohol" / "B5.md")
    assert len(hand) == len(imported), "the same blocks, headings and fields, in the same order"
    kinds: Counter[str] = Counter()
    for hand_line, imported_line in zip(hand, imported, strict=True):
        difference = _difference(hand_line, imported_line)
        assert not any(kind.startswith("other") for kind in difference), (
            difference,
            hand_line,
            imported_line,
        )
        kinds.update(difference)
    # Study slugs are all the importer's own; heading anchors where its slug is not the
    # editor's; the one search is the editors' choice.
    assert set(kinds) == {"slug", "heading anchor", "search", "link target"}
    assert kinds["slug"] == 9 and 1 <= kinds["heading anchor"] <= 6 and kinds["search"] == 1
    assert kinds["link target"] >= 15  # lines holding links: each hand-made link marked
    marks = [
        line
        for line in (imported_b5 / "alcohol" / "B5.md").read_text(encoding="utf-8").splitlines()
        if _MARK.match(line)
    ]
    assert sum("slug '" in mark for mark in marks) == 9 + 6  # studies, headings
    assert any("which text the web page folds" in mark for mark in marks)
    assert any("hover notes" in mark for mark in marks)
    assert any("'more' entry" in mark for mark in marks)


def test_without_a_file_for_the_cell_the_front_matter_has_only_what_the_page_says(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = content_copy / "alcohol" / "B5.md"
    target.unlink()
    code, out, _ = run(capsys, "import-page", SAVED_B5, "--into", content_copy)
    assert code == 0 and f"Wrote {target}." in out
    assert "No web address is known for this cell" in out
    text = target.read_text(encoding="utf-8")
    front = text.split("+++")[1]
    assert front.strip().splitlines() == [
        'cell = "B5"',
        'title = "Practitioners; Safeguarding the community"',
    ]
    assert "no headline is known for this cell" in text
    code, _, err = run(capsys, "check", content_copy)
    assert code == 1 and "online_url" in err  # the one thing check cannot let through
