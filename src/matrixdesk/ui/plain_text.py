"""Showing text that comes from a pack or a file as words, never as markup.

Qt guesses whether a label's, tooltip's or message box's text is rich text, and renders (and loads
images for) any tags it finds. Text from a pack is plain by nature, so widgets that show it are set
to plain text; where Qt offers no such setting (tooltips, menu mnemonics) these helpers make the
text safe.
"""

from __future__ import annotations

from html import escape


def tooltip(text: str) -> str:
    """`text`, line breaks kept, as rich text that Qt shows word for word: the tags are ours,
    and everything in `text` is escaped."""
    return "<p>" + "<br>".join(escape(line) for line in text.split("\n")) + "</p>"


def action_text(text: str) -> str:
    """`text` for a menu or button label: a lone & would mark the next letter as a shortcut."""
    return text.replace("&", "&&")
