"""What a reader would find cut off in a window: words too long for their button, label or list,
controls laid outside the widget that holds them, commands hidden behind a toolbar's or menu
bar's "»"; and the window at the sizes and zoom that cut things off before (test support, no
tests). Shared by the in-process tests and the probe run under QT_SCALE_FACTOR=2
(`tests/reflow_probe.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from matrixdesk.ui.zoom import zoom_scale

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from matrixdesk.ui.main_window import MainWindow

# The buttons Qt shows when a toolbar or the menu bar has more than fits: what is behind them
# is hidden.
OVERFLOW_BUTTONS = ("qt_toolbar_ext_button", "qt_menubar_ext_button")


def cut_off(window: QWidget, ignore: Sequence[QWidget] = ()) -> list[str]:
    """Each thing in `window` a reader cannot see whole, said in words; empty if none. What is
    in `ignore` (and inside it) is left to tests of its own."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if any(widget is other or other.isAncestorOf(widget) for other in ignore):
            continue
        name = _name(widget)
        if widget.objectName() in OVERFLOW_BUTTONS:
            problems.append(f"{name}: commands are hidden behind it")
            continue
        needed = _needed(widget)
        if needed is not None and (
            needed.width() > widget.width() or needed.height() > widget.height()
        ):
            problems.append(
                f"{name}: needs {needed.width()}x{needed.height()}, "
                f"has {widget.width()}x{widget.height()}"
            )
        if not _inside_parent(widget):
            problems.append(f"{name}: at {_rect(widget.geometry())}, outside what holds it")
    return problems


def _needed(widget: QWidget) -> QRect | None:
    """The room `widget`'s words need (width and height), or None if it has none to check."""
    if isinstance(widget, QLabel):
        if not widget.text():
            return None
        if widget.wordWrap():
            # As wide as it is given; as tall as its lines at that width.
            return QRect(0, 0, widget.width(), widget.heightForWidth(widget.width()))
        hint = widget.minimumSizeHint()  # a label that does not wrap needs all of its text
        return QRect(0, 0, hint.width(), hint.height())
    if isinstance(widget, QToolButton | QPushButton | QComboBox):
        if isinstance(widget, QAbstractButton) and not widget.text():
            return None
        # The style elides a button's or a box's words when it is narrower than this.
        hint = widget.sizeHint()
        return QRect(0, 0, hint.width(), min(hint.height(), widget.height()))
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        # The placeholder says what the field is for: it must fit beside the field's frame,
        # margins and buttons (Qt's width hint is 17 "x" and those).
        metrics = widget.fontMetrics()
        around = widget.sizeHint().width() - metrics.horizontalAdvance("x") * 17
        return QRect(0, 0, metrics.horizontalAdvance(widget.placeholderText()) + around, 0)
    return None


def _inside_parent(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or _scrolls(parent):
        return True  # what a scroll area holds may be larger than its view: the reader scrolls
    return parent.rect().contains(widget.geometry())


def _scrolls(viewport: QWidget) -> bool:
    area = viewport.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is viewport


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    if isinstance(widget, QComboBox):
        text = widget.currentText()
    label = widget.accessibleName() or widget.objectName() or text[:40]
    return f"{type(widget).__name__} {label!r}"


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"


def grids(window: MainWindow) -> list[QWidget]:
    """The home grid and the navigator beside a page, left to their own tests (they are being
    built anew); the reflow tests check the rest of the window."""
    return [window.home.table, *([window.navigator_panel] if window.showing_page() else [])]


# --- a window at a size, searched by keyboard ------------------------------------------------

ZOOM_200 = next(steps for steps in range(20) if zoom_scale(steps) >= 2.0)
# (window size, zoom steps)
SIZES = {
    "683x768": (QSize(683, 768), 0),
    "1024x600": (QSize(1024, 600), 0),
    "zoom-200": (QSize(1100, 760), ZOOM_200),  # the window's first size
    "zoom-200-1024x768": (QSize(1024, 768), ZOOM_200),
}


def at_size(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Zoom `window` as SIZES[name] says, then give it that size, as a reader would."""
    size, steps = SIZES[name]
    window.zoom_by(steps - window.zoom_steps)
    QApplication.processEvents()  # the layouts' new minimum sizes, before the resize
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    QApplication.processEvents()  # layouts asked for by the resize


def search_by_keyboard(qtbot: QtBot, window: MainWindow, words: str) -> None:
    """Ctrl+K, then type: the field that takes the keys is in view, and results come."""
    box = window.window_actions.search_box
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is box
    assert in_view(box), f"the search field is out of sight at {box.geometry()}"
    with qtbot.waitSignal(window.results_shown, check_params_cb=lambda q: q == words):
        qtbot.keyClicks(box, words)
    assert box.text() == words


def in_view(widget: QWidget) -> bool:
    """Shown, whole, and inside its window's visible area: not behind a toolbar's "»"."""
    window = widget.window()
    where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return (
        widget.isVisible()
        and window.rect().contains(where)
        and widget.visibleRegion().boundingRect() == widget.rect()
    )
