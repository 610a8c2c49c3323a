"""The licences a copy of MatrixDesk carries: the project's own (MIT, LICENSE) and the notices
for what ships with it, whose full texts must all be there to show (Help > About) and to put
in the installers (packaging/package.py; tests/test_frozen.py and test_installers.py check
those)."""

from __future__ import annotations

import re
import tomllib

from matrixdesk.paths import resources_dir
from tests.conftest import REPO

LICENCES = REPO / "resources" / "licences"


def test_the_project_is_mit_licensed_in_one_text() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) ")
    # The copy the app shows in Help > About must be the same text.
    assert (LICENCES / "MatrixDesk.txt").read_text(encoding="utf-8") == licence


def test_every_text_the_notices_name_is_there() -> None:
    notices = (LICENCES / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    named = set(re.findall(r"\b([\w./-]+\.txt)\b", notices)) - {"SYSTEM-LIBRARIES.txt"}
    assert {"LGPL-3.0.txt", "GPL-3.0.txt", "ICU.txt", "Python.txt", "SQLAlchemy.txt"} <= named
    for name in named:
        relative = name.removeprefix("_internal/matrixdesk/resources/")
        found = resources_dir() / relative, resources_dir() / "licences" / relative
        assert any(path.is_file() for path in found), name
    # What the LGPL asks of a program distributed with Qt: how to replace it, and its source.
    assert "replace them with other versions" in notices
    assert "https://code.qt.io/cgit/pyside/pyside-setup.git/" in notices
