"""The reading pane: a QTextBrowser that serves our icons, zooms by steps, never follows links
itself (the page view decides what every link does), and shows every tooltip in the page as plain
text (Qt would render markup in one, and load the images it names).

It keeps the text to a comfortable measure (about 80 characters a line) at any width and zoom,
centring the column in a wide window, and keeps the reader's place when it is resized.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFocusEvent,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from matrixdesk.ui.focus_ring import draw_focus_ring
from matrixdesk.ui.note_marks import PAGE_KEY, mark_places, mark_tooltip, paint_marks
from matrixdesk.ui.page_copy import WebAddressOf, copied, web_address
from matrixdesk.ui.plain_text import tooltip
from matrixdesk.ui.readable_palette import keep_readable
from matrixdesk.ui.reading_access import LinkFocus, caret_browsing_wanted
from matrixdesk.ui.reading_place import ReadingPlace
from matrixdesk.ui.theme import ENTRY_HANG, READING_POINT_SIZE, icon_size
from matrixdesk.ui.type_icons import icon_places, icon_tooltip, paint_icons

MEASURE_CHARS = 84  # a line of the reading column, in characters of running English text
# Running prose, for its characters' average width: a font's "average character" is wider than
# prose's, whose spaces and narrow letters are many.
_PROSE = (
    "Research may be sparse, but what we do have supports the contention that the influence "
    "of the practitioner is not unimportant in criminal justice settings, just neglected."
)
PAGE_MARGIN = 24  # pixels around the page, and the least beside the column


class ReadingBrowser(QTextBrowser):
    zoom_requested = Signal(int)
    """+1 or -1 zoom step asked for with Ctrl and the mouse wheel."""
    note_mark_chosen = Signal(str)
    """The reader clicked a note mark: the anchor it stands beside ("" for the page's own)."""
    focused_with_assistive_technology = Signal()
    """The page took the keyboard while a screen reader (or other AT) listens: it needs the
    caret. (Known only once the app runs: the AT bridge comes up after the first page.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Page")
        self.document().setDocumentMargin(PAGE_MARGIN)
        # Always there: Qt lays a new page out a screenful at a time, so a scroll bar shown
        # only when needed would hide, then show, and the page be laid out twice per opening.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # The margins either side of the column are the page's own colour.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.place = ReadingPlace(self)
        self.drawn_icons: list[tuple[QRect, str]] = []
        """The type icons drawn last (where, which type), for their tooltips."""
        self.note_counts: dict[str, int] = {}
        """The reader's notes to mark, by anchor (PAGE_KEY: on the page itself)."""
        self.note_marks_shown = True
        self.drawn_marks: list[tuple[QRect, str]] = []
        """The note marks drawn last (where, which anchor)."""
        keep_readable(self)  # selected text, the find bar's current match included
        self.link_focus = LinkFocus(self)
        self.web_address_of: WebAddressOf = lambda href: None
        """What an internal link stands for on the web (set by whoever shows pages)."""

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt override
        return copied(self.textCursor(), self.web_address_of)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        """The standard menu, but "Copy link location" copies the web address a link stands
        for (an internal address means nothing outside the app), and is not offered on the
        app's own controls."""
        # Qt places the menu's link by document coordinates: the view's, plus its scroll.
        scrolled = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(event.pos() + scrolled)
        copy_link = menu.findChild(QAction, "link-copy")
        if copy_link is not None:
            address = web_address(self.anchorAt(event.pos()), self.web_address_of)
            if address is None:
                menu.removeAction(copy_link)
            else:
                copy_link.triggered.disconnect()
                copy_link.triggered.connect(lambda: QGuiApplication.clipboard().setText(address))
                copy_link.setText("Copy &web address")
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_caret_browsing(self, on: bool) -> None:
        """A keyboard caret in the page (F7), which the arrow keys move instead of scrolling."""
        flags = Qt.TextInteractionFlag.TextBrowserInteraction
        if on:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags)

    def fit_measure(self) -> None:
        """Keep the page's lines about MEASURE_CHARS long at the reading font's size (which zoom
        changes), by leaving blank margins either side of the text in a wide view; a narrow
        view has none. Margins outside the text, not in the document, so a new page is laid
        out once, and only a change of width or zoom lays it out again."""
        document = self.document()
        per_char = QFontMetrics(document.defaultFont()).horizontalAdvance(_PROSE) / len(_PROSE)
        column = round(per_char * MEASURE_CHARS) + 2 * PAGE_MARGIN
        # The widget's own width: margins do not change it (the viewport's resize events, which
        # reach resizeEvent too, would, and set margins against themselves).
        side = max(0, (self.width() - 2 * self.frameWidth() - column) // 2)
        if side != self.viewportMargins().left():
            self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        # At the very start of a page there is nothing to keep (and before a first layout, the
        # text at the top cannot be told): it stays at its start.
        top = self.place.top() if self.verticalScrollBar().value() else None
        self.fit_measure()
        super().resizeEvent(event)
        self.place.resized(top)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt override
        # Pages refer to no resource; an empty image keeps any stray reference from reaching
        # QTextBrowser's own loader (local files), and the app never uses the network.
        return QImage()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        moved = super().focusNextPrevChild(next)
        if moved and self.hasFocus():  # Tab went to a link in the page, not out of it
            self.link_focus.link_focused()
        return moved

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.viewport().update()  # the focus ring comes
        if caret_browsing_wanted():
            self.focused_with_assistive_technology.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        scale = self.document().defaultFont().pointSizeF() / READING_POINT_SIZE
        self.drawn_icons = icon_places(self, icon_size(scale), round(ENTRY_HANG * scale))
        paint_icons(self, self.drawn_icons)
        counts = self.note_counts if self.note_marks_shown else {}
        on_page = counts.get(PAGE_KEY, 0)
        self.drawn_marks = mark_places(self, counts, on_page, icon_size(scale))
        paint_marks(self, self.drawn_marks)
        if self.hasFocus():
            draw_focus_ring(self.viewport())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.viewport().update()  # the focus ring goes

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # What Qt's own handler would show (the hovered text's `title`), as plain text, and
            # only while the pointer stays on that text: not for seconds over other words.
            mark = mark_tooltip(self.drawn_marks, self.note_counts, event.pos())
            icon = (mark[0], mark[2]) if mark else icon_tooltip(self.drawn_icons, event.pos())
            cursor = self.cursorForPosition(event.pos())
            text = icon[1] if icon else cursor.charFormat().toolTip()
            if text:
                area = icon[0] if icon else self._run_rect(cursor)
                QToolTip.showText(event.globalPos(), tooltip(text), self.viewport(), area)
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.Type.Leave:
            QToolTip.hideText()
        return super().viewportEvent(event)

    def show_note_marks(self, shown: bool) -> None:
        """Draw the note marks (not in presentation mode: a reader's notes are their own)."""
        self.note_marks_shown = shown
        self.viewport().update()

    def set_note_marks(self, counts: dict[str, int]) -> None:
        """Mark the reader's notes: `counts` by anchor (PAGE_KEY: the page itself)."""
        if counts != self.note_counts:
            self.note_counts = dict(counts)
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        mark = mark_tooltip(self.drawn_marks, self.note_counts, event.position().toPoint())
        if mark is not None and event.button() == Qt.MouseButton.LeftButton:
            self.note_mark_chosen.emit(mark[1])
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _run_rect(self, cursor: QTextCursor) -> QRect:
        """Where the run of text with the character format before `cursor` (a link, say) is
        in the viewport: from its first line's top to its last line's bottom."""
        position = cursor.position()
        start, end = position, position
        iterator = cursor.block().begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.position() < position <= fragment.position() + fragment.length():
                start, end = fragment.position(), fragment.position() + fragment.length()
                break
            iterator += 1
        first, last = QTextCursor(cursor), QTextCursor(cursor)
        first.setPosition(start)
        last.setPosition(end)
        top, bottom = self.cursorRect(first), self.cursorRect(last)
        if top.top() == bottom.top():  # on one line: just the run
            return top.united(bottom)
        return QRect(0, top.top(), self.viewport().width(), bottom.bottom() - top.top())

    def event(self, event: QEvent) -> bool:
        # The wheel over the margins beside the column (outside the viewport) scrolls the page,
        # as it does over the text: the reader sees one page.
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            self.wheelEvent(event)
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
