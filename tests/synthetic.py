"""Synthetic content for tests and benchmarks only. Never shipped: it lives under tests/ and is
written into temporary folders. Its text says plainly that it is synthetic."""

from __future__ import annotations

import itertools
import random
import re
import shutil
from pathlib import Path

from matrixdesk.authoring.compiler import build_pack
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


def features_pack(folder: Path) -> Path:
    """The pack built from `content_with_features_cell`, in `folder`."""
    pack = folder / "synthetic.sqlite"
    assert build_pack(content_with_features_cell(folder), pack) == []
    return pack


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


# --- the synthetic search pack for `make bench` ---------------------------------------------------
# Invented words only (no English, no research content): a vocabulary whose frequencies follow
# Zipf's law, so some words occur in nearly every document and others in a handful.

SEARCH_PACK_VERSION = 1  # bump when the generator changes, so a cached pack is rebuilt
_SYLLABLES = [
    "ka",
    "ve",
    "lor",
    "tan",
    "mi",
    "sul",
    "pe",
    "dro",
    "qua",
    "nix",
    "bel",
    "tor",
    "fa",
    "ren",
    "go",
    "shi",
    "lu",
    "mar",
    "cot",
    "vin",
    "zel",
    "pra",
    "tu",
    "hem",
    "os",
    "ric",
    "dal",
    "ba",
    "nu",
    "fer",
]


def synthetic_vocabulary(size: int = 20_000, seed: int = 7) -> list[str]:
    """`size` distinct invented words, most frequent first."""
    rng = random.Random(seed)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class _Writer:
    def __init__(self, vocabulary: list[str], seed: int) -> None:
        self.vocabulary = vocabulary
        self.rng = random.Random(seed)
        weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
        self.cumulative = list(itertools.accumulate(weights))

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def sentence(self) -> str:
        words = self.words(self.rng.randint(8, 20))
        return " ".join(words).capitalize() + "."

    def paragraph(self, words: int) -> str:
        sentences, count = [], 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)


def synthetic_document(writer: _Writer, number: int) -> str:
    total = writer.rng.randint(1_000, 3_000)
    summary = writer.paragraph(total // 6)
    points = "\n".join(f"- {writer.sentence()}" for _ in range(5))
    commentary = "\n\n".join(writer.paragraph(120) for _ in range(max(1, (total * 2 // 3) // 120)))
    title = " ".join(writer.words(6)).capitalize()
    return (
        f'+++\ntitle = "Synthetic document {number}: {title}"\n'
        f'authors = "Synthetic Author {number % 97}"\nyear = "{1990 + number % 35}"\n+++\n\n'
        f"# Summary\n\n{summary}\n\n# Key points\n\n{points}\n\n# Commentary\n\n{commentary}\n"
    )


def synthetic_cell(writer: _Writer, code: str) -> str:
    types = ["S", "K", "K", "K", "R", "R", "R", "G", "G"]
    studies = "\n\n".join(
        f"## {writer.sentence()[:-1]}\ntype: {kind}\nslug: study-{n}\nbyline: Synthetic, {2000 + n}"
        f"\n\n{writer.paragraph(70)} For discussion [click](#section-{n % 6}) and scroll down."
        for n, kind in enumerate(types)
    )
    sections = "\n\n".join(
        f"## Synthetic section {n} {{#section-{n}}}\n\n"
        + "\n\n".join(writer.paragraph(110) for _ in range(5))
        + f"\n\n::: pullquote\n{writer.sentence()}\n:::\n\n::: extra\n{writer.paragraph(60)}\n:::"
        for n in range(6)
    )
    return (
        f'+++\ncell = "{code}"\ntitle = "Synthetic cell {code}"\n'
        f'online_url = "https://example.org/synthetic/{code}"\n+++\n\n'
        f"{writer.paragraph(60)}\n\n# Studies\n\n{studies}\n\n## more\nsearch: "
        f"{' '.join(writer.words(2))}\n\n{writer.sentence()}\n\n# Matrix Bite\n\n{sections}\n"
    )


def write_search_sources(folder: Path, documents: int = 5_000) -> Path:
    """Sources for the search benchmark: the real matrices' structure, every one of the 50 cells
    full of synthetic text, and `documents` synthetic documents of 1,000-3,000 words."""
    copy = folder / "content"
    shutil.copytree(CONTENT, copy)
    writer = _Writer(synthetic_vocabulary(), seed=11)
    for matrix in ("alcohol", "drug"):
        for path in (copy / matrix).glob("[A-E][1-5].md"):
            path.write_text(synthetic_cell(writer, path.stem), encoding="utf-8")
    (copy / "documents").mkdir()
    for number in range(1, documents + 1):
        text = synthetic_document(writer, number)
        (copy / "documents" / f"synthetic-{number:05d}.md").write_text(text, encoding="utf-8")
    return copy


# --- a pack in which one word matches more rows than search ranks in full -----------------------

# Invented words, which no real content holds. Every text holds BROAD_WORD, and FILLER_WORD
# (in no title); only every fiftieth holds NARROW_WORD.
BROAD_WORD = "zorblat"
FILLER_WORD = "wuzzock"
NARROW_WORD = "quillet"


def broad_titled(number: int) -> bool:
    """Whether synthetic document `number` of `content_with_broad_word` has BROAD_WORD in its
    title (3, 403, 803, ...)."""
    return number % 400 == 3


def broad_repeats(number: int) -> int:
    """How often BROAD_WORD is in the text of synthetic document `number` (1 to 9 times)."""
    return 1 + number % 9


def narrow_repeats(number: int) -> int:
    """How often NARROW_WORD is in the text of synthetic document `number`: in every fiftieth
    document only, 1 to 5 times."""
    return 1 + (number // 50) % 5 if number % 50 == 0 else 0


def content_with_broad_word(folder: Path, documents: int) -> Path:
    """A copy of the real sources with `documents` short synthetic documents, numbered from 1 in
    the pack's own order. Their texts hold BROAD_WORD (and a few NARROW_WORD), repeated as
    `broad_repeats` and `narrow_repeats` say: ranking orders them otherwise than the pack does.
    Texts are all 15 words long, made up with FILLER_WORD, so only the repeats tell them apart."""
    copy = folder / "content"
    shutil.copytree(CONTENT, copy)
    (copy / "documents").mkdir()
    for number in range(1, documents + 1):
        broad, narrow = broad_repeats(number), narrow_repeats(number)
        words = (
            [BROAD_WORD] * broad + [NARROW_WORD] * narrow + [FILLER_WORD] * (15 - broad - narrow)
        )
        title = f"Synthetic document {number}" + (
            f" on {BROAD_WORD}" if broad_titled(number) else ""
        )
        (copy / "documents" / f"synthetic-{number:05d}.md").write_text(
            f'+++\ntitle = "{title}"\n+++\n\n# Summary\n\n{" ".join(words)}.\n',
            encoding="utf-8",
        )
    return copy
