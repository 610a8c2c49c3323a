"""A saved cell page (`saved_page`) written as our Markdown source (docs/authoring.md).

The words are the page's own. What plain text cannot carry is marked for the editor with the
conventions of `editor_marks`: a link whose target is unknown is `[words](?)`, and everything
else (slugs made here, guesses about layout, what the page could not say) is an
`<!-- editor: … -->` line, so `check` lists each with its line until the editor has seen to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matrixdesk.authoring.bite_structure import Block, Section, bite_sections
from matrixdesk.authoring.cell_body import slugify
from matrixdesk.authoring.editor_marks import editor_mark, unknown_link
from matrixdesk.authoring.saved_page import SavedPage, SavedStudy

_SLUG_CHARS = 40
# Characters Markdown would read as markup anywhere, and at the start of a paragraph.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")
_BLOCK_START = re.compile(r"^(?:[#>]|[-+] )")
_NUMBERED = re.compile(r"^(\d+)([.)] )")
_CELL = re.compile(r"\b(?:[Cc]ell )?(?P<code>[A-E][1-5])\b")
# Words that are links on the web page, whose targets the saved text does not keep.
_STUDY_LINKS = re.compile(r"\b(?:listed above|click(?! here)|here|above|below)\b", re.IGNORECASE)
_BITE_LINKS = re.compile(
    r"\blisted above\b|(?<=\()(?![^()]*listed above)[^()]{1,40}?\b(?:above|below)(?=\))",
    re.IGNORECASE,
)
_SEARCH_WORDS = re.compile(r"[A-Za-z]{4,}")


@dataclass(frozen=True, slots=True)
class Facts:
    """What the content folder already knows about the cell (its title-only file)."""

    headline: str | None
    online_url: str | None


def page_markdown(page: SavedPage, facts: Facts, saved_name: str) -> str:
    """The cell's source file, from front matter to acknowledgement, ending in a newline."""
    out = _front_matter(page, facts)
    out += [
        editor_mark(
            f"imported by matrixdesk import-page from '{saved_name}'. A page saved as text "
            "keeps no links, hover notes or folds: what it could not say is marked with notes "
            "like this one and with [words](?) links (the web page may link more words, such as "
            "analyses and hot topics). Check each against the web page, then delete its mark"
        ),
        "",
    ]
    if facts.headline is None:
        out += [
            editor_mark(
                "no headline is known for this cell (neither the saved page nor the cell's "
                'earlier file gives one): add headline = "…" above if the web page has one'
            ),
            "",
        ]
    for paragraph in page.intro:
        out += [_prose(paragraph, _BITE_LINKS), ""]
    if page.studies or page.more is not None:
        out += _studies(page)
    sections = bite_sections(page.bite)
    if sections:
        out += _bite(sections)
    if page.acknowledgement:
        out += ["# Acknowledgements", ""]
        for paragraph in page.acknowledgement:
            out += [_prose(paragraph, _BITE_LINKS), ""]
    if page.ends_early:
        out += [
            editor_mark(
                f"the saved page ends here, without: {', '.join(page.missing)}. The last line "
                "read may be cut short: import a complete copy, or finish by hand"
            ),
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def _front_matter(page: SavedPage, facts: Facts) -> list[str]:
    lines = ["+++", f"cell = {_toml(page.code)}", f"title = {_toml(page.title)}"]
    if facts.headline is not None:
        lines.append(f"headline = {_toml(facts.headline)}")
    if facts.online_url is not None:
        lines.append(f"online_url = {_toml(facts.online_url)}")
    return [*lines, "+++", ""]


def _toml(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _studies(page: SavedPage) -> list[str]:
    out = [
        "# Studies",
        "",
        editor_mark(
            "the saved text has no hover notes and no links to the studies' documents: add "
            "'note:' and 'document:' lines where the web page has them"
        ),
        "",
    ]
    slugs: set[str] = set()
    for number, study in enumerate(page.studies, start=1):
        out += _study(study, _unique(_short_slug(study.title) or f"study-{number}", slugs))
    if page.more is not None:
        words = [w.lower() for w in _SEARCH_WORDS.findall(page.title)]
        search = " OR ".join(dict.fromkeys(words)) or page.code
        out += [
            "## more",
            f"search: {search}",
            "",
            editor_mark(
                f"the search the 'more' entry runs is the editors' choice, not text of the "
                f"page: '{search}' is only a start, made from the cell's title. Choose words "
                "that find this cell's studies (docs/authoring.md, Studies)"
            ),
            "",
        ]
        if page.more:
            out += [_prose(page.more, None), ""]
    return out


def _study(study: SavedStudy, slug: str) -> list[str]:
    out = [f"## {_heading(study.title)}", f"type: {' '.join(study.types)}", f"slug: {slug}"]
    if study.byline is not None:
        out.append(f"byline: {study.byline}")
    out += ["", _slug_mark(slug, "headline"), ""]
    if study.byline is None:
        out += [
            editor_mark(
                "the saved line has no '(…, year).' after this headline, so all of it was "
                "taken as the headline: check it, and add 'byline:'"
            ),
            "",
        ]
    for paragraph in study.annotation.split("\n\n"):
        if paragraph:
            out += [_prose(paragraph, _STUDY_LINKS), ""]
    return out


def _bite(sections: list[Section]) -> list[str]:
    out = [
        "# Matrix Bite",
        "",
        editor_mark(
            "the saved text cannot show which text the web page folds ('Unfold extra text', "
            "'Unfold supplementary text'): put it in '::: extra' or '::: supplementary' "
            "containers where the web page folds it"
        ),
        "",
    ]
    slugs: set[str] = set()
    for section in sections:
        slug = _unique(_short_slug(section.title) or "section", slugs)
        out += [f"{'#' * section.level} {_heading(section.title)} {{#{slug}}}", ""]
        out += [_slug_mark(slug, "heading"), ""]
        for note in section.notes:
            out += [editor_mark(note), ""]
        for block in section.blocks:
            out += _block(block)
    return out


def _block(block: Block) -> list[str]:
    out = [editor_mark(block.note), ""] if block.note else []
    if block.kind == "quote":
        return [*out, "> " + _prose(block.text, _BITE_LINKS, block_start=False), ""]
    if block.kind == "pullquote":
        return [*out, "::: pullquote", _prose(block.text, None), ":::", ""]
    if block.kind == "panel":
        inside = [line for b in block.inside for line in _block(b)]
        return [*out, f"::: panel {block.title}", *inside[:-1], ":::", ""]
    return [*out, _prose(block.text, _BITE_LINKS), ""]


def _slug_mark(slug: str, of: str) -> str:
    return editor_mark(
        f"slug '{slug}' was made from the {of} by import-page: keep it, or choose a shorter one "
        "now; once published, bookmarks, notes and links depend on it"
    )


def _short_slug(title: str) -> str:
    """The title's slug, cut at a hyphen to at most `_SLUG_CHARS` characters."""
    slug = slugify(title)
    while len(slug) > _SLUG_CHARS and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug


def _unique(slug: str, taken: set[str]) -> str:
    number, unique = 1, slug
    while unique in taken:
        number += 1
        unique = f"{slug}-{number}"
    taken.add(unique)
    return unique


def _heading(text: str) -> str:
    """A headline as written after '## ': its words, with nothing read as a slug or markup."""
    return _INLINE_MARKUP.sub(r"\\\1", text).replace("{#", "{\\#")


def _prose(text: str, links: re.Pattern[str] | None, block_start: bool = True) -> str:
    """Page text as Markdown: markup characters escaped, cells linked (the text names them) and
    the words the web page links marked `[words](?)`."""
    pieces: list[str] = []
    last = 0
    found = sorted(
        [(m.start(), m.end(), f"cell:{m.group('code')}") for m in _CELL.finditer(text)]
        + ([(m.start(), m.end(), "") for m in links.finditer(text)] if links else [])
    )
    for start, end, target in found:
        if start < last:
            continue
        pieces.append(_escaped(text[last:start]))
        words = _escaped(text[start:end])
        pieces.append(f"[{words}]({target})" if target else unknown_link(words))
        last = end
    pieces.append(_escaped(text[last:]))
    prose = "".join(pieces)
    if block_start and _BLOCK_START.match(prose):
        prose = "\\" + prose
    return _NUMBERED.sub(r"\1\\\2", prose) if block_start else prose


def _escaped(text: str) -> str:
    return _INLINE_MARKUP.sub(r"\\\1", text)
