"""Splitting a cell file's body into its parts.

The parts are the intro, `# Studies`, `# Matrix Bite` and `# Acknowledgements`.

This is line-based on purpose: it keeps every part's line numbers for messages, and leaves the
Markdown inside each part to Python-Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matrixdesk.authoring.frontmatter import SourceText
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.sources import EntrySource, Fragment, SectionSource
from matrixdesk.core.addresses import SLUG_PATTERN
from matrixdesk.core.checked import is_web_address
from matrixdesk.core.schema import MORE_CODE, TYPED_STUDY_CODES

PARTS = ("Studies", "Matrix Bite", "Acknowledgements")
PART_HEADING = re.compile(r"^(?P<hashes>#)[ \t]+(?P<title>.+?)[ \t]*$")
_ENTRY_HEADING = re.compile(r"^(?P<hashes>##)[ \t]+(?P<title>.+?)[ \t]*$")
_SUB_HEADING = re.compile(r"^(?P<hashes>#{2,3})[ \t]+(?P<title>.+?)[ \t]*$")
_EXPLICIT_SLUG = re.compile(r"^(?P<title>.*?)[ \t]*\{#(?P<slug>[^}]*)\}$")
_FIELD = re.compile(r"^(?P<key>[a-z_]+):[ \t]*(?P<value>.*?)[ \t]*$")
SLUG = re.compile(rf"^{SLUG_PATTERN}$")
DOCUMENT_SCHEME = "doc:"

_STUDY_FIELDS = ("type", "slug", "byline", "document", "note")
_MORE_FIELDS = ("search",)


@dataclass(frozen=True, slots=True)
class CellBody:
    intro: Fragment | None
    entries: tuple[EntrySource, ...]
    sections: tuple[SectionSource, ...]
    acknowledgement: Fragment | None


def parse_cell_body(source: SourceText, problems: ProblemLog) -> CellBody:
    intro, parts = split_parts(source, PARTS, "a cell", problems)
    studies = parts.get("studies")
    bite = parts.get("matrix bite")
    return CellBody(
        intro=intro,
        entries=_parse_entries(studies, problems) if studies else (),
        sections=_parse_sections(bite, problems) if bite else (),
        acknowledgement=parts.get("acknowledgements"),
    )


def split_parts(
    source: SourceText, names: tuple[str, ...], owner: str, problems: ProblemLog
) -> tuple[Fragment | None, dict[str, Fragment]]:
    """The text before the first `# ` heading, and each known `# Part` (named as in `names`) by
    its lower-case name. Blank parts count as absent; unknown or repeated parts are problems."""
    parts: dict[str, Fragment] = {}
    known_names = {name.lower() for name in names}
    whole = Fragment(source.path, tuple(source.body), source.body_first_line)
    chunks = split_at_headings(whole, PART_HEADING)
    preamble = chunks.pop(0).body
    for chunk in chunks:
        name = chunk.title.lower()
        if name not in known_names:
            known = ", ".join(f"'# {n}'" for n in names)
            problems.add(
                source.path, chunk.line, f"unknown part '# {chunk.title}' ({owner} has {known})"
            )
        elif name in parts:
            problems.add(source.path, chunk.line, f"the part '# {chunk.title}' appears twice")
        elif not chunk.body.is_blank:
            parts[name] = chunk.body
    return (None if preamble.is_blank else preamble), parts


def slugify(title: str) -> str:
    """A heading's default slug: lower case, apostrophes dropped, other punctuation to hyphens."""
    title = re.sub("[\u2018\u2019']", "", title.lower())  # curly and straight apostrophes
    return re.sub(r"[^a-z0-9]+", "-", title).strip("-")


@dataclass(frozen=True, slots=True)
class Chunk:
    line: int  # the heading's line (the fragment's first line for the text before any heading)
    title: str
    level: int
    body: Fragment


def split_at_headings(fragment: Fragment, heading: re.Pattern[str]) -> list[Chunk]:
    """Cut lines at each heading; item 0 is the text before the first heading (title "")."""
    starts = [(fragment.first_line, "", 0)]
    bodies: list[list[str]] = [[]]
    for offset, line in enumerate(fragment.lines):
        if match := heading.match(line):
            starts.append(
                (fragment.first_line + offset, match.group("title"), len(match.group("hashes")))
            )
            bodies.append([])
        else:
            bodies[-1].append(line)
    return [
        Chunk(line, title, level, Fragment(fragment.path, tuple(body), line + (1 if level else 0)))
        for (line, title, level), body in zip(starts, bodies, strict=True)
    ]


def _parse_entries(part: Fragment, problems: ProblemLog) -> tuple[EntrySource, ...]:
    chunks = split_at_headings(part, _ENTRY_HEADING)
    before = chunks.pop(0).body
    if not before.is_blank:
        problems.add(
            part.path,
            before.first_line,
            "text before the first study: start each study with a '## ' headline",
        )
    entries = []
    for chunk in chunks:
        line, fragment, headline = chunk.line, chunk.body, chunk.title
        is_more = headline.lower() == MORE_CODE
        fields, annotation = _take_fields(
            fragment, _MORE_FIELDS if is_more else _STUDY_FIELDS, problems
        )
        entries.append(
            _more_entry(line, fields, annotation, problems)
            if is_more
            else _study_entry(line, headline, fields, annotation, problems)
        )
    return tuple(entries)


def _take_fields(
    fragment: Fragment, allowed: tuple[str, ...], problems: ProblemLog
) -> tuple[dict[str, tuple[str, int]], Fragment]:
    """Leading `key: value` lines (up to the first blank line), then the annotation. Blank lines
    between the headline and its fields are allowed, as long as a field comes next."""
    fields: dict[str, tuple[str, int]] = {}
    lines = fragment.lines
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    first = _FIELD.match(lines[start]) if start < len(lines) else None
    if start and not (first and first.group("key") in allowed):
        start = 0  # blank lines, then no field: the annotation starts after the headline
    count = start
    for offset, line in enumerate(lines[start:], start=start):
        if not line.strip():
            break
        match = _FIELD.match(line)
        number = fragment.first_line + offset
        if match is None:
            problems.add(
                fragment.path,
                number,
                "expected a 'field: value' line here; leave a blank line before the annotation",
            )
        elif match.group("key") not in allowed:
            problems.add(
                fragment.path,
                number,
                f"unknown field '{match.group('key')}' (use: {', '.join(allowed)})",
            )
        else:
            fields[match.group("key")] = (match.group("value"), number)
        count = offset + 1
    rest = fragment.lines[count:]
    return fields, Fragment(fragment.path, rest, fragment.first_line + count)


def _study_entry(
    line: int,
    headline: str,
    fields: dict[str, tuple[str, int]],
    annotation: Fragment,
    problems: ProblemLog,
) -> EntrySource:
    path = annotation.path
    types: list[str] = []
    type_value, type_line = fields.get("type", ("", line))
    if not type_value:
        problems.add(
            path,
            type_line,
            f"study '{headline}' has no 'type:' line (use {', '.join(TYPED_STUDY_CODES)})",
        )
    for code in re.split(r"[\s,+/]+", type_value.strip()):
        if not code:
            continue
        if code not in TYPED_STUDY_CODES:
            problems.add(
                path,
                type_line,
                f"unknown type code '{code}' (use {', '.join(TYPED_STUDY_CODES)}; "
                "a study may have two)",
            )
        elif code in types:
            problems.add(path, type_line, f"type code '{code}' is given twice")
        else:
            types.append(code)
    slug, slug_line = fields.get("slug", ("", line))
    if not slug:
        problems.add(
            path,
            line,
            f"study '{headline}' has no 'slug:' line (a short id such as 'taxman-review')",
        )
    elif not SLUG.match(slug):
        problems.add(
            path, slug_line, f"slug '{slug}' must be lower-case letters, digits and single hyphens"
        )
    document, document_line = fields.get("document", (None, line))
    document_url = document_slug = None
    named = document.removeprefix(DOCUMENT_SCHEME) if document else ""
    if document and is_web_address(document):
        document_url = document
    elif document and named != document and SLUG.match(named):
        document_slug = named
    elif document:
        problems.add(
            path,
            document_line,
            f"document '{document}' must be doc:<slug> (a document in this pack) "
            "or a web address starting with http:// or https://",
        )
    return EntrySource(
        line=line,
        slug=slug,
        types=tuple(types),
        headline=headline,
        byline=fields.get("byline", (None, 0))[0] or None,
        document_url=document_url,
        document_slug=document_slug,
        document_line=document_line,
        note=fields.get("note", (None, 0))[0] or None,
        search_query=None,
        annotation=annotation,
    )


def _more_entry(
    line: int, fields: dict[str, tuple[str, int]], annotation: Fragment, problems: ProblemLog
) -> EntrySource:
    query = fields.get("search", ("", line))[0]
    if not query:
        problems.add(
            annotation.path, line, "the 'more' entry needs a 'search:' line with the search it runs"
        )
    return EntrySource(
        line=line,
        slug=MORE_CODE,
        types=(MORE_CODE,),
        headline=MORE_CODE,
        byline=None,
        document_url=None,
        document_slug=None,
        document_line=line,
        note=None,
        search_query=query or None,
        annotation=annotation,
    )


def _parse_sections(part: Fragment, problems: ProblemLog) -> tuple[SectionSource, ...]:
    chunks = split_at_headings(part, _SUB_HEADING)
    before = chunks.pop(0).body
    if not before.is_blank:
        problems.add(
            part.path,
            before.first_line,
            "text before the first Matrix Bite heading: start with a '## ' heading",
        )
    sections = []
    parent: str | None = None
    for chunk in chunks:
        line, body, raw_title, level = chunk.line, chunk.body, chunk.title, chunk.level
        title, slug = raw_title, slugify(raw_title)
        if explicit := _EXPLICIT_SLUG.match(raw_title):
            title, slug = explicit.group("title"), explicit.group("slug")
            if not SLUG.match(slug):
                problems.add(
                    part.path,
                    line,
                    f"slug '{slug}' must be lower-case letters, digits and single hyphens",
                )
        if level == 2:
            parent = slug
        elif parent is None:
            problems.add(
                part.path, line, f"sub-section '{title}' (###) comes before any section (##)"
            )
        sections.append(
            SectionSource(line, slug, title, level, parent if level == 3 else None, body)
        )
    return tuple(sections)
