"""`make screenshots`, the printouts: pages of B5's PDF, of its discussion pack and of a CPD log
(example entries, in a throw-away profile), rendered with poppler's pdftoppm, and the Print
dialog and preview from the real window, offscreen.

Look at them after changing anything that prints."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
RESOLUTION = "60"  # dots per inch: a page about 500 px wide, readable in the README
# (file name, export options, page); page -1 is the last.
PAGES = (
    ("print-B5-page1.png", ("--unfold-all",), 1),
    ("print-B5-page3.png", ("--unfold-all",), 3),  # footnotes: notes and other cells' addresses
    ("print-B5-page7.png", ("--unfold-all",), 7),  # a pull quote, and the panel's start
    ("handout-B5-page1.png", ("--handout",), 1),
    ("handout-B5-discussion.png", ("--handout",), 5),
    ("handout-B5-record-sheet.png", ("--handout",), -1),
)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        made: dict[tuple[str, ...], Path] = {}
        for name, options, page in PAGES:
            if options not in made:
                pdf = Path(scratch) / f"{len(made)}.pdf"
                command = [sys.executable, "-m", "matrixdesk", "export", "alcohol/B5"]
                subprocess.run([*command, "--pdf", str(pdf), "--paper", "a4", *options], check=True)
                made[options] = pdf
            _render(made[options], page, OUT / name)
        cpd = _cpd_log(Path(scratch))
        _render(cpd, 1, OUT / "cpd-log-pdf-table.png")
        _render(cpd, 2, OUT / "cpd-log-pdf-account.png")
    return _dialogs()


# Each: date, activity, places, minutes, mode, learned, practice, standard, evidence.
EXAMPLE_ENTRIES = (
    (
        "2026-01-12",
        "reading",
        ("alcohol/B5", "alcohol/B5/entry/supervision-manual"),
        45,
        "individual",
        "Example entry: what I learned, in my own words, would go here.\n\n"
        "Example entry: a second paragraph, kept as typed.",
        "Example entry: how it will change my practice would go here.",
        "NMC Code",
        "Example: reflective notebook, page 4",
    ),
    (
        "2026-02-03",
        "team-discussion",
        ("alcohol/B5#an-example-heading-a-later-edition-dropped",),
        90,
        "participatory",
        "Example entry: what the team discussion taught me.",
        "Example entry: what we agreed to change.",
        "HCPC standards of proficiency",
        "Example: discussion record sheet, 3 February",
    ),
    (
        "2026-03-17",
        "supervision",
        ("alcohol/B5",),
        60,
        "participatory",
        "Example entry: learning from supervision.",
        "Example entry: a change to try.",
        "Probation professional standards",
        "Example: supervision record",
    ),
)


def _cpd_log(scratch: Path) -> Path:
    """A CPD log of EXAMPLE_ENTRIES (obviously examples: the real ones are a practitioner's own
    words) as a PDF, made by `matrixdesk cpd export` from a throw-away profile."""
    from matrixdesk.userdata.records import CpdDetails
    from matrixdesk.userdata.store import UserData

    profile = scratch / "cpd-profile"
    with UserData.open(profile / "userdata.sqlite") as data:
        for fields in EXAMPLE_ENTRIES:
            data.add_cpd(CpdDetails(*fields))
    pdf = scratch / "cpd-log.pdf"
    command = [sys.executable, "-m", "matrixdesk", "--config-dir", str(profile), "cpd"]
    subprocess.run([*command, "export", "--format", "pdf", "-o", str(pdf)], check=True)
    return pdf


def _render(pdf: Path, page: int, out: Path) -> None:
    if page < 0:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = next(int(line.split()[1]) for line in info.stdout.splitlines() if "Pages:" in line)
        page = pages + 1 + page
    stem = out.with_suffix("")
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        ["pdftoppm", "-r", RESOLUTION, "-png", "-singlefile", *pages, str(pdf), str(stem)],
        check=True,
    )
    print(out)


def _dialogs() -> int:
    """File > Print…: the options, then the preview, from the real window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest

    from matrixdesk.core.store import ContentStore
    from matrixdesk.paths import bundled_pack_path
    from matrixdesk.ui.launch import application, open_window
    from matrixdesk.ui.settings import Settings

    application()
    store = ContentStore.open(bundled_pack_path())
    with tempfile.TemporaryDirectory() as config:
        window = open_window(store, Settings(Path(config)), "alcohol/B5")
        window.resize(1200, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.printing.print_.trigger()
        options = window.printing.options
        assert options is not None
        QTest.qWaitForWindowExposed(options)
        options.choices.buttons()[1].setChecked(True)  # everything unfolded
        options.grab().save(str(OUT / "print-options.png"))
        print(OUT / "print-options.png")
        options.accept()
        preview = window.printing.preview
        assert preview is not None
        preview.resize(1000, 760)
        QTest.qWaitForWindowExposed(preview)
        QTest.qWait(300)  # the preview lays out its pages after it is shown
        preview.grab().save(str(OUT / "print-preview.png"))
        print(OUT / "print-preview.png")
        preview.close()
        window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
