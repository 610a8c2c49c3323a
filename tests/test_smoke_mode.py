"""`matrixdesk --smoke-test` from the source tree: what the packaging tests run on builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_smoke_test_passes_and_reports_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "matrixdesk", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["smoke_test"] == "passed" and report["frozen"] is False
    assert set(report["timings_ms"]) == {
        "start_to_painted_grid",
        "open_b5_with_bite",
        "search_to_shown_results",
    }
