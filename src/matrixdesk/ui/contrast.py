"""WCAG 2.1 contrast: the ratio between two colours, and a colour nudged until it reads.

The app draws on whatever palette the system gives it, light or dark, so its own colours are
not fixed values but worked out from the palette and then checked: text at least 4.5:1 against
what it is drawn on, focus outlines and other marks at least 3:1 (WCAG 1.4.3, 1.4.11).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0


def luminance(colour: QColor) -> float:
    """Relative luminance, as WCAG defines it (sRGB, 0 for black to 1 for white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.red())
        + 0.7152 * linear(colour.green())
        + 0.0722 * linear(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(colour: QColor, *backgrounds: QColor, minimum: float = TEXT_CONTRAST) -> QColor:
    """`colour`, or the nearest shade of it (towards black or white, whichever the backgrounds
    leave more room for) that has `minimum` contrast against every one of `backgrounds`."""
    if all(contrast(colour, background) >= minimum for background in backgrounds):
        return colour
    darkest = min(luminance(background) for background in backgrounds)
    lightest = max(luminance(background) for background in backgrounds)
    # Dark text if the backgrounds are light enough to give black the better contrast.
    target = (
        QColor("#000000")
        if (lightest + 0.05) / 0.05 >= 1.05 / (darkest + 0.05)
        else (QColor("#ffffff"))
    )
    for step in range(1, 21):
        shade = blend(colour, target, step / 20)
        if all(contrast(shade, background) >= minimum for background in backgrounds):
            return shade
    return target


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved towards `b` by `amount` (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )
