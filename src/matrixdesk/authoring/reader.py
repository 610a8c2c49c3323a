"""Reading a content folder: pack.toml, a folder per matrix (matrix.md plus a file per cell), and
optionally documents/ (see `documents`)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from matrixdesk.authoring.cell_body import parse_cell_body
from matrixdesk.authoring.documents import DOCUMENTS_FOLDER, parse_document
from matrixdesk.authoring.frontmatter import SourceText, key_line, split_front_matter, take_fields
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.sources import (
    AxisSource,
    CellSource,
    ContentSources,
    MatrixSource,
    PackSource,
)
from matrixdesk.core.addresses import RESERVED_MATRIX_KEYS
from matrixdesk.core.schema import COLUMN_KEYS, ROW_KEYS

PACK_FILE = "pack.toml"
MATRIX_FILE = "matrix.md"
_MATRIX_KEY = re.compile(r"^[a-z][a-z0-9-]*$")


def read_sources(source_dir: Path, problems: ProblemLog) -> ContentSources:
    content = ContentSources()
    if not source_dir.is_dir():
        problems.add(
            source_dir,
            1,
            "the content folder does not exist (give the folder that holds pack.toml)",
        )
        return content
    content.pack = _read_pack(source_dir / PACK_FILE, problems)
    if content.pack:
        content.files.append(content.pack.path)
    for folder in sorted(p for p in source_dir.iterdir() if p.is_dir()):
        if folder.name == DOCUMENTS_FOLDER:
            _read_documents(folder, content, problems)
        else:
            _read_matrix_folder(folder, content, problems)
    if not content.matrices and content.pack:
        problems.add(
            source_dir / PACK_FILE,
            1,
            f"no matrix folders (each needs a {MATRIX_FILE}) beside this file",
        )
    return content


def _read_text(path: Path, problems: ProblemLog) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add(
            path, 1, f"cannot read this file ({error.strerror}); check it exists and is readable"
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(path, line, "this file is not UTF-8 text; save it with UTF-8 encoding")
        return None


def _read_pack(path: Path, problems: ProblemLog) -> PackSource | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.add(path, 1, f"malformed pack settings: {error}")
        return None
    title, edition = data.get("title"), data.get("edition")
    if not isinstance(title, str) or not isinstance(edition, str):
        problems.add(path, 1, "pack.toml needs text values for 'title' and 'edition'")
        return None
    return PackSource(path, title, edition)


def _read_source(path: Path, content: ContentSources, problems: ProblemLog) -> SourceText | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    content.files.append(path)
    return split_front_matter(path, text, problems)


def _read_documents(folder: Path, content: ContentSources, problems: ProblemLog) -> None:
    for path in sorted(folder.glob("*.md")):
        source = _read_source(path, content, problems)
        document = parse_document(source, problems) if source else None
        if document:
            content.documents.append(document)


def _read_matrix_folder(folder: Path, content: ContentSources, problems: ProblemLog) -> None:
    matrix_path = folder / MATRIX_FILE
    if not matrix_path.exists():
        problems.add(folder, 1, f"this matrix folder has no {MATRIX_FILE}")
        return
    if folder.name in RESERVED_MATRIX_KEYS:
        problems.add(
            matrix_path, 1, f"'{folder.name}' is reserved; give the matrix folder another name"
        )
        return
    if not _MATRIX_KEY.match(folder.name):
        problems.add(
            matrix_path,
            1,
            f"matrix folder name '{folder.name}' must be lower-case letters, digits and hyphens",
        )
        return
    source = _read_source(matrix_path, content, problems)
    matrix = _matrix(folder.name, source, problems) if source else None
    if matrix:
        content.matrices.append(matrix)
    for path in sorted(folder.glob("*.md")):
        if path.name == MATRIX_FILE:
            continue
        source = _read_source(path, content, problems)
        if source and matrix:
            cell = _cell(matrix.key, source, problems)
            if cell:
                content.cells.append(cell)


def _matrix(key: str, source: SourceText, problems: ProblemLog) -> MatrixSource | None:
    fields = take_fields(
        source,
        problems,
        required={"name": str, "position": int, "columns": dict, "rows": dict},
        optional={"tagline": str},
    )
    if fields is None:
        return None
    columns = _axes(source, fields["columns"], "columns", COLUMN_KEYS, "audience", problems)
    rows = _axes(source, fields["rows"], "rows", ROW_KEYS, "course", problems)
    if columns is None or rows is None:
        return None
    return MatrixSource(
        source.path, key, fields["name"], fields.get("tagline"), fields["position"], columns, rows
    )


def _axes(
    source: SourceText,
    table: dict[str, Any],
    name: str,
    keys: tuple[str, ...],
    description: str,
    problems: ProblemLog,
) -> tuple[AxisSource, ...] | None:
    if sorted(table) != sorted(keys):
        problems.add(
            source.path,
            1,
            f"'{name}' must have exactly the keys {', '.join(keys)}, "
            f"not {', '.join(sorted(table))}",
        )
        return None
    axes = []
    for key in keys:
        entry = table[key]
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("name"), str)
            or not isinstance(entry.get(description), str)
        ):
            problems.add(
                source.path, 1, f"'{name}.{key}' needs text values for 'name' and '{description}'"
            )
            return None
        axes.append(AxisSource(key, entry["name"], entry[description]))
    return tuple(axes)


def _cell(matrix: str, source: SourceText, problems: ProblemLog) -> CellSource | None:
    fields = take_fields(
        source,
        problems,
        required={"cell": str, "title": str, "online_url": str},
        optional={"headline": str},
    )
    if fields is None:
        return None
    body = parse_cell_body(source, problems)
    return CellSource(
        path=source.path,
        matrix=matrix,
        code=fields["cell"],
        code_line=key_line(source, "cell"),
        title=fields["title"],
        headline=fields.get("headline"),
        online_url=fields["online_url"],
        intro=body.intro,
        entries=body.entries,
        sections=body.sections,
        acknowledgement=body.acknowledgement,
    )
