"""A layout that wraps, like words in a paragraph: items go left to right and onto as many lines
as the width needs, so a narrow window or large text moves a control to the next line rather
than cutting off or eliding its words. Items that expand (a text field) share what is left of
their line; a label with word wrap is given its line's width and grows downwards."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6, line_spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = line_spacing

    # --- QLayout's interface -----------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Everything on one line."""
        hints = [item.sizeHint() for item in self._shown()]
        width = sum(h.width() for h in hints) + self._spacing * max(0, len(hints) - 1)
        height = max((h.height() for h in hints), default=0)
        return self._with_margins(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """One item a line: as narrow as the widest item can be."""
        sizes = [item.minimumSize() for item in self._shown()]
        width = max((s.width() for s in sizes), default=0)
        height = max((s.height() for s in sizes), default=0)
        return self._with_margins(width, height)

    # --- laying out --------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # hidden widgets are empty

    def _with_margins(self, width: int, height: int) -> QSize:
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The items in lines, each with its width: as wide as it asks, but no wider than a
        line (a word-wrapped label then wraps), and never narrower than it can be."""
        lines: list[list[tuple[QLayoutItem, int]]] = []
        used = 0
        for item in self._shown():
            label = item.widget()
            if isinstance(label, QLabel) and label.wordWrap():
                wanted = _natural_width(item, width)
            else:
                wanted = item.sizeHint()  # a flow inside a flow: all on one line, if it fits
            item_width = max(min(wanted.width(), width), item.minimumSize().width())
            if not lines or used + self._spacing + item_width > width:
                lines.append([])
                used = -self._spacing
            lines[-1].append((item, item_width))
            used += self._spacing + item_width
        return [_share_spare(line, width, self._spacing) for line in lines]

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in `rect` (only measure, unless `place`); the height they need."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        top = y = area.y()
        for number, line in enumerate(self._lines(max(1, area.width()))):
            heights = [_height(item, width) for item, width in line]
            line_height = max(heights)
            y += self._line_spacing if number else 0
            x = area.x()
            for (item, width), height in zip(line, heights, strict=True):
                if place:  # each item centred on its line
                    item.setGeometry(QRect(x, y + (line_height - height) // 2, width, height))
                x += width + self._spacing
            y += line_height
        return y - top + margins.top() + margins.bottom()


def _share_spare(
    line: list[tuple[QLayoutItem, int]], width: int, spacing: int
) -> list[tuple[QLayoutItem, int]]:
    """`line` with the width left over given to the items that expand, in equal parts."""
    spare = width - sum(w for _, w in line) - spacing * (len(line) - 1)
    growing = [i for i, (item, _) in enumerate(line) if _expands(item)]
    if spare <= 0 or not growing:
        return line
    shared = list(line)
    for turn, i in enumerate(growing):
        item, item_width = shared[i]
        extra = spare // len(growing) + (1 if turn < spare % len(growing) else 0)
        shared[i] = (item, min(item_width + extra, item.maximumSize().width()))
    return shared


def _expands(item: QLayoutItem) -> bool:
    return bool(item.expandingDirections() & Qt.Orientation.Horizontal)


def _natural_width(item: QLayoutItem, room: int) -> QSize:
    """The width a word-wrapped label wants in `room`: the narrowest at which it takes no more
    lines than at the whole of `room` (its words on one line, if they fit). Its size hint will
    not do: QLabel hints at a narrow block of several lines."""
    fewest = item.heightForWidth(room)
    low, high = min(item.minimumSize().width(), room), room
    while low < high:
        middle = (low + high) // 2
        if item.heightForWidth(middle) <= fewest:
            high = middle
        else:
            low = middle + 1
    return QSize(low, fewest)


def _height(item: QLayoutItem, width: int) -> int:
    return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()


def labelled(text: str, field: QWidget) -> QWidget:
    """`field` with a visible label before it, kept together on one line of a flow. The label is
    the field's buddy: a screen reader names the field by it, and a letter marked with & in
    `text` takes the keyboard there with Alt."""
    pair = QWidget()
    label = QLabel(text)
    label.setBuddy(field)
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    layout.addWidget(field)  # the pair grows in a flow if the field does (a text field)
    return pair
