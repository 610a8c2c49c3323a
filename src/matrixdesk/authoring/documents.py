"""Reading documents: `documents/<slug>.md`, each an analysis or other document the pack carries.

+++
title = "…"            required
authors = "…"          optional, as are source, year and original_url
+++

# Summary
# Key points
# Commentary
"""

from __future__ import annotations

from matrixdesk.authoring.cell_body import SLUG, split_parts
from matrixdesk.authoring.frontmatter import SourceText, take_fields
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.sources import DocumentSource
from matrixdesk.core.checked import is_web_address
from matrixdesk.core.schema import DOCUMENT_PARTS

DOCUMENTS_FOLDER = "documents"


def parse_document(source: SourceText, problems: ProblemLog) -> DocumentSource | None:
    slug = source.path.stem
    if not SLUG.match(slug):
        problems.add(
            source.path,
            1,
            f"document file name '{source.path.name}' must be its slug: lower-case letters, "
            "digits and single hyphens, then .md",
        )
        return None
    fields = take_fields(
        source,
        problems,
        required={"title": str},
        optional={"authors": str, "source": str, "year": str, "original_url": str},
    )
    if fields is None:
        return None
    url = fields.get("original_url")
    if url and not is_web_address(url):
        problems.add(source.path, 1, f"original_url '{url}' must start with http:// or https://")
    preamble, parts = split_parts(source, DOCUMENT_PARTS, "a document", problems)
    if preamble is not None:
        problems.add(
            source.path,
            preamble.first_line,
            "text before the first part: put it under '# Summary', '# Key points' or "
            "'# Commentary'",
        )
    return DocumentSource(
        path=source.path,
        slug=slug,
        title=fields["title"],
        authors=fields.get("authors"),
        source=fields.get("source"),
        year=fields.get("year"),
        original_url=url,
        summary=parts.get("summary"),
        key_points=parts.get("key points"),
        commentary=parts.get("commentary"),
    )
