"""Reading the PDFs MatrixDesk writes, with poppler's tools (test support, no tests).

scripts/install-system-deps.sh installs poppler-utils; without it the tests that need it skip
and say so."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

import matrixdesk

SRC = Path(matrixdesk.__file__).resolve().parents[1]

POPPLER = ("pdftotext", "pdffonts", "pdfinfo")
FOOTNOTE_MARK = re.compile(r"\[\d+\]")


def need_poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs poppler-utils ({', '.join(missing)}): scripts/install-system-deps.sh")


def export(*arguments: str, before: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """`matrixdesk [before] export …` in a process of its own, with no display, as a training
    lead runs it."""
    return matrixdesk(*before, "export", *arguments)


def matrixdesk(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`matrixdesk …` in a process of its own, with no display (nor a platform chosen)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    environment["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "matrixdesk", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def page_text(pdf: Path, number: int, layout: bool = False) -> str:
    """Page `number`'s words, ligatures (ﬁ) as the letters they stand for; with `layout`, as
    they stand on the page (a table's row on one line), else in reading order."""
    how = ["-layout"] if layout else []
    text = subprocess.run(
        ["pdftotext", *how, "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return unicodedata.normalize("NFKC", text)


def pages(pdf: Path) -> list[str]:
    return [page_text(pdf, n) for n in range(1, page_count(pdf) + 1)]


def body_of(page: str) -> str:
    """A page's text without its running header (the first two lines with words) and footer
    (the last two)."""
    lines = [line for line in page.splitlines() if line.strip()]
    return "\n".join(lines[2:-2])


def flowing(pdf: Path) -> str:
    """The document's body text in one line: running text, footnotes and note marks ([3])
    taken out."""
    text = " ".join(body for body, _ in regions(pdf))
    return " ".join(FOOTNOTE_MARK.sub("", text).split())


@dataclass(frozen=True, slots=True)
class Region:
    """A band of a page, in points from its top-left corner (pdftotext's crop at 72 dpi)."""

    top: int
    height: int


def regions(pdf: Path) -> list[tuple[str, str]]:
    """Each page's body text (under the running header, above the footnotes' rule) and its
    footnotes (under the rule, above the running footer), each read from its own band of the
    page; a page with no rule has no footnotes."""
    return _regions(str(pdf), pdf.stat().st_mtime_ns)


@functools.cache
def _regions(pdf: str, _changed: int) -> list[tuple[str, str]]:
    found = []
    for number in range(1, page_count(Path(pdf)) + 1):
        grey = _grey(Path(pdf), number, "72")
        rule = footnote_rule(grey)
        if rule is None:
            found.append((body_of(page_text(Path(pdf), number)), ""))
            continue
        above = _cropped(pdf, number, Region(0, rule), grey.width)
        below = _cropped(pdf, number, Region(rule + 1, grey.height - rule - 1), grey.width)
        head = [line for line in above.splitlines() if line.strip()][2:]
        foot = [line for line in below.splitlines() if line.strip()][:-2]
        found.append(("\n".join(head), "\n".join(foot)))
    return found


def _cropped(pdf: str, number: int, region: Region, width: int) -> str:
    page = ["-f", str(number), "-l", str(number)]
    crop = ["-x", "0", "-y", str(region.top), "-W", str(width), "-H", str(region.height)]
    text = subprocess.run(
        ["pdftotext", *page, *crop, pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", text)


def footnote_rule(grey: Grey) -> int | None:
    """The row of the short rule above a page's footnotes: a stroke from the text's left edge
    a sixth to two fifths of the page wide (text never runs that far unbroken; the running
    text's rules, tables' borders and ruled writing space run (nearly) the whole width, a pull
    quote's frame four fifths), the lowest if several."""
    found = None
    for row in range(grey.height):
        start, length = grey.longest_dark_run(row)
        if grey.width / 6 <= length <= grey.width * 2 / 5 and start < grey.width / 6:
            found = row
    return found


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """Each font of the PDF: (name, whether embedded: "yes"/"no")."""
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = listed.stdout.splitlines()[2:]
    # name, type (one or more words), encoding, emb, sub, uni, object, id: emb is 5th from last.
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def ruled_lines(pdf: Path, skip_words: str = "Discussion record") -> int:
    """How many rules run across (nearly) the whole text width, over the pages that do not hold
    `skip_words` (the record sheet's table has borders of its own); rendered in grey and
    counted row by row."""
    total = 0
    for number, text in enumerate(pages(pdf), start=1):
        if skip_words in text:
            continue
        total += _rules_on(pdf, number)
    return total


def _rules_on(pdf: Path, number: int) -> int:
    grey = _grey(pdf, number, "40")
    rules, previous = 0, False
    for row in range(grey.height):
        dark = sum(1 for value in grey.row(row) if value < DARK)
        is_rule = dark > grey.width * 0.6
        rules += is_rule and not previous
        previous = is_rule
    return rules


DARK = 160
"""A grey pixel darker than this is ink."""


@dataclass(frozen=True, slots=True)
class Grey:
    """A page rendered in grey, one byte a pixel, row by row."""

    width: int
    height: int
    pixels: bytes

    def row(self, number: int) -> bytes:
        return self.pixels[number * self.width : (number + 1) * self.width]

    def longest_dark_run(self, number: int) -> tuple[int, int]:
        """Where the row's longest unbroken stroke of ink starts, and its length."""
        best, start = (0, 0), None
        for x, value in enumerate([*self.row(number), 255]):
            if value < DARK and start is None:
                start = x
            elif value >= DARK and start is not None:
                best = max(best, (x - start, start))
                start = None
        return best[1], best[0]


def _grey(pdf: Path, number: int, resolution: str) -> Grey:
    rendered = subprocess.run(
        ["pdftoppm", "-r", resolution, "-gray", "-f", str(number), "-l", str(number), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    # Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    header = rendered.split(b"\n", 3)
    width, height = (int(v) for v in header[1].split())
    return Grey(width, height, header[3])
