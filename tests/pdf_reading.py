"""Reading the PDFs MatrixDesk writes, with poppler's tools (test support, no tests).

scripts/install-system-deps.sh installs poppler-utils; without it the tests that need it skip
and say so."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
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
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    environment["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "matrixdesk", *before, "export", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def page_text(pdf: Path, number: int) -> str:
    """Page `number`'s words, ligatures (ﬁ) as the letters they stand for."""
    text = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
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
    """The document's body text in one line: running text and note marks ([3]) taken out."""
    text = " ".join(body_of(page) for page in pages(pdf))
    return " ".join(FOOTNOTE_MARK.sub("", text).split())


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
    grey = subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", "-f", str(number), "-l", str(number), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    # Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    header = grey.split(b"\n", 3)
    width, height = (int(v) for v in header[1].split())
    pixels = header[3]
    rules, previous = 0, False
    for row in range(height):
        line = pixels[row * width : (row + 1) * width]
        dark = sum(1 for value in line if value < 160)
        is_rule = dark > width * 0.6
        rules += is_rule and not previous
        previous = is_rule
    return rules
