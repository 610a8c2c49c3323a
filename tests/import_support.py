"""Running `matrixdesk import-page` and friends in-process, and a synthetic saved page (test
support, no tests). The synthetic page's words say plainly that they are synthetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from matrixdesk.app import main
from tests.conftest import SOURCE

SAVED_B5 = SOURCE / "alcohol-B5-cell-page.txt"

_CLOSE = (
    "Close Matrix Bite guide and commentary Close Matrix Bite Close Matrix Bite guide and "
    "commentary"
)


def run(capsys: pytest.CaptureFixture[str], *arguments: str | Path) -> tuple[int, str, str]:
    """`matrixdesk ARGUMENTS…`: its exit code, stdout and stderr."""
    code = main([str(argument) for argument in arguments])
    out, err = capsys.readouterr()
    return code, out, err


def synthetic_saved_page(matrix: str, code: str, title: str) -> str:
    """A complete cell page, saved as text, laid out as the findings website's are, every word
    of its own synthetic."""
    return "\n".join(
        [
            f"{matrix} cell {code}: {title}",
            "",
            "Synthetic site menu. Opens new window",
            "",
            title,
            "",
            "Synthetic intro sentence for tests.",
            "",
            "S Seminal studiesK Key studiesR ReviewsG Guidancemore Search for more studies",
            "",
            "K Synthetic study headline (Synthetic Body, 2000). Synthetic annotation. For "
            "discussion click and scroll down to highlighted heading.",
            "",
            "more Synthetic words about searching.",
            "",
            "Matrix Bite Open Matrix Bite guide to this cell Open Matrix Bite guide and commentary",
            "",
            _CLOSE,
            "",
            "",
            "Synthetic heading? Synthetic first paragraph, which points at the study listed above.",
            "",
            "Thanks for their comments on a synthetic entry to nobody.",
            "",
            _CLOSE,
            "",
        ]
    )


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) and its bytes, to show nothing changed."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
