"""Look and feel: the bundled fonts, and reading-pane CSS drawn from the current palette.

The palette follows the system's light or dark scheme; the CSS is rebuilt when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

from matrixdesk.core.schema import ABSENT_CLASS

UI_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
READING_FONT_FILES = (
    "NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSerif-BoldItalic.ttf",
)
UI_FAMILY = "Noto Sans"
READING_FAMILY = "Noto Serif"

# Accent colours of the study type icons, reused for the pull quote rule and highlights.
ACCENT = "#17756f"
ACCENT_ON_DARK = "#63c7bd"


_loaded_fonts: set[Path] = set()


def load_fonts(fonts_dir: Path, names: tuple[str, ...]) -> None:
    """Register bundled font files once each; later calls for the same files cost nothing."""
    for name in names:
        path = fonts_dir / name
        if path not in _loaded_fonts:
            QFontDatabase.addApplicationFont(str(path))
            _loaded_fonts.add(path)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True, slots=True)
class Colours:
    text: str
    muted: str
    link: str
    highlight: str
    panel: str
    rule: str
    accent: str

    @classmethod
    def from_palette(cls, palette: QPalette) -> Colours:
        dark = is_dark(palette)
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        return cls(
            text=text.name(),
            muted=blend(text, base, 0.38).name(),
            link=palette.color(QPalette.ColorRole.Link).name() if not dark else "#7fb8ff",
            highlight="#5c4a12" if dark else "#fff1b8",
            panel=blend(base, QColor(ACCENT), 0.1).name(),
            rule=blend(text, base, 0.75).name(),
            # The icons' teal is too dark to read on a dark page: lighten it there (>= 4.5:1).
            accent=ACCENT_ON_DARK if dark else ACCENT,
        )


READING_POINT_SIZE = 11.0
ENTRY_HANG = 44  # pixels the study list's icons hang into the margin, at 100 %
TYPE_ICON_SIZE = 17  # pixels, at 100 %: about the height of a capital letter and its descender


def icon_size(scale: float) -> int:
    return round(TYPE_ICON_SIZE * scale)


def reading_font(scale: float = 1.0) -> QFont:
    """The page's default font; the stylesheet sizes headings relative to the same scale."""
    font = QFont(READING_FAMILY)
    font.setPointSizeF(READING_POINT_SIZE * scale)
    return font


def reading_css(palette: QPalette, scale: float = 1.0) -> str:
    """Stylesheet for the reading pane; `scale` is the reader's zoom (1.0 = 100 %)."""
    c = Colours.from_palette(palette)

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    ui = f"font-family: '{UI_FAMILY}', sans-serif;"
    hang = round(ENTRY_HANG * scale)
    return f"""
    body {{ color: {c.text}; }}
    p {{ margin-top: 0; margin-bottom: 9px; line-height: 135%; }}
    li {{ margin-bottom: 8px; }}
    h1 {{ {ui} font-size: {pt(19)}; font-weight: bold; margin-top: 2px; margin-bottom: 4px; }}
    h2 {{ {ui} font-size: {pt(12.5)}; font-weight: bold; margin-top: 22px; margin-bottom: 8px;
          color: {c.muted}; }}
    h3 {{ {ui} font-size: {pt(14)}; font-weight: bold; margin-top: 20px; margin-bottom: 6px; }}
    h4 {{ {ui} font-size: {pt(12)}; font-weight: bold; margin-top: 16px; margin-bottom: 6px; }}
    a {{ color: {c.link}; text-decoration: none; }}
    a.{ABSENT_CLASS} {{ color: {c.muted}; text-decoration: underline; }}
    a.ui {{ color: {c.muted}; }}
    .matrix-name {{ {ui} font-size: {pt(9.5)}; color: {c.muted}; margin-bottom: 0; }}
    .headline {{ font-size: {pt(14)}; font-style: italic; margin-bottom: 14px; }}
    .intro {{ font-size: {pt(11.5)}; }}
    .muted, .placement {{ color: {c.muted}; }}
    .notice {{ {ui} font-weight: bold; }}
    p.entry, p.entry-highlight {{ margin-left: {hang}px; text-indent: -{hang}px;
                                  margin-bottom: 12px; }}
    p.entry-highlight {{ background-color: {c.highlight}; }}
    p.annotation, div.annotation {{ margin-left: {hang}px; margin-bottom: 12px; }}
    .entry-headline {{ font-weight: bold; }}
    .type-label {{ {ui} font-size: {pt(7.5)}; color: {c.muted}; }}
    .document {{ {ui} font-size: {pt(9)}; margin-left: {hang}px; }}
    .bite-toggle, .fold {{ {ui} font-size: {pt(10)}; }}
    .highlight {{ background-color: {c.highlight}; }}
    div.pullquote {{ font-size: {pt(14)}; font-style: italic; color: {c.accent};
                     margin: 10px 36px 16px 36px; }}
    table.panel, table.extra, table.supplementary {{ background-color: {c.panel};
                       margin-top: 6px; margin-bottom: 14px; }}
    .panel-title {{ {ui} font-weight: bold; }}
    blockquote {{ margin-left: 24px; margin-right: 24px; font-style: italic; }}
    .ack {{ color: {c.muted}; font-size: {pt(9.5)}; }}
    """


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved towards `b` by `amount` (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )
