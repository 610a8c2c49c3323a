"""`matrixdesk --smoke-test` from the source tree: what the packaging tests run on builds."""

from __future__ import annotations

import sys

from tests.smoke_run import run_smoke_test


def test_smoke_test_passes_and_reports_json() -> None:
    # run_smoke_test also fails on a traceback (or any other sign of a broken build) on stderr.
    report = run_smoke_test(sys.executable, "-m", "matrixdesk")
    assert report["smoke_test"] == "passed" and report["frozen"] is False
    assert set(report["timings_ms"]) == {
        "start_to_painted_grid",
        "open_b5_with_bite",
        "search_to_shown_results",
    }
