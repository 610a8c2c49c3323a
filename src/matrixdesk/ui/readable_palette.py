"""Selection and placeholder colours that read, on widgets that show them, whatever the system.

The app keeps the system's palette (a reader may have chosen high-contrast colours), but some
systems' selection blue under white text, or placeholder grey, falls short of 4.5:1. Widgets
given `keep_readable` use the same hues, darkened or lightened as far as needed; they follow
the system when it switches between light and dark, as every other colour does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from matrixdesk.ui.contrast import blend, legible
from matrixdesk.ui.theme import Colours


def readable_palette(source: QPalette, current: QPalette) -> QPalette:
    """`current` with its selection and placeholder roles made readable shades of `source`'s."""
    role = QPalette.ColorRole
    colours = Colours.from_palette(source)
    base = source.color(role.Base)
    placeholder = source.color(role.PlaceholderText)
    # Placeholder text is often the text colour half transparent: judge it as it is seen.
    seen = blend(base, placeholder, placeholder.alphaF())
    palette = QPalette(current)
    palette.setColor(role.Highlight, QColor(colours.selection))
    palette.setColor(role.HighlightedText, QColor(colours.selection_text))
    palette.setColor(role.PlaceholderText, legible(seen, base))
    return palette


class _KeepReadable(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            _apply(watched)
        return False


_keeper: _KeepReadable | None = None


def keep_readable(widget: QWidget) -> None:
    """Give `widget` readable selection and placeholder colours, now and after every change of
    the system's palette."""
    global _keeper
    if _keeper is None:
        _keeper = _KeepReadable()
    _apply(widget)
    widget.installEventFilter(_keeper)


def _apply(widget: QWidget) -> None:
    # The palette the widget would have if left alone: the application's (for its class).
    palette = readable_palette(QApplication.palette(widget), widget.palette())
    if palette != widget.palette():  # setting an equal palette would change nothing and loop
        widget.setPalette(palette)
