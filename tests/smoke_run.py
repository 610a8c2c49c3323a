"""Running `--smoke-test` on the app from source, the frozen bundle or an installed package
(test support, no tests)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

# What a broken build prints: each means a module, library or Qt plugin was left out.
BROKEN = (
    "Traceback",
    "ModuleNotFoundError",
    "ImportError",
    "qt.qpa.plugin",
    "Could not load the Qt platform plugin",
    "Could not find the Qt platform plugin",
    "Cannot load library",
    "cannot open shared object file",
)


def run_smoke_test(*command: str | Path) -> dict[str, object]:
    """Run `command --smoke-test` offscreen; fail on anything a broken build prints (a traceback
    included); return its JSON report."""
    result = subprocess.run(
        [*map(str, command), "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    problems = [marker for marker in BROKEN if marker in result.stderr]
    assert result.returncode == 0 and not problems, f"{problems}\n{result.stderr}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["smoke_test"] == "passed"
    return report
