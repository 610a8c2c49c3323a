"""Searching the pack: ranking, stemming, folding, phrases, prefixes, filters, hostile input."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matrixdesk.app import main
from matrixdesk.authoring.compiler import build_pack
from matrixdesk.core.search import RANK_ALL_UP_TO, fts_query, search
from matrixdesk.core.store import ContentStore
from tests.synthetic import (
    BROAD_WORD,
    FILLER_WORD,
    NARROW_WORD,
    broad_titled,
    content_with_broad_word,
    narrow_repeats,
)

MI_REVIEW = "matrixdesk:/alcohol/B5/entry/motivational-interviewing-criminal-justice"


def addresses(store: ContentStore, text: str, **filters: str) -> list[str]:
    return [hit.address for hit in store.search(text, **filters)]


def test_motivational_interviewing_finds_the_review_first_then_commentary(
    store: ContentStore,
) -> None:
    hits = store.search("motivational interviewing")
    assert hits[0].address == MI_REVIEW
    assert hits[0].title.text.startswith("Can motivational interviewing work")
    assert hits[0].title.words == ["motivational", "interviewing"]
    commentary = [hit.address for hit in hits if hit.kind == "commentary"]
    assert {
        "matrixdesk:/alcohol/B5#practitioner-skills",
        "matrixdesk:/alcohol/B5#split-therapy-and-supervision",
        "matrixdesk:/alcohol/B5#trickier-situation",
    } <= set(commentary)
    assert all(hit.snippet.words for hit in hits if hit.kind == "commentary")


def test_stemming_case_and_accents(store: ContentStore) -> None:
    offenders = "matrixdesk:/alcohol/B5/entry/supervising-offenders-review"
    assert offenders in addresses(store, "offender")
    assert addresses(store, "MOTIVATIONAL Interviewing") == addresses(
        store, "motivational interviewing"
    )
    assert addresses(store, "thérapeutic") == addresses(store, "therapeutic")


def test_phrases_and_prefixes(store: ContentStore) -> None:
    # Two passages of that section match: one result per place.
    assert addresses(store, '"magnetic tendency"') == ["matrixdesk:/alcohol/B5#trickier-situation"]
    assert addresses(store, '"tendency magnetic"') == []
    assert "matrixdesk:/alcohol/B5#trickier-situation" in addresses(store, "jugg*")
    assert addresses(store, "jugg") == []
    assert MI_REVIEW in [hit.address for hit in store.search("motiv", prefix_last=True)]


def test_cells_are_found_by_title_and_headline(store: ContentStore) -> None:
    assert addresses(store, "jailer")[0] == "matrixdesk:/alcohol/B5"
    assert addresses(store, "commissioners recognise") == ["matrixdesk:/drug/E3"]


@pytest.mark.parametrize("word", ["offenders", "supervision", "relationship", "staff"])
def test_a_title_holding_the_word_outranks_text_that_repeats_it(
    store: ContentStore, word: str
) -> None:
    """A title match weighs ten times a match in the text: every result whose title holds the
    word comes before every result that only has it in its text, however often."""
    hits = store.search(word, limit=100)
    titled = [bool(hit.title.words) for hit in hits]
    assert True in titled and False in titled  # both kinds, or the order proves nothing
    assert titled == sorted(titled, reverse=True), [hit.address for hit in hits]


def test_filters_for_matrix_and_study_type(store: ContentStore) -> None:
    assert all(a.startswith("matrixdesk:/drug/") for a in addresses(store, "harm", matrix="drug"))
    assert addresses(store, "harm", matrix="drug")
    reviews = store.search("offenders", type_code="R")
    assert reviews and all(hit.types == ("R",) for hit in reviews)
    assert store.search("offenders", type_code="S") == []


def test_empty_or_wordless_queries_show_nothing(store: ContentStore) -> None:
    for text in ("", "   ", "*", '""', "…", "🙂", "-- ;"):
        assert store.search(text) == []


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced quote',
        "AND",
        "offender OR",
        "NEAR(offender manager, 2)",
        "title:offender",
        "body: -offender",
        "^offender",
        "'); DROP TABLE cells; --",
        "offender* *",
        "x" * 10_000,
        "offender\x00\x01\x1f manager",
        "🙂 offender 🚀",
        "{title body}: offender",
    ],
)
def test_hostile_queries_return_results_or_nothing(store: ContentStore, text: str) -> None:
    assert isinstance(store.search(text), list)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_no_text_makes_search_raise(pack_path: Path, text: str) -> None:
    connection = sqlite3.connect(f"{pack_path.as_uri()}?mode=ro", uri=True)
    try:
        query = fts_query(text, prefix_last=True)
        if query is not None:
            # The built query must be valid FTS5, not merely swallowed by search's last guard,
            # alone and as the title-only query used for broad searches.
            for match in (query, f"title : ({query})"):
                connection.execute(
                    "SELECT 1 FROM search_index WHERE search_index MATCH ?", (match,)
                )
        assert isinstance(search(connection, text, prefix_last=True), list)
    finally:
        connection.close()


def test_command_line_prints_what_the_api_returns(
    store: ContentStore, pack_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--pack", str(pack_path), "search", "offender", "--type", "R", "--json"])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert [hit["address"] for hit in printed] == addresses(store, "offender", type_code="R")
    assert main(["--pack", str(pack_path), "search", "motivational interviewing"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        " 1. [study] alcohol B5 · Can motivational interviewing work in criminal justice settings?"
        " (2005)\n    " + MI_REVIEW
    )
    assert main(["--pack", str(pack_path), "search", "zzzqqq"]) == 0
    assert "No results for 'zzzqqq'." in capsys.readouterr().out


def test_marks_follow_stems_accents_and_keep_punctuation() -> None:
    from matrixdesk.core.search_marks import marked, snippet, word_marker

    marker = word_marker(["offender", "therapeutic"], ["jugg"])
    found = marked("Offenders’ thérapeutic jugglers", marker)
    assert found.words == ["Offenders", "thérapeutic", "jugglers"]
    assert marked("Reoffending <stays> plain", marker).marks == ()
    text = "Synthetic opening. " + "filler " * 60 + "the (‘offender’) appears late. " + "tail " * 60
    piece = snippet(text, marker)
    assert piece.text.startswith("…") and piece.text.endswith("…")
    assert "(‘offender’)" in piece.text and piece.words == ["offender"]


def test_a_word_still_being_typed_marks_its_other_forms_too(store: ContentStore) -> None:
    """Search as you type finds "motivates" as a prefix, and marks "motivational" as its stem."""
    hits = store.search("motivates", prefix_last=True)
    review = next(hit for hit in hits if hit.address == MI_REVIEW)
    assert review.title.words == ["motivational"]


def test_or_offers_alternatives(store: ContentStore) -> None:
    either = set(addresses(store, "juggler OR jailer"))
    assert {"matrixdesk:/alcohol/B5", "matrixdesk:/alcohol/B5#trickier-situation"} <= either
    assert addresses(store, "juggler jailer") == []  # without OR, every word must match
    assert fts_query("or AND OR") == '"or" "AND"'  # only a capital OR between words is special


def test_a_snippet_of_a_huge_text_reads_only_what_it_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A search hit in a page of megabytes costs what one in a short page does: the text is
    folded only up to the first match, and never copied whole to check for text around it."""
    from matrixdesk.core import search_marks

    folded: list[int] = []
    real_fold = search_marks.fold
    monkeypatch.setattr(
        search_marks, "fold", lambda text: folded.append(len(text)) or real_fold(text)
    )
    marker = search_marks.word_marker(["offender"], [])
    huge = "Synthetic text about an offender. " + "filler words " * 400_000  # 5 MB
    assert search_marks.snippet(huge, marker).words == ["offender"]
    assert sum(folded) < 50_000


def test_the_first_match_is_found_across_the_pieces_of_a_long_text() -> None:
    from matrixdesk.core.search_marks import word_marker

    marker = word_marker(["offender"], [])
    assert marker is not None
    for at in (0, 16_383, 16_384, 16_380, 40_000):
        text = "x" * max(at - 1, 0) + (" " if at else "") + "Offenders later"
        assert marker.first(text) == at, at
    inside = "reoffender " * 3000 + " offender"  # only a word's start counts
    assert marker.first(inside) == len(inside) - len("offender")
    assert marker.first("no match here " * 5000) is None


def test_several_words_need_no_quotes(pack_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "motivational", "interviewing", "--pack", str(pack_path)]) == 0
    unquoted = capsys.readouterr().out
    assert main(["search", "motivational interviewing", "--pack", str(pack_path)]) == 0
    assert unquoted == capsys.readouterr().out and "[study]" in unquoted
    assert main(["search", "offender", "--json", "--pack", str(pack_path)]) == 0
    kinds = {hit["kind"] for hit in json.loads(capsys.readouterr().out)}
    assert kinds <= {"cell", "study", "commentary", "document"} and "study" in kinds


def test_output_cut_short_by_its_reader_is_no_error(pack_path: Path) -> None:
    """`matrixdesk search offender | head -1`: the reader stops reading; nothing to report."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "matrixdesk", "render", "alcohol/B5", "--unfold-all"]
    process = subprocess.Popen(
        [*command, "--pack", str(pack_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `head` does once it has its line
    with process.stderr:
        err = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert err == ""


def test_version_is_printed_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    out, err = capsys.readouterr()
    assert out.startswith("matrixdesk ") and err == ""


def test_nothing_found_suggests_close_words_and_says_what_the_pack_holds(
    pack_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "motivatoinal", "intervewing", "--pack", str(pack_path)]) == 0
    out = capsys.readouterr().out
    assert "No results for 'motivatoinal intervewing'." in out
    assert "Did you mean 'motivational interviewing'?" in out
    assert "This pack holds 1 of the 50 cells in full (Alcohol Treatment Matrix B5)" in out
    # A real topic of cells not in this pack, and nonsense: no suggestion, but the coverage.
    for words in ("naltrexone", "xqzzv"):
        assert main(["search", words, "--pack", str(pack_path)]) == 0
        out = capsys.readouterr().out
        assert "Did you mean" not in out and "may say more online than here" in out


# Enough synthetic documents that every one holding a word is more than search ranks in full.
BROAD_DOCUMENTS = RANK_ALL_UP_TO + 100


@pytest.fixture(scope="module")
def broad_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ContentStore]:
    """A synthetic pack in which BROAD_WORD matches more rows than search ranks in full."""
    folder = tmp_path_factory.mktemp("broad")
    pack = folder / "broad.sqlite"
    assert build_pack(content_with_broad_word(folder, BROAD_DOCUMENTS), pack) == []
    store = ContentStore.open(pack)
    yield store
    store.close()


def _document(number: int) -> str:
    return f"matrixdesk:/doc/synthetic-{number:05d}"


def test_a_word_in_most_of_the_pack_lists_titles_first_then_the_pack_order(
    broad_store: ContentStore,
) -> None:
    """Past RANK_ALL_UP_TO matching rows, the titles that hold the word come first, and the
    other matches follow as the pack orders them: ranking them would put the texts that repeat
    the word most first (`content_with_broad_word`)."""
    hits = [hit.address for hit in broad_store.search(BROAD_WORD, limit=40)]
    titled = [_document(n) for n in range(1, BROAD_DOCUMENTS + 1) if broad_titled(n)]
    assert sorted(hits[: len(titled)]) == titled
    untitled = [_document(n) for n in range(1, 100) if not broad_titled(n)]
    assert hits[len(titled) :] == untitled[: 40 - len(titled)]


def test_a_word_in_most_of_the_pack_that_no_title_holds_is_found(
    broad_store: ContentStore,
) -> None:
    """With no title to list first, the matches are all in the pack's order."""
    hits = broad_store.search(FILLER_WORD, limit=40)
    assert [hit.address for hit in hits] == [_document(n) for n in range(1, 41)]


def test_a_word_in_fewer_places_is_ranked_in_full(broad_store: ContentStore) -> None:
    """The same pack, a word in only every fiftieth document: the texts that repeat it most
    come first, not the first in the pack's order."""
    hits = broad_store.search(NARROW_WORD, limit=40)
    numbers = [int(hit.address.rsplit("-", 1)[1]) for hit in hits]
    repeats = [narrow_repeats(number) for number in numbers]
    assert len(hits) == BROAD_DOCUMENTS // 50
    assert repeats == sorted(repeats, reverse=True)
