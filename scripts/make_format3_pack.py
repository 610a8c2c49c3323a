"""Build tests/packs/format3.sqlite: the bundled content, compiled by the last MatrixDesk that
wrote pack format 3 (commit dcae217), for the test that the reader still reads the previous
format. Run from the repository: `python scripts/make_format3_pack.py`. Needs git."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMAT3_COMMIT = "dcae217"
OUT = REPO / "tests" / "packs" / "format3.sqlite"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "src.tar"
        subprocess.run(
            ["git", "-C", str(REPO), "archive", "-o", str(archive), FORMAT3_COMMIT, "src", "data"],
            check=True,
        )
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="data")
        OUT.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "matrixdesk", "build", "data/content", "-o", str(OUT)],
            cwd=scratch,
            env={"PYTHONPATH": str(Path(scratch) / "src"), "PATH": "/usr/bin:/bin"},
            check=True,
        )
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
