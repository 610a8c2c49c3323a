"""Saying things to a screen reader that the eye sees elsewhere (a count, "Copied"): Qt 6.8's
accessibility announcements, which reach AT-SPI as `object:announcement` and Windows' UI
Automation as a notification. Without an assistive technology running they cost nothing."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(source: QWidget, message: str, assertive: bool = False) -> None:
    """Announce `message` from `source` (a widget on screen, which screen readers attribute it
    to). Polite by default: after what is being read; assertive interrupts it."""
    if not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
