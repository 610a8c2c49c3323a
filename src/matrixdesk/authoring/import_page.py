"""`matrixdesk import-page`: a cell page saved as text, written as that cell's source file.

The matrix and cell come from the page's own title line; the file goes in the matrix folder whose
`matrix.md` has that name. A cell file holding only front matter (a cell known by title) is
filled in, keeping its headline and web address; one holding a page is replaced only when asked
(`replace`). Nothing is written for a text that is not a cell page, and the file is written
aside and renamed into place, so it is never left half-written.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from matrixdesk.authoring.bite_structure import bite_sections
from matrixdesk.authoring.frontmatter import SourceText, split_front_matter
from matrixdesk.authoring.page_markdown import Facts, page_markdown
from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.reader import MATRIX_FILE, PACK_FILE, read_ordinary_file, read_text
from matrixdesk.authoring.saved_page import NotACellPageError, SavedPage, read_saved_page

_WRITING_SUFFIX = ".importing"


class ImportRefusedError(Exception):
    """Nothing was written; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Imported:
    path: Path
    report: list[str]
    complete: bool


def import_page(saved: Path, content_dir: Path, replace: bool = False) -> Imported:
    """Write the cell file for the page saved in `saved` into `content_dir`. Raises
    ImportRefusedError, having written nothing, when it cannot."""
    page = _read_page(saved)
    folder = _matrix_folder(content_dir, page.matrix_name)
    target = folder / f"{page.code}.md"
    earlier, done = _earlier(target, page, replace)
    facts = Facts(
        earlier.front.get("headline") if earlier else None,
        earlier.front.get("online_url") if earlier else None,
    )
    text = page_markdown(page, facts, saved.name)
    _write_aside(target, text)
    report = [done.format(target=target), _contents(page)]
    if earlier and earlier.front.get("title") not in (None, page.title):
        report.append(
            f"The page's title '{page.title}' differs from the file's earlier "
            f"'{earlier.front.get('title')}': the page's is used."
        )
    if facts.online_url is None:
        report.append(
            "No web address is known for this cell (the folder had no file for it): add "
            "online_url to its front matter; check reports it until then."
        )
    marks = text.count("<!-- editor:") + text.count("](?)")
    report.append(
        f"{marks} places are marked for you (notes '<!-- editor: … -->' and links '[words](?)'): "
        f"`matrixdesk check {content_dir}` lists each with its line."
    )
    if page.ends_early:
        report.append(
            "The saved page is incomplete: it stops without "
            f"{', '.join(page.missing)}. It was imported as far as it goes; its last line may "
            "be cut short (a note marks the end of the file). Save the page again, whole, or "
            "finish the file by hand."
        )
    return Imported(target, report, not page.ends_early)


def _read_page(saved: Path) -> SavedPage:
    problems = ProblemLog()
    data = read_ordinary_file(saved, problems)
    if data is None:
        raise ImportRefusedError(str(problems.sorted()[0]))
    try:
        text = _decoded(data).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ImportRefusedError(
            f"{saved}: this is not text saved as UTF-8, so not a cell page saved as text "
            "(in the browser: Save Page As…, Text Files)"
        ) from None
    try:
        page = read_saved_page(text)
    except NotACellPageError as error:
        raise ImportRefusedError(f"{saved}: {error}") from None
    if not page.reached:
        raise ImportRefusedError(
            f"{saved}: the saved page stops before the cell's intro, so there is nothing to "
            "import: save the page again, whole"
        )
    return page


def _decoded(data: bytes) -> str:
    """UTF-8 text; a page saved incompletely may end in the middle of a character, which is
    left out (the import reports the page as cut short)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason != "unexpected end of data":
            raise
        return data[: error.start].decode("utf-8")


def _matrix_folder(content_dir: Path, name: str) -> Path:
    if not (content_dir / PACK_FILE).is_file():
        raise ImportRefusedError(
            f"{content_dir}: this is not a content folder (it has no {PACK_FILE}); give the "
            "folder that holds pack.toml and a folder for each matrix"
        )
    names = {}
    for matrix in sorted(p for p in content_dir.iterdir() if (p / MATRIX_FILE).is_file()):
        source = _source(matrix / MATRIX_FILE, content_dir)
        if source is not None:
            names[source.front.get("name")] = matrix
    if name not in names:
        raise ImportRefusedError(
            f"{content_dir} has no matrix named '{name}' (each matrix folder's {MATRIX_FILE} "
            "gives its name): add the matrix first, or give the right content folder"
        )
    return names[name]


def _source(path: Path, root: Path) -> SourceText | None:
    problems = ProblemLog()
    text = read_text(path, root.resolve(), problems)
    return None if text is None else split_front_matter(path, text, problems)


def _earlier(target: Path, page: SavedPage, replace: bool) -> tuple[SourceText | None, str]:
    """The cell's file as it is (None if there is none or it cannot be read), and what writing
    the import will do to it, in words; ImportRefusedError if it must not be replaced."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise ImportRefusedError(f"{target}: not an ordinary file, so it is not replaced")
    if not target.exists():
        return None, "Wrote {target}."
    earlier = _source(target, target.parent.parent)
    if earlier is not None and not any(line.strip() for line in earlier.body):
        return earlier, (
            "Filled in {target}, which held the cell's title only (its headline and web "
            "address are kept)."
        )
    if not replace:
        holds = "a page" if earlier is not None else "text that is not a readable cell file"
        raise ImportRefusedError(
            f"{target} already holds {holds} for cell {page.code}: nothing was written. To "
            "replace it with this import, run again with --replace (its headline and web "
            "address are kept)"
        )
    return earlier, "Replaced the page in {target} (its headline and web address are kept)."


def _write_aside(target: Path, text: str) -> None:
    """Write beside `target` and rename over it: a reader never sees half a file."""
    aside = target.with_name(f".{target.name}{_WRITING_SUFFIX}")
    try:
        with aside.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        aside.replace(target)
    except OSError as error:
        aside.unlink(missing_ok=True)
        raise ImportRefusedError(
            f"{target}: could not be written ({error.strerror}); nothing was changed"
        ) from None


def _contents(page: SavedPage) -> str:
    """What the import holds, in one sentence."""
    parts = []
    if page.intro:
        parts.append("the intro")
    if page.studies:
        types = Counter(code for study in page.studies for code in study.types)
        by_type = ", ".join(f"{count} {code}" for code, count in sorted(types.items()))
        parts.append(f"{_counted(len(page.studies), 'study')} ({by_type})")
    if page.more is not None:
        parts.append("the more entry")
    if sections := bite_sections(page.bite):
        blocks = [b for s in sections for block in s.blocks for b in (block, *block.inside)]
        kinds = Counter(block.kind for block in blocks)
        counted = [
            _counted(len(sections), "heading"),
            _counted(kinds["pullquote"], "pull quote"),
            _counted(kinds["panel"], "panel"),
            _counted(kinds["quote"], "quotation"),
        ]
        parts.append(f"the Matrix Bite ({', '.join(counted)})")
    if page.acknowledgement:
        parts.append("the acknowledgement")
    return f"From {page.matrix_name} cell {page.code}: {', '.join(parts)}."


def _counted(count: int, thing: str) -> str:
    plural = thing[:-1] + "ies" if thing.endswith("y") else thing + "s"
    return f"{count} {thing if count == 1 else plural}"
