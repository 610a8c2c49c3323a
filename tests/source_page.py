"""The saved B5 web page, read as the fidelity checks need it (test support, no tests)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.conftest import SOURCE

# Lines of the saved web page that are site furniture, not the cell's content.
_CHROME = (
    "S Seminal studiesK",
    "Links to other documents.",
    "Matrix Bite Open",
    "Close Matrix Bite",
)
_TYPE_PREFIX = re.compile(r"^(S|K|R|G|more) ")


def source_body() -> tuple[list[str], list[str]]:
    """The B5 page's body paragraphs (type letters removed) and the type letters of its list."""
    lines = (SOURCE / "alcohol-B5-cell-page.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Key studies on the impact"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Thanks for their comments"))
    body, types = [], []
    for line in lines[start : end + 1]:
        if not line.strip() or line.startswith(_CHROME):
            continue
        if match := _TYPE_PREFIX.match(line):
            types.append(match.group(1))
            line = line[match.end() :]
        body.append(line)
    return body, types


def sentences(paragraphs: list[str]) -> list[str]:
    text = " ".join(" ".join(paragraphs).split())
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def assert_every_sentence_in_order(text: str, form: Callable[[str], str] = str) -> None:
    """Every sentence of the B5 page's body is in `text`, in order; `form` puts each sentence
    in the form `text` holds it (as a PDF's text reads, say)."""
    body, _ = source_body()
    expected = sentences(body)
    assert len(expected) > 120
    cursor = 0
    for sentence in map(form, expected):
        found = text.find(sentence, cursor)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        cursor = found + len(sentence)
