"""WCAG 2.1 AA contrast for everything the app draws, under light and dark system palettes:
text 4.5:1 against its background, focus rings and other marks 3:1."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from matrixdesk.ui.contrast import contrast, legible
from matrixdesk.ui.theme import Colours
from tests.contrast_pairs import PALETTES, pairs


def test_the_contrast_formula_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_a_colour_that_reads_badly_is_nudged_until_it_reads() -> None:
    grey = QColor("#999999")  # 2.8:1 on white
    nudged = legible(grey, QColor("#ffffff"))
    assert contrast(nudged, QColor("#ffffff")) >= 4.5
    assert nudged.lightness() < grey.lightness()  # darker, the same hue family
    on_dark = legible(grey, QColor("#111111"), minimum=7)
    assert contrast(on_dark, QColor("#111111")) >= 7 and on_dark.lightness() > grey.lightness()


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_pair_meets_wcag_aa(name: str) -> None:
    failing = [
        f"{p.what}: {p.foreground} on {p.background} is {p.ratio:.2f}:1, needs {p.minimum:g}:1"
        for p in pairs(PALETTES[name])
        if p.ratio < p.minimum
    ]
    assert failing == []


@pytest.mark.parametrize("name", list(PALETTES))
def test_found_words_are_told_from_a_highlight(name: str) -> None:
    """Marks inside a highlighted study must not vanish into it: another hue, far apart."""
    colours = Colours.from_palette(PALETTES[name])
    mark, highlight = QColor(colours.find_mark), QColor(colours.highlight)
    assert abs(mark.hslHue() - highlight.hslHue()) > 60
