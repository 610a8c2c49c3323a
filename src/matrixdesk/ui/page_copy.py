"""What copying from a page gives: the page's words, fit for an e-mail or a document.

Copy walks the selection's runs of text in the laid-out page and leaves out what is the app's
own: its controls (`action:` links) and its notes (text marked with `page.parts.UI_ANCHOR`). The
type icons are not in the text at all (`ui.type_icons`); their labels are words of their own.
The rich copy keeps bold and italic, and turns each link into the web address it stands for
(internal addresses mean nothing outside the app), or into plain words where there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor

from matrixdesk.core.checked import is_web_address
from matrixdesk.page.parts import UI_ANCHOR

WebAddressOf = Callable[[str], str | None]
"""An internal address to the web address it stands for, or None."""


def is_the_apps_own(fmt: QTextCharFormat) -> bool:
    return fmt.anchorHref().startswith("action:") or UI_ANCHOR in fmt.anchorNames()


def web_address(href: str, web_address_of: WebAddressOf) -> str | None:
    """The web address a link stands for outside the app, if any."""
    if not href or href.startswith("action:"):
        return None
    return href if is_web_address(href) else web_address_of(href)


def copied(cursor: QTextCursor, web_address_of: WebAddressOf) -> QMimeData:
    """The selection of `cursor` as plain text and as HTML, without the app's own words."""
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    document = cursor.document()
    texts: list[str] = []
    htmls: list[str] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        text, html = [], []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            first, last = fragment.position(), fragment.position() + fragment.length()
            low, high = max(first, start), min(last, end)
            fmt = fragment.charFormat()
            if low >= high or is_the_apps_own(fmt):
                continue
            # Qt keeps a <br> as U+2028 inside a block.
            words = fragment.text()[low - first : high - first].replace("\u2028", "\n")
            text.append(words)
            html.append(_styled(escape(words), fmt, web_address(fmt.anchorHref(), web_address_of)))
        if "".join(text).strip():
            texts.append("".join(text).strip())
            htmls.append(f"<p>{''.join(html).strip()}</p>")
        block = block.next()
    mime = QMimeData()
    mime.setText("\n\n".join(texts))
    mime.setHtml("".join(htmls))
    return mime


def _styled(html: str, fmt: QTextCharFormat, address: str | None) -> str:
    if fmt.fontWeight() >= QFont.Weight.DemiBold:
        html = f"<b>{html}</b>"
    if fmt.fontItalic():
        html = f"<i>{html}</i>"
    if address:
        html = f'<a href="{escape(address, quote=True)}">{html}</a>'
    return html
