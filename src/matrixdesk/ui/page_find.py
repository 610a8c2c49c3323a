"""Finding text on a page: the matches to mark. (Which folded text to open for them is the page
state's business: `page.state.unfolded_for`.)"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit


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
    """Found words: a background of their own (not the highlight's), and underlined, so they
    show even inside a highlighted study and to a reader who cannot tell the hues apart."""
    selections = []
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    fmt.setFontUnderline(True)
    for cursor in cursors:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    return selections
