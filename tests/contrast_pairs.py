"""Every colour pair the app draws, under the palettes readers' systems give it, with its WCAG
contrast (test support; `python -m tests.contrast_pairs` prints the table in
docs/accessibility.md)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from matrixdesk.ui.contrast import MARK_CONTRAST, TEXT_CONTRAST, contrast
from matrixdesk.ui.readable_palette import readable_palette
from matrixdesk.ui.theme import Colours

Role = QPalette.ColorRole


def _palette(**roles: str) -> QPalette:
    palette = QPalette()
    for role, colour in roles.items():
        palette.setColor(getattr(Role, role), QColor(colour))
    return palette


# The palettes of the systems our readers use (their published default colours), light and
# dark. Qt's Fusion palettes are Qt's own defaults on Linux without a desktop theme.
PALETTES: dict[str, QPalette] = {
    "Fusion light (Qt's default)": _palette(
        Window="#efefef",
        WindowText="#000000",
        Base="#ffffff",
        Text="#000000",
        Highlight="#308cc6",
        HighlightedText="#ffffff",
        Link="#0000ff",
        Button="#efefef",
        ButtonText="#000000",
    ),
    "Windows 11 light": _palette(
        Window="#f3f3f3",
        WindowText="#000000",
        Base="#ffffff",
        Text="#000000",
        Highlight="#0078d4",
        HighlightedText="#ffffff",
        Link="#0067c0",
        Button="#fbfbfb",
        ButtonText="#000000",
    ),
    "Breeze light (KDE)": _palette(
        Window="#eff0f1",
        WindowText="#232629",
        Base="#fcfcfc",
        Text="#232629",
        Highlight="#3daee9",
        HighlightedText="#fcfcfc",
        Link="#2980b9",
        Button="#eff0f1",
        ButtonText="#232629",
    ),
    "Fusion dark (Qt's default)": _palette(
        Window="#353535",
        WindowText="#ffffff",
        Base="#2a2a2a",
        Text="#ffffff",
        Highlight="#2a82da",
        HighlightedText="#ffffff",
        Link="#2a82da",
        Button="#353535",
        ButtonText="#ffffff",
    ),
    "Windows 11 dark": _palette(
        Window="#202020",
        WindowText="#ffffff",
        Base="#2b2b2b",
        Text="#ffffff",
        Highlight="#0078d4",
        HighlightedText="#ffffff",
        Link="#99ebff",
        Button="#2d2d2d",
        ButtonText="#ffffff",
    ),
    "Breeze dark (KDE)": _palette(
        Window="#202326",
        WindowText="#fcfcfc",
        Base="#141618",
        Text="#fcfcfc",
        Highlight="#3daee9",
        HighlightedText="#fcfcfc",
        Link="#1d99f3",
        Button="#292c30",
        ButtonText="#fcfcfc",
    ),
}


@dataclass(frozen=True)
class Pair:
    what: str
    foreground: str
    background: str
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast(QColor(self.foreground), QColor(self.background))


def pairs(palette: QPalette) -> list[Pair]:
    """What is drawn on what: the app's own colours (`Colours`), and the palette roles it
    corrects on the widgets that show them (`readable_palette`)."""
    c = Colours.from_palette(palette)
    window = palette.color(Role.Window).name()
    window_text = palette.color(Role.WindowText).name()
    readable = readable_palette(palette, palette)
    text, mark = TEXT_CONTRAST, MARK_CONTRAST
    return [
        Pair("page text", c.text, c.base, text),
        Pair("page text on a highlighted study or heading", c.text, c.highlight, text),
        Pair("page text on words found", c.text, c.find_mark, text),
        Pair("page text in a panel", c.text, c.panel, text),
        Pair("secondary text (type labels, places)", c.muted, c.base, text),
        Pair("secondary text on a highlight", c.muted, c.highlight, text),
        Pair("secondary text in a panel", c.muted, c.panel, text),
        Pair("links", c.link, c.base, text),
        Pair("links on a highlight", c.link, c.highlight, text),
        Pair("links in a panel", c.link, c.panel, text),
        Pair("breadcrumb links", c.link, window, text),
        Pair("pull quotes", c.accent, c.base, text),
        Pair("in-pack cell code on its tint", c.on_tint, c.tint, text),
        Pair("title-only cell headline", c.faint, c.base, text),
        Pair("selected text, current match, chosen result", c.selection_text, c.selection, text),
        Pair(
            "placeholder text in fields",
            readable.color(Role.PlaceholderText).name(),
            c.base,
            text,
        ),
        Pair("window text (the system's)", window_text, window, text),
        Pair("focus ring on the page", c.focus, c.base, mark),
        Pair("focus ring on the window", c.focus, window, mark),
        Pair("focus ring on an in-pack cell", c.focus, c.tint, mark),
        Pair("in-pack square in the legend", c.accent, window, mark),
    ]


def table() -> str:
    lines = []
    for name, palette in PALETTES.items():
        lines += [f"\n**{name}**\n", "| pair | ratio | needs |", "|---|---:|---:|"]
        lines += [f"| {p.what} | {p.ratio:.2f}:1 | {p.minimum:g}:1 |" for p in pairs(palette)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
