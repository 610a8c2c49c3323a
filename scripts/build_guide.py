"""Compile docs/user-guide.md into the HTML the app's Help > User guide shows.

The reader never imports Markdown (it keeps start-up quick and the frozen bundle small), so the
guide ships as HTML, built here and committed; a test fails when it is out of date.

    python scripts/build_guide.py          # write resources/guide/user-guide.html
    python scripts/build_guide.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / "user-guide.md"
TARGET = ROOT / "resources" / "guide" / "user-guide.html"


def guide_html(source: Path = SOURCE) -> str:
    body = markdown.markdown(source.read_text(encoding="utf-8"), output_format="html")
    return f"<!-- Built from docs/user-guide.md by scripts/build_guide.py: edit that. -->\n{body}\n"


def main(argv: list[str]) -> int:
    html = guide_html()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != html:
            print(f"{TARGET} is out of date: run python scripts/build_guide.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(html, encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
