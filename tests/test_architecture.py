"""Layering: the core, authoring, page building and user data never pull in Qt; the reader
never pulls in the compiler's libraries; the UI's modules depend on each other one way."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import matrixdesk.ui


def test_core_authoring_and_pages_do_not_import_pyside6() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import matrixdesk.core, matrixdesk.authoring, matrixdesk.page, matrixdesk.userdata
        import matrixdesk.editions
        packages = (
            matrixdesk.core, matrixdesk.authoring, matrixdesk.page, matrixdesk.userdata,
            matrixdesk.editions,
        )
        for package in packages:
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
    assert result.stdout.strip() == "", (
        f"Qt imported by core, authoring, page or userdata: {result.stdout}"
    )


def test_the_reader_loads_no_compiler_library_and_sqlalchemy_only_after_the_first_paint() -> None:
    """Markdown builds packs: the reader never loads it. SQLAlchemy builds packs too, and writes
    the user database, which the reader opens on a thread of its own after the first paint:
    loading it before would double the time to the first paint. The smoke test opens the home
    grid, a cell page, a search and the user database, so everything the reader does is
    covered. QtPrintSupport (the print preview, printers) likewise: only when printing."""
    script = textwrap.dedent(
        """
        import sys
        from matrixdesk.app import main
        code = main(["--smoke-test"])
        loaded = sorted({n.split(".")[0] for n in sys.modules} & {"sqlalchemy", "markdown"})
        print("LOADED:" + ",".join(loaded), file=sys.stderr)
        print("PRINTING:" + str("PySide6.QtPrintSupport" in sys.modules), file=sys.stderr)
        sys.exit(code)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED:sqlalchemy\n" in result.stderr, result.stderr  # for the user database
    assert "PRINTING:False\n" in result.stderr, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded_at_first_paint"] == []


def _ui_imports() -> dict[str, set[str]]:
    """Each ui module and the ui modules it imports anywhere in its text: at the top, inside
    functions (deferred) and under TYPE_CHECKING alike, since each is a dependency."""
    ui = Path(matrixdesk.ui.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in ui.glob("*.py"):
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("matrixdesk.ui."):
                imported.add(module.removeprefix("matrixdesk.ui."))
        graph[path.stem] = imported
    return graph


def test_ui_modules_import_each_other_without_cycles() -> None:
    """A module that imports its own importer can only be understood, and tested, with it:
    the search controller signals and the window connects, rather than each calling the other."""
    graph = _ui_imports()
    assert graph["main_window"], "the import graph was read"
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        """Depth first; a module met again on the current path closes a cycle."""
        for imported in sorted(graph.get(module, ())):
            if imported in path:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in done:
                visit(imported, [*path, imported])
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    assert not cycles, f"import cycles among ui modules: {cycles[:5]}"
