"""One zoom for all the text the app draws: the reader's zoom sizes the application's font, which
every widget inherits (menus, toolbar, labels, lists, dialogs). A widget that sets a size of its
own (a title 1.7 times the text) keeps it in proportion with `keep_in_proportion`; icons beside
text grow with it by `icon_extent`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Slot
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from matrixdesk.ui.theme import UI_POINT_SIZE, ui_font


def app_zoom() -> float:
    """The zoom the application's text is at now (1.0 = 100 %), for widgets built while zoomed
    that size their own fonts."""
    return QApplication.font().pointSizeF() / UI_POINT_SIZE


def zoom_application(scale: float) -> None:
    """Size the application's text for the reader's zoom (`scale`, 1.0 = 100 %): every widget
    that has not set a size of its own has it when this returns."""
    font = ui_font(scale)
    if font == QApplication.font():  # the same font again would still lay out every widget
        return
    QApplication.setFont(font)
    # Qt posts the change to each window: delivered now, the zoom is whole when this returns,
    # and whatever is sized next (the page, a dialog) is measured against the new text.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)


def zoomed_size(width: int, height: int, window: QWidget) -> QSize:
    """A window's size at 100 % (`width` by `height`) at the reader's zoom, so zoomed text
    does not fill it with scroll bars and cut table columns; never larger than the screen."""
    scale = app_zoom()
    size = QSize(round(width * scale), round(height * scale))
    return size.boundedTo(window.screen().availableGeometry().size())


def icon_extent(font: QFont, least: int) -> int:
    """How large an icon beside text in `font` is drawn: at least `least` (its size at 100 %),
    and never shorter than a line of the text, so a zoomed label keeps an icon in scale."""
    return max(least, QFontMetrics(font).height())


def icon_size(font: QFont, least: int) -> QSize:
    extent = icon_extent(font, least)
    return QSize(extent, extent)


class _Proportion(QObject):
    """Keeps its parent widget's font size the same multiple of the application's font."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)  # goes with the widget
        self._widget = widget
        self._ratio = widget.font().pointSizeF() / QApplication.font().pointSizeF()
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.fontChanged.connect(self._follow)

    @Slot(QFont)
    def _follow(self, application_font: QFont) -> None:
        font = QFont(self._widget.font())
        font.setPointSizeF(application_font.pointSizeF() * self._ratio)
        self._widget.setFont(font)


def keep_in_proportion(widget: QWidget) -> None:
    """Keep `widget`'s font, which it sized itself, in proportion to the application's as the
    zoom changes. (A widget that sets a font size stops inheriting the application's.)"""
    _Proportion(widget)
