"""Synthetic content for tests and benchmarks only. Never shipped: it lives under tests/ and is
written into temporary folders. Its text says plainly that it is synthetic."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import CONTENT

FEATURES_CELL = """+++
cell = "A1"
title = "Synthetic test cell"
headline = "Synthetic headline for tests"
online_url = "https://example.org/synthetic/A1"
+++

Synthetic intro paragraph used only by the test suite.

# Studies

## Synthetic study with a note and a document
type: S K
slug: synthetic-noted
byline: Synthetic, 2000
note: Synthetic hover note for tests.
document: https://example.org/synthetic-document

Synthetic annotation. For discussion [click](#synthetic-section) and scroll down to
highlighted heading.

## Synthetic study of an analysis in the pack
type: R
slug: synthetic-analysed
byline: Synthetic, 2001
document: doc:synthetic-analysis

Synthetic annotation of a study whose analysis the pack carries.

## more
search: synthetic

Synthetic more entry.

# Matrix Bite

## Synthetic section {#synthetic-section}

Synthetic paragraph pointing at the study [listed above](entry:synthetic-noted).

::: extra
Synthetic extra text that starts folded.
:::

::: supplementary
Synthetic supplementary text that starts folded.
:::
"""


SYNTHETIC_DOCUMENT = """+++
title = "Synthetic analysis for tests"
authors = "Synthetic Author"
source = "Synthetic Journal"
year = "2001"
original_url = "https://example.org/synthetic-analysis"
+++

# Summary

Synthetic summary of a synthetic analysis, see [the synthetic cell](cell:drug/A1).

# Key points

- Synthetic key point one.
- Synthetic key point two.

# Commentary

Synthetic commentary about quokkas, a word no real content uses.
"""


def content_with_features_cell(folder: Path) -> Path:
    """A copy of the real sources whose drug A1 is the synthetic features cell, citing one
    synthetic document."""
    copy = folder / "content"
    shutil.copytree(CONTENT, copy)
    (copy / "drug" / "A1.md").write_text(FEATURES_CELL, encoding="utf-8")
    (copy / "documents").mkdir()
    (copy / "documents" / "synthetic-analysis.md").write_text(SYNTHETIC_DOCUMENT, encoding="utf-8")
    return copy


def content_with_large_cell(folder: Path, times: int = 10) -> Path:
    """A copy of the real sources whose drug A1 is alcohol B5 repeated `times` times (studies and
    Matrix Bite sections), with every slug and link made unique: a big page for benchmarks."""
    copy = folder / "content"
    shutil.copytree(CONTENT, copy)
    b5 = (CONTENT / "alcohol" / "B5.md").read_text(encoding="utf-8")
    _, front, body = b5.split("+++", 2)
    intro, rest = body.split("# Studies", 1)
    studies, rest = rest.split("## more", 1)
    more, rest = rest.split("# Matrix Bite", 1)
    bite, acknowledgements = rest.split("# Acknowledgements", 1)
    copies = range(1, times + 1)
    front = re.sub(r'cell = "B5"', 'cell = "A1"', front)
    front = re.sub(r'title = ".*"', f'title = "Synthetic test cell ({times} x alcohol B5)"', front)
    parts = [
        f"+++{front}+++",
        intro,
        "# Studies",
        *(_suffixed(studies, n) for n in copies),
        "## more" + more,
        "# Matrix Bite",
        *(_suffixed(bite, n) for n in copies),
        "# Acknowledgements" + acknowledgements,
    ]
    (copy / "drug" / "A1.md").write_text("\n".join(parts), encoding="utf-8")
    return copy


def _suffixed(markdown: str, n: int) -> str:
    """Make slugs unique per copy; cross-cell links point at alcohol cells from the drug matrix."""
    markdown = re.sub(r"^slug: (\S+)", rf"slug: \1-{n}", markdown, flags=re.MULTILINE)
    markdown = re.sub(r"\{#([a-z0-9-]+)\}", rf"{{#\1-{n}}}", markdown)
    markdown = re.sub(r"\]\(#([a-z0-9-]+)\)", rf"](#\1-{n})", markdown)
    markdown = re.sub(r"\]\(entry:([a-z0-9-]+)\)", rf"](entry:\1-{n})", markdown)
    return re.sub(r"\]\(cell:([A-E][1-5])\)", r"](cell:alcohol/\1)", markdown)
