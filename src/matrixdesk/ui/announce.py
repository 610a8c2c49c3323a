"""Saying things to a screen reader that the eye sees elsewhere (a count, "Copied"): Qt 6.8's
accessibility announcements, which reach AT-SPI as `object:announcement` and Windows' UI
Automation as a notification. Without an assistive technology running they cost nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def announce(source: QWidget, message: str, assertive: bool = False) -> None:
    """Announce `message` from `source` (a widget on screen, which screen readers attribute it
    to). Polite by default: after what is being read; assertive interrupts it."""
    # Loaded at the first announcement, not at start: Qt's accessibility types cost start-up.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
