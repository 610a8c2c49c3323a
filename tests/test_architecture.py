"""Layering: the core, authoring and page building never pull in Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_core_authoring_and_pages_do_not_import_pyside6() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import matrixdesk.core, matrixdesk.authoring, matrixdesk.page
        for package in (matrixdesk.core, matrixdesk.authoring, matrixdesk.page):
            for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                importlib.import_module(module.name)
        import matrixdesk.app, matrixdesk.commands
        qt = sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6")))
        print(",".join(qt))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Qt imported by core, authoring or page: {result.stdout}"
