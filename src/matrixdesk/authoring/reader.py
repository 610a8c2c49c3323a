"""Reading a content folder: pack.toml, a folder per matrix (matrix.md plus a file per cell), and
optionally documents/ (see `documents`).

Only ordinary files inside the folder are read, and only up to a size no real source comes near:
a link to a file elsewhere, a pipe (which would wait forever for a writer) or a device named like
a source is reported with its path instead.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from matrixdesk.authoring.cell_body import parse_cell_body
from matrixdesk.authoring.documents import DOCUMENTS_FOLDER, parse_document
from matrixdesk.authoring.editor_marks import take_editor_marks
from matrixdesk.authoring.frontmatter import (
    SourceText,
    key_line,
    split_front_matter,
    take_fields,
)
from matrixdesk.authoring.limits import MAX_SOURCE_BYTES
from matrixdesk.authoring.pack_settings import read_pack_settings
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.sources import (
    AxisSource,
    CellSource,
    ContentSources,
    MatrixSource,
    PackSource,
)
from matrixdesk.core.addresses import MATRIX_KEY_PATTERN, RESERVED_MATRIX_KEYS
from matrixdesk.core.checked import is_web_address
from matrixdesk.core.schema import COLUMN_KEYS, ROW_KEYS

PACK_FILE = "pack.toml"
MATRIX_FILE = "matrix.md"
_MATRIX_KEY = re.compile(rf"^{MATRIX_KEY_PATTERN}$")
MAX_POSITION = 9999


def read_sources(source_dir: Path, problems: ProblemLog) -> ContentSources:
    content = ContentSources()
    if not source_dir.is_dir():
        problems.add(
            source_dir,
            1,
            "the content folder does not exist (give the folder that holds pack.toml)",
        )
        return content
    if not (source_dir / PACK_FILE).exists():
        inner = sorted(p.parent for p in source_dir.glob(f"*/{PACK_FILE}"))
        where = (
            f"the content folder is {inner[0]}: give that"
            if inner
            else (f"give the folder that holds {PACK_FILE}")
        )
        problems.add(
            source_dir, 1, f"this is not a content folder (it has no {PACK_FILE}); {where}"
        )
        return content
    root = source_dir.resolve()
    content.pack = _read_pack(source_dir / PACK_FILE, root, problems)
    if content.pack:
        content.files.append(content.pack.path)
    for folder in sorted(p for p in source_dir.iterdir() if p.is_dir()):
        if not _inside(folder, root, problems):
            continue
        if folder.name == DOCUMENTS_FOLDER:
            _read_documents(folder, root, content, problems)
        else:
            _read_matrix_folder(folder, root, content, problems)
    if not content.matrices and content.pack:
        problems.add(
            source_dir / PACK_FILE,
            1,
            f"no matrix folders (each needs a {MATRIX_FILE}) beside this file",
        )
    return content


def _inside(path: Path, root: Path, problems: ProblemLog) -> bool:
    """Whether `path` really is inside the source folder (a symbolic link may lead elsewhere)."""
    target = path.resolve()
    if target.is_relative_to(root):
        return True
    problems.add(
        path,
        1,
        f"this is a link to {target}, outside the source folder; copy what it links to into "
        "the folder instead",
    )
    return False


def read_text(path: Path, root: Path, problems: ProblemLog) -> str | None:
    if not _inside(path, root, problems):
        return None
    data = read_ordinary_file(path, problems)
    if data is None:
        return None
    try:
        # Windows editors save "UTF-8 with BOM": the mark is no part of the text.
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(path, line, "this file is not UTF-8 text; save it with UTF-8 encoding")
        return None


def read_ordinary_file(path: Path, problems: ProblemLog) -> bytes | None:
    """The bytes of `path` if it is an ordinary file of a sane size. Opened without blocking, so
    a pipe named like a source is refused rather than waited on."""
    data, reason = None, ""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        reason = f"{error.strerror}; check it exists and is readable"
    else:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            reason = "it is a folder"
        elif not stat.S_ISREG(mode):
            reason = "it is a pipe or device, not an ordinary file"
        else:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)  # bounded even if it grows meanwhile
            if len(data) > MAX_SOURCE_BYTES:
                reason = (
                    f"it is larger than {MAX_SOURCE_BYTES // 1024} kB, far more than any source"
                )
        os.close(fd)
    if reason:
        problems.add(path, 1, f"cannot read this file: {reason}")
        return None
    return data


def _read_pack(path: Path, root: Path, problems: ProblemLog) -> PackSource | None:
    text = read_text(path, root, problems)
    return None if text is None else read_pack_settings(path, text, problems)


def _read_source(
    path: Path, root: Path, content: ContentSources, problems: ProblemLog
) -> SourceText | None:
    text = read_text(path, root, problems)
    if text is None:
        return None
    content.files.append(path)
    source = split_front_matter(path, text, problems)
    return None if source is None else take_editor_marks(source, problems)


def _read_documents(
    folder: Path, root: Path, content: ContentSources, problems: ProblemLog
) -> None:
    for path in sorted(folder.glob("*.md")):
        source = _read_source(path, root, content, problems)
        document = parse_document(source, problems) if source else None
        if document:
            content.documents.append(document)


def _read_matrix_folder(
    folder: Path, root: Path, content: ContentSources, problems: ProblemLog
) -> None:
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
    source = _read_source(matrix_path, root, content, problems)
    matrix = _matrix(folder.name, source, problems) if source else None
    if matrix:
        content.matrices.append(matrix)
    for path in sorted(folder.glob("*.md")):
        if path.name == MATRIX_FILE:
            continue
        source = _read_source(path, root, content, problems)
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
    position = fields["position"]
    if not 1 <= position <= MAX_POSITION:
        problems.add(
            source.path,
            key_line(source, "position"),
            f"'position' must be a whole number from 1 to {MAX_POSITION}",
        )
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
    if not is_web_address(fields["online_url"]):
        problems.add(
            source.path,
            key_line(source, "online_url"),
            "'online_url' must be the cell's web address, starting with https:// or http://",
        )
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
