"""`matrixdesk build` and `matrixdesk check`: read, render and cross-check sources; write a pack."""

from __future__ import annotations

import hashlib
from pathlib import Path

import matrixdesk
from matrixdesk.authoring.compiled import compile_content
from matrixdesk.authoring.output import output_problem
from matrixdesk.authoring.problems import Problem, ProblemLog
from matrixdesk.authoring.reader import read_sources
from matrixdesk.authoring.writer import PackWriteError, write_pack


def check_sources(source_dir: Path) -> list[Problem]:
    """Every problem in the sources, sorted by file and line; empty when they would build."""
    problems = ProblemLog()
    content = read_sources(source_dir, problems)
    compile_content(content, problems)
    return problems.sorted()


def build_pack(source_dir: Path, out: Path, signing_seed: str | None = None) -> list[Problem]:
    """Build `out` from `source_dir`, signed with the secret key `signing_seed` (hex) if given;
    the problems found, sorted. With any error nothing is written and `out` is untouched;
    warnings alone (`Problem.warning`) do not stop the build."""
    if refusal := output_problem(out, source_dir):
        return [Problem(out, 0, refusal)]
    problems = ProblemLog()
    content = read_sources(source_dir, problems)
    compiled = compile_content(content, problems)
    if problems:
        return problems.sorted()
    content_hash = _content_hash(source_dir, content.files)
    try:
        write_pack(
            content,
            compiled,
            content_hash,
            f"matrixdesk {matrixdesk.__version__}",
            out,
            signing_seed,
        )
    except PackWriteError as error:
        problems.add(out, 0, f"the pack could not be written: {error}")
    return problems.sorted()


def _content_hash(source_dir: Path, files: list[Path]) -> str:
    """sha256 over every source file's relative path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(source_dir).as_posix()):
        digest.update(path.relative_to(source_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"sha256:{digest.hexdigest()}"
