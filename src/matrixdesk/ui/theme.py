"""Look and feel: the bundled fonts, and reading-pane CSS drawn from the current palette.

The palette follows the system's light or dark scheme; the CSS is rebuilt when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

from matrixdesk.core.schema import ABSENT_CLASS
from matrixdesk.ui.contrast import MARK_CONTRAST, blend, legible

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
    """Every colour the app draws with beyond the palette's own, worked out from the palette
    and checked for contrast (`contrast`): text 4.5:1 on what it is drawn on, focus and other
    marks 3:1. Hex strings, for stylesheets and rich text alike."""

    text: str
    base: str
    muted: str
    """Secondary text (type labels, places, the acknowledgement), on the page or a highlight."""
    link: str
    """Links, on the page, a highlight or a panel; always underlined too (not colour alone)."""
    highlight: str
    """Background of the study or heading a link led to."""
    find_mark: str
    """Background of words found or searched for: a hue of its own, unlike `highlight`."""
    panel: str
    rule: str
    accent: str
    """The pull quote's text and the teal of in-pack cells, readable on the page."""
    tint: str
    """The fill of a cell whose page the pack holds."""
    on_tint: str
    """An in-pack cell's code, on its tint."""
    faint: str
    """A title-only cell's headline: quieter than text, still readable."""
    focus: str
    """Outline of whatever has keyboard focus: 3:1 against the page, the window and a tint."""
    selection: str
    selection_text: str
    """Selected text (the find bar's current match too) and a chosen search result: the
    palette's own colours, its background darkened or lightened if the text reads badly."""

    @classmethod
    def from_palette(cls, palette: QPalette) -> Colours:
        # Asked for by every grid card drawn and every page styled: worked out once a palette.
        key = palette.cacheKey()
        colours = _worked_out.get(key)
        if colours is None:
            if len(_worked_out) > 32:
                _worked_out.clear()
            colours = _worked_out[key] = cls._work_out(palette)
        return colours

    @classmethod
    def _work_out(cls, palette: QPalette) -> Colours:
        dark = is_dark(palette)
        role = QPalette.ColorRole
        text, base = palette.color(role.Text), palette.color(role.Base)
        window = palette.color(role.Window)
        highlight = QColor("#5c4a12" if dark else "#fff1b8")
        find_mark = QColor("#7d2c5c" if dark else "#ffc8e4")
        panel = blend(base, QColor(ACCENT), 0.1)
        accent = legible(QColor(ACCENT_ON_DARK if dark else ACCENT), base)
        tint = blend(base, QColor(ACCENT), 0.16)
        selection_text = palette.color(role.HighlightedText)
        selection = legible(palette.color(role.Highlight), selection_text)
        return cls(
            text=legible(text, base, highlight, find_mark, panel).name(),
            base=base.name(),
            muted=legible(blend(text, base, 0.38), base, highlight, panel).name(),
            link=legible(
                QColor("#7fb8ff") if dark else palette.color(role.Link),
                base,
                highlight,
                panel,
                window,  # the breadcrumb's links
            ).name(),
            highlight=highlight.name(),
            find_mark=find_mark.name(),
            panel=panel.name(),
            rule=blend(text, base, 0.75).name(),
            accent=accent.name(),
            tint=tint.name(),
            on_tint=(text if dark else legible(QColor(ACCENT), tint, base)).name(),
            faint=legible(blend(text, base, 0.35), base).name(),
            focus=legible(
                palette.color(role.Highlight), base, window, tint, minimum=MARK_CONTRAST
            ).name(),
            selection=selection.name(),
            selection_text=selection_text.name(),
        )


_worked_out: dict[int, Colours] = {}

UI_POINT_SIZE = 10.0
"""The app's own text (menus, toolbar, labels, lists) at 100 %; the reader's zoom scales it."""
READING_POINT_SIZE = 11.0
ENTRY_HANG = 44  # pixels the study list's icons hang into the margin, at 100 %
TYPE_ICON_SIZE = 17  # pixels, at 100 %: about the height of a capital letter and its descender


def icon_size(scale: float) -> int:
    return round(TYPE_ICON_SIZE * scale)


def ui_font(scale: float = 1.0) -> QFont:
    """The application's font at the reader's zoom (`scale`, 1.0 = 100 %)."""
    font = QFont(UI_FAMILY)
    font.setPointSizeF(UI_POINT_SIZE * scale)
    return font


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
    a {{ color: {c.link}; text-decoration: underline; }}
    a.{ABSENT_CLASS} {{ color: {c.muted}; text-decoration: underline; }}
    a.ui {{ color: {c.muted}; }}
    .matrix-name {{ {ui} font-size: {pt(9.5)}; color: {c.muted}; margin-bottom: 0; }}
    .headline {{ font-size: {pt(14)}; font-style: italic; margin-bottom: 14px; }}
    .intro {{ font-size: {pt(11.5)}; }}
    .muted, .placement {{ color: {c.muted}; }}
    .notice {{ {ui} font-weight: bold; }}
    p.entry, p.entry-highlight {{ margin-left: {hang}px; margin-bottom: 12px; }}
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
