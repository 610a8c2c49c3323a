"""Search as you type, the `more` searches, and find in page, in the real window."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from matrixdesk.core.store import Searcher
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.search_results import HitRole, PartsRole
from tests.reading_pane import click_link, is_at_top, is_in_view, links, page_text


def _type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    box = window.window_actions.search_box
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert box.hasFocus()
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == text, timeout=5000):
        qtbot.keyClicks(box, text)


def _rows(window: MainWindow) -> list[str]:
    model = window.search_view.model
    return [
        model.index(row, 0).data()
        if model.index(row, 0).data(HitRole) is None
        else model.index(row, 0).data(HitRole).address
        for row in range(model.rowCount())
    ]


def test_typing_shows_grouped_results_with_marked_words(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _type_search(qtbot, window, "motivational interviewing")
    rows = _rows(window)
    assert rows[0] == "Studies (1)"
    assert rows[1] == "matrixdesk:/alcohol/B5/entry/motivational-interviewing-criminal-justice"
    assert rows[2].startswith("Commentary (")
    assert window.stack.currentWidget() is window.search_view
    first = window.search_view.model.index(1, 0)
    parts = first.data(PartsRole)
    assert parts.title.words == ["motivational", "interviewing"]
    assert parts.place == "Alcohol Treatment Matrix · B5 Practitioners; Safeguarding the community"
    assert '<span class="mark">motivational</span> <span class="mark">interviewing' in first.data()
    assert window.search_view.heading.text().startswith(f"{len(rows) - 2} results for")


def test_a_cell_result_shows_its_title_once_and_its_headline_as_the_snippet(
    qtbot: QtBot, main_window
) -> None:
    window = main_window()
    _type_search(qtbot, window, "jailer")
    model = window.search_view.model
    row = _rows(window).index("matrixdesk:/alcohol/B5")
    parts = model.index(row, 0).data(PartsRole)
    assert parts.title.text == "B5 Practitioners; Safeguarding the community"
    assert parts.place == "Alcohol Treatment Matrix"  # the title says which cell
    assert parts.snippet.text.startswith("What if the therapist works for the jailer?")
    assert parts.snippet.words == ["jailer"]


def test_results_are_as_tall_as_their_lines(qtbot: QtBot, main_window) -> None:
    """No blank lines, no uneven gaps: at this width a snippet of under 80 characters takes a
    line and one of over 140 takes two, and each result is as tall as its lines."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    window = main_window()
    _type_search(qtbot, window, "practitioner")
    results = window.search_view.results
    window.resize(800, 700)
    qtbot.waitUntil(lambda: results.viewport().width() < 780)
    delegate, model = results.itemDelegate(), window.search_view.model
    option = QStyleOptionViewItem()
    option.font = results.font()  # type: ignore[misc]
    short, long = set(), set()
    for row in range(model.rowCount()):
        parts = model.index(row, 0).data(PartsRole)
        if parts is not None and len(parts.title.text) < 60:
            height = delegate.sizeHint(option, model.index(row, 0)).height()
            (short if len(parts.snippet.text) < 80 else long).add(height)
    assert len(short) == 1 and long  # alike are alike
    assert min(long) - max(short) == results.fontMetrics().lineSpacing()


def test_search_as_you_type_matches_the_word_being_typed(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _type_search(qtbot, window, "jugg")
    assert "matrixdesk:/alcohol/B5#trickier-situation" in _rows(window)


def test_choosing_a_commentary_result_by_keyboard_opens_the_passage(
    qtbot: QtBot, main_window
) -> None:
    window = main_window()
    _type_search(qtbot, window, "magnetic tendency")
    box = window.window_actions.search_box
    qtbot.keyClick(box, Qt.Key.Key_Down)
    results = window.search_view.results
    assert results.hasFocus()
    assert (
        results.currentIndex().data(HitRole).address == "matrixdesk:/alcohol/B5#trickier-situation"
    )
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(results, Qt.Key.Key_Return)
    page = window.page
    assert page.state.bite_open
    cursor = page.browser.textCursor()
    assert cursor.selectedText().lower() in ("magnetic", "tendency")
    assert page.browser.viewport().rect().intersects(page.browser.cursorRect(cursor))
    assert len(page.browser.extraSelections()) >= 4  # both words, both places they occur


def test_filters_narrow_the_results(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _type_search(qtbot, window, "offenders")
    view = window.search_view
    with qtbot.waitSignal(window.results_shown):
        view.type_filter.setCurrentIndex(view.type_filter.findData("R"))
    hits = [a for a in _rows(window) if a.startswith("matrixdesk:")]
    assert hits and all("/entry/" in a for a in hits)
    assert str(window.current).endswith("type=R")


@pytest.mark.parametrize(
    "address",
    [
        "matrixdesk:/search?q=offender&type=zzz",
        "search?q=offender&type=r",  # the codes are capitals
        "matrixdesk:/search?q=offender&matrix=nowhere",
        "search:offender?type=zzz",  # not the form of a search address at all
    ],
)
def test_a_search_address_with_a_filter_the_pack_lacks_is_no_place(
    main_window, address: str
) -> None:
    """A bookmark or link asks for a study type or matrix there is none of: the reader is told
    there is no such place, not shown an empty search under filters that look unset."""
    window = main_window("alcohol/B5")
    assert not window.navigate(address)
    assert str(window.current) == "matrixdesk:/alcohol/B5" and window.showing_page()
    assert window.statusBar().currentMessage() == (
        f"There is no such place in this pack: {address}"
    )
    assert window.window_actions.search_box.text() == ""
    assert not window.history.can_go_back()


def test_escape_leaves_search_and_returns(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    _type_search(qtbot, window, "offender")
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(window.window_actions.search_box, Qt.Key.Key_Escape)
    assert str(window.current) == "matrixdesk:/alcohol/B5"
    assert window.window_actions.search_box.text() == ""


def test_the_more_entry_runs_its_search(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    stored = 'offender* OR probation OR "criminal justice"'
    (more,) = links(window.page.browser, stored)
    with qtbot.waitSignal(window.results_shown):
        click_link(qtbot, window.page.browser, more)
    assert window.window_actions.search_box.text() == stored
    rows = _rows(window)
    studies = next(row for row in rows if row.startswith("Studies ("))
    assert int(studies[len("Studies (") : -1]) >= 5  # the studies, not just commentary
    assert "matrixdesk:/alcohol/B5/entry/supervising-offenders-review" in rows


def test_find_in_page_counts_and_walks_matches(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.page.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "probation")
    total = int(bar.count.text().split(" of ")[1])
    assert bar.count.text() == f"1 of {total}" and total >= 3
    first = window.page.browser.textCursor().selectionStart()
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == f"2 of {total}"
    assert window.page.browser.textCursor().selectionStart() > first
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.page.browser.extraSelections() == []


def test_find_unfolds_the_bite_to_show_a_match_inside(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    assert not window.page.state.bite_open
    window.page.open_find()
    qtbot.keyClicks(window.page.find_bar.field, "juggler")
    assert window.page.state.bite_open
    assert window.page.find_bar.count.text() == "1 of 1"
    cursor = window.page.browser.textCursor()
    assert cursor.selectedText() == "juggler"
    assert window.page.browser.viewport().rect().intersects(window.page.browser.cursorRect(cursor))


def test_find_finds_words_in_the_acknowledgement(qtbot: QtBot, main_window) -> None:
    """The acknowledgement is shown with the Matrix Bite, which starts folded: find opens it."""
    window = main_window("alcohol/B5")
    page = window.page
    assert "Russell Webster" not in page_text(page.browser)
    page.open_find()
    # Pasted in one go: typed letter by letter, "r" would open the bite for a match there.
    page.find_bar.field.setText("russell webster")
    assert page.find_bar.count.text() == "1 of 1"
    cursor = page.browser.textCursor()
    assert cursor.selectedText() == "Russell Webster"
    assert page.browser.viewport().rect().intersects(page.browser.cursorRect(cursor))


def test_find_reports_no_matches(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    window.page.open_find()
    window.page.find_bar.field.setText("zzqxv")  # pasted in one go
    assert window.page.find_bar.count.text() == "No matches"
    assert not window.page.state.bite_open
    assert is_in_view(window.page.browser, "Practitioners; Safeguarding the community")
    assert "zzqxv" not in page_text(window.page.browser)


def _enter_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type (or paste) `text` into the search box and wait for its results."""
    box = window.window_actions.search_box
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == text):
        box.setText(text)
        box.textEdited.emit(text)


def test_marks_from_a_result_do_not_follow_the_reader(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _enter_search(qtbot, window, "offender")
    with qtbot.waitSignal(window.page_shown):
        window.search_view.result_chosen.emit(window.search_view.model.rows[1])
    assert window.page.browser.extraSelections()  # the result's words are marked
    window.go_home()
    window.navigate("alcohol/B5")
    assert window.page.browser.extraSelections() == []
    assert window.page.browser.verticalScrollBar().value() == 0


def test_a_study_result_leaves_the_bite_folded(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _enter_search(qtbot, window, "manual")
    hit = next(row for row in window.search_view.model.rows if getattr(row, "kind", "") == "entry")
    window.search_view.result_chosen.emit(hit)
    assert str(window.current) == "matrixdesk:/alcohol/B5/entry/supervision-manual"
    assert not window.page.state.bite_open


def test_enter_opens_the_result_for_what_is_typed_now(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _enter_search(qtbot, window, "juggling")
    box = window.window_actions.search_box
    box.setText("manual")
    box.textEdited.emit("manual")  # its results are not in yet
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert str(window.current) == "matrixdesk:/alcohol/B5/entry/supervision-manual"


def test_leaving_a_page_by_searching_keeps_the_readers_place(qtbot: QtBot, main_window) -> None:
    window = main_window("alcohol/B5")
    browser = window.page.browser
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum() // 2)
    place = browser.place.top()
    _enter_search(qtbot, window, "probation")
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(window.window_actions.search_box, Qt.Key.Key_Escape)
    assert str(window.current) == "matrixdesk:/alcohol/B5"
    assert is_at_top(browser, place)


def test_refining_a_search_forgets_what_lay_ahead(qtbot: QtBot, main_window) -> None:
    window = main_window()
    _enter_search(qtbot, window, "manual")
    window.navigate("alcohol/B5")
    window.go_back()
    _enter_search(qtbot, window, "manuals")
    assert not window.history.can_go_forward()


def test_nothing_found_offers_a_close_word_and_never_blames_filters_not_set(
    qtbot: QtBot, main_window
) -> None:
    window = main_window()
    _type_search(qtbot, window, "motivatoinal")
    said = window.search_view.empty.text()
    assert window.search_view.empty.isVisible()
    assert "Did you mean" in said and ">motivational</a>" in said
    assert "filter" not in said and "This pack holds 1 of the 50 cells in full" in said
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == "motivational"):
        window.search_view.empty.linkActivated.emit("motivational")
    assert window.window_actions.search_box.text() == "motivational"
    assert window.search_view.model.rowCount() > 3
    type_filter = window.search_view.type_filter
    with qtbot.waitSignal(window.results_shown):
        type_filter.setCurrentIndex(type_filter.findData("G"))
    _type_search(qtbot, window, "juggling")
    assert "with the filters chosen" in window.search_view.empty.text()


def test_an_older_searchs_late_answer_never_replaces_the_newer_one(
    qtbot: QtBot, main_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader types on while a search runs: the answer for what they typed before, which
    comes in after they typed more, is never shown; and what they typed in between, overtaken
    before its turn came, is never searched for."""
    started, release = threading.Event(), threading.Event()
    searched: list[str] = []
    search = Searcher.search

    def slow_for_probation(self: Searcher, text: str, *args: object) -> object:
        searched.append(text)
        if text == "probation":  # held on the search thread until the next search is asked for
            started.set()
            release.wait(timeout=10)
        return search(self, text, *args)

    monkeypatch.setattr(Searcher, "search", slow_for_probation)
    window = main_window()
    shown: list[str] = []
    window.results_shown.connect(shown.append)
    box = window.window_actions.search_box
    try:
        box.setText("probation")
        box.textEdited.emit("probation")
        qtbot.waitUntil(started.is_set)
        with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == "juggling"):
            for text in ("jug", "juggling"):
                box.setText(text)
                box.textEdited.emit(text)
            release.set()  # the answer for "probation" comes in now, after "juggling" was asked
    finally:
        release.set()
    assert shown == ["juggling"]
    assert searched == ["probation", "juggling"]
    assert "matrixdesk:/alcohol/B5#trickier-situation" in _rows(window)
    assert "juggling" in window.search_view.heading.text()
