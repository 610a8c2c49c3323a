"""Finding text on a page: which folded text to open first, and the matches to mark."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from matrixdesk.core.schema import FOLDED_BLOCK_KINDS
from matrixdesk.core.views import CellPage
from matrixdesk.ui.page_state import PageState, fold_key


def unfolded_for(page: CellPage, state: PageState, pattern: re.Pattern[str]) -> PageState:
    """`state` with the Matrix Bite and any folded text opened where `pattern` occurs in them."""
    for section in page.sections:
        texts = [section.title, *(f"{b.title or ''} {b.text}" for b in section.blocks)]
        if not state.bite_open and any(pattern.search(text) for text in texts):
            state = state.with_bite(True)
        for index, block in enumerate(section.blocks):
            key = fold_key(section.slug, index)
            if (
                block.kind in FOLDED_BLOCK_KINDS
                and key not in state.unfolded
                and pattern.search(block.text)
            ):
                state = state.toggled_fold(key)
    if (
        not state.bite_open
        and page.acknowledgement_text
        and pattern.search(page.acknowledgement_text)
    ):
        state = state.with_bite(True)
    return state


def unfolded_block(page: CellPage, state: PageState, key: str) -> PageState:
    """`state` with the Matrix Bite open and the block `key` (a `fold_key`) unfolded if it is
    folded text; `state` itself if the page has no such block."""
    for section in page.sections:
        for index, block in enumerate(section.blocks):
            if fold_key(section.slug, index) == key:
                state = state.with_bite(True)
                if block.kind in FOLDED_BLOCK_KINDS and key not in state.unfolded:
                    state = state.toggled_fold(key)
                return state
    return state


def folded_keys(page: CellPage) -> set[str]:
    """The `fold_key`s of the page's folded (extra and supplementary) text."""
    return {
        fold_key(section.slug, index)
        for section in page.sections
        for index, block in enumerate(section.blocks)
        if block.kind in FOLDED_BLOCK_KINDS
    }


def words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """Case-insensitive whole-word pattern for any of `words`; None if there are none."""
    words = [w for w in words if w.strip()]
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def text_pattern(text: str) -> re.Pattern[str] | None:
    """Case-insensitive pattern for text typed into the find bar: found anywhere, as browsers do."""
    return re.compile(re.escape(text), re.IGNORECASE) if text else None


def matches(document: QTextDocument, pattern: re.Pattern[str]) -> list[QTextCursor]:
    """Every match of `pattern` in the document, as selections in document order."""
    found = []
    block = document.begin()
    while block.isValid():
        for match in pattern.finditer(block.text()):
            cursor = QTextCursor(document)
            cursor.setPosition(block.position() + match.start())
            cursor.setPosition(block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
            found.append(cursor)
        block = block.next()
    return found


def marks(cursors: list[QTextCursor], colour: str) -> list[QTextEdit.ExtraSelection]:
    selections = []
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    for cursor in cursors:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[misc]
        selection.format = fmt  # type: ignore[misc]
        selections.append(selection)
    return selections
