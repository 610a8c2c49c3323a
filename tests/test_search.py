"""Searching the pack: ranking, stemming, folding, phrases, prefixes, filters, hostile input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matrixdesk.app import main
from matrixdesk.core.search import fts_query, search
from matrixdesk.core.store import ContentStore

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
