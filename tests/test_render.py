"""`matrixdesk render PLACE`: a page as the reader builds it, its words or its HTML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from matrixdesk.app import main
from tests.conftest import altered_pack
from tests.source_page import sentences, source_body
from tests.synthetic import features_pack

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

# Words of the app's own, on controls and notes: what a reader copies or quotes never has them.
INTERFACE_WORDS = (
    "Open Matrix Bite",
    "Close Matrix Bite",
    "Unfold",
    "Fold ",
    "Copy address",
    "Show all",
    "Search this pack for",
    "needs internet",
    "▸",
    "▾",
    "▴",
)


def _render(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["render", *arguments])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_b5_unfolded_has_every_sentence_of_the_web_page_and_nothing_else(
    pack_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, _ = _render(capsys, "alcohol/B5", "--unfold-all", "--pack", str(pack_path))
    assert code == 0
    flowing = " ".join(text.split())
    cursor = 0
    body, _ = source_body()
    for sentence in sentences(body):
        found = flowing.find(sentence, cursor)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        cursor = found + len(sentence)
    assert "\ufffc" not in text  # no stand-ins for icons
    assert not [word for word in INTERFACE_WORDS if word in text]
    assert text.startswith(
        "Alcohol Treatment Matrix · cell B5\nPractitioners; Safeguarding the community\n"
        "What if the therapist works for the jailer?\n\n"
    )
    # Each study opens with its type in words, as a greyscale print or a screen reader needs.
    assert "\n\nKey: Relationship with therapist seems more important" in text
    assert "\n\nGuidance: Working with men who physically abuse their partners (2015)." in text


def test_a_folded_page_is_what_the_reader_first_sees(
    pack_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, _ = _render(capsys, "--pack", str(pack_path), "alcohol/B5")
    assert code == 0
    assert "More: Retrieve all relevant Effectiveness Bank analyses" in text
    assert text.rstrip().endswith("Matrix Bite")  # the heading; its text is folded away
    assert "Professor Taxman" not in text and "Thanks for their comments" not in text
    code, at_heading, _ = _render(capsys, "--pack", str(pack_path), "alcohol/B5#trickier-situation")
    assert code == 0 and "Like juggling balls" in at_heading  # a heading opens the bite
    assert "Only an expert juggler" in at_heading


def test_html_is_what_the_reading_pane_shows(
    qtbot: QtBot, main_window, pack_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = main_window("alcohol/B5#practitioner-skills")
    code, html, _ = _render(
        capsys, "--pack", str(pack_path), "alcohol/B5#practitioner-skills", "--format", "html"
    )
    assert code == 0
    assert html == window.page._html + "\n"


def test_other_pages_render(
    pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = ["--pack", str(pack_path)]
    code, text, _ = _render(capsys, *pack, "drug/E5")
    assert code == 0 and "The installed content pack does not include this cell’s studies" in text
    assert "Online, this cell is at https://" in text
    code, text, _ = _render(capsys, *pack, "alcohol/row/5")
    assert code == 0 and "B5 Practitioners; Safeguarding the community: What if the" in text
    synthetic = features_pack(tmp_path)
    code, text, _ = _render(capsys, "--pack", str(synthetic), "doc/synthetic-analysis")
    assert code == 0 and "Synthetic analysis for tests" in text and "quokkas" in text


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("alcohol", "the home grid is not a page"),
        ("search?q=offender", "only pages can be rendered"),
        ("nowhere/B5", "there is no matrix 'nowhere' in this pack"),
        ("alcohol/B5#no-such-heading", "cell B5 has no Matrix Bite heading 'no-such-heading'"),
        ("alcohol/B5/entry/nobody", "cell B5 has no study 'nobody'"),
        ("doc/nothing", "there is no document nothing"),
    ],
)
def test_a_place_with_no_page_is_said_and_exits_2(
    pack_path: Path, capsys: pytest.CaptureFixture[str], place: str, message: str
) -> None:
    code, out, err = _render(capsys, "--pack", str(pack_path), place)
    assert (code, out) == (2, "")
    assert f"matrixdesk render: {message}" in err


def test_a_pack_damaged_inside_is_refused_with_exit_1(
    pack_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = altered_pack(pack_path, tmp_path, "UPDATE blocks SET kind = 'banner' WHERE id = 3")
    code, out, err = _render(capsys, "--pack", str(bad), "alcohol/B5")
    assert (code, out) == (1, "")
    assert "The content pack is damaged: a kind of text in cell alcohol/B5 is not one" in err
