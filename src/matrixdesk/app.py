"""Composition root: reads the command line and hands off to a subcommand or the window."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import matrixdesk
from matrixdesk.core.addresses import parse_place
from matrixdesk.core.schema import TYPED_STUDY_CODES
from matrixdesk.core.search import MAX_LIMIT
from matrixdesk.cpd_export import EXPORT_FORMATS as CPD_EXPORT_FORMATS
from matrixdesk.editions.arguments import add_commands as add_edition_commands
from matrixdesk.paths import bundled_pack_path, portable_settings_dir, source_content_dir

if TYPE_CHECKING:
    from matrixdesk.core.store import ContentStore
    from matrixdesk.editions.choose import Choice


class _VersionAction(argparse.Action):
    """--version, looking the version up only when asked (see matrixdesk.__getattr__)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"{parser.prog} {matrixdesk.__version__}")  # on stdout, as asked-for output
        parser.exit()


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without its commands (`with_commands` False), only the options the
    reader itself takes."""
    kind = argparse.ArgumentParser if with_commands else _ReaderOptionsOnly
    parser = kind(
        prog="matrixdesk",
        description="Read the Effectiveness Bank Alcohol and Drug Treatment Matrices offline. "
        "With no command, opens the reader.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--open",
        metavar="PLACE",
        type=_place,
        help="open a place, e.g. alcohol/B5 or alcohol/B5#practitioner-skills",
    )
    parser.add_argument(
        "--pack",
        type=Path,
        metavar="PATH",
        help="read this content pack instead of the installed one",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help="keep settings in DIR (default: $MATRIXDESK_CONFIG_DIR, else the platform's place)",
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="keep settings beside the app (also when a file named 'portable' is there)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the pack, the grid, cell B5 and a search without a person; print JSON; exit",
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Commands that read a pack take --pack after their name too (default: as given before it).
    pack_option = argparse.ArgumentParser(add_help=False)
    pack_option.add_argument(
        "--pack", type=Path, metavar="PATH", default=argparse.SUPPRESS, help="read this pack"
    )

    build = commands.add_parser("build", help="compile Markdown sources into a content pack")
    build.add_argument("source_dir", type=Path, metavar="SOURCE_DIR")
    build.add_argument("-o", "--output", type=_output_path, required=True, metavar="PACK")
    build.add_argument(
        "--sign", type=Path, metavar="KEYFILE", help="sign the pack with this secret key"
    )

    check = commands.add_parser("check", help="validate Markdown sources without writing a pack")
    check.add_argument("source_dir", type=Path, metavar="SOURCE_DIR")

    page = commands.add_parser(
        "import-page",
        help="turn a cell page saved from the findings website as text into its Markdown file",
        description="Write the cell's file in CONTENT_DIR from a cell page saved as text. The "
        "matrix and cell come from the page's title line. What text cannot say (link targets, "
        "hover notes, folds) is marked for the editor; `check` lists each mark.",
    )
    page.add_argument("saved_page", type=Path, metavar="SAVED.txt")
    page.add_argument(
        "--into", type=Path, required=True, metavar="CONTENT_DIR", help="the content folder"
    )
    page.add_argument(
        "--replace",
        action="store_true",
        help="replace the cell's file even if it already holds a page (else it is left alone)",
    )

    preview = commands.add_parser(
        "preview",
        help="show a content folder in the reader, rebuilt each time a source is saved",
        description="Build SOURCE_DIR into a scratch pack (in a temporary folder, never in "
        "SOURCE_DIR) and open it in the reader; each time a source file is saved, build again "
        "and reload, at the same place. A build with problems lists them and keeps showing the "
        "last good one. The preview keeps its own settings and no bookmarks or notes.",
    )
    preview.add_argument("source_dir", type=Path, metavar="SOURCE_DIR")
    preview.add_argument(
        "--open",
        dest="open",
        metavar="PLACE",
        type=_place,
        default=argparse.SUPPRESS,
        help="the place to show first, e.g. alcohol/B5",
    )

    info = commands.add_parser("info", help="show what a content pack holds", parents=[pack_option])
    info.add_argument(
        "info_pack", type=Path, nargs="?", metavar="PACK", help="default: the installed pack"
    )
    search = commands.add_parser(
        "search", help="search the content pack from the terminal", parents=[pack_option]
    )
    search.add_argument(
        "query", nargs="+", metavar="WORD", help='words, "a phrase" (quoted), or prefix*'
    )
    search.add_argument("--matrix", choices=("alcohol", "drug"), help="only this matrix")
    search.add_argument("--type", choices=TYPED_STUDY_CODES, help="only studies of this type")
    search.add_argument("--json", action="store_true", help="print JSON, for scripts")
    search.add_argument(
        "--limit",
        type=_limit,
        default=20,
        metavar="N",
        help=f"at most N results (N <= {MAX_LIMIT})",
    )
    render = commands.add_parser(
        "render",
        help="print a page as the reader builds it (its words, or its HTML)",
        parents=[pack_option],
    )
    render.add_argument("place", type=_place, metavar="PLACE", help="e.g. alcohol/B5")
    render.add_argument(
        "--unfold-all", action="store_true", help="open the Matrix Bite and all folded text"
    )
    render.add_argument(
        "--format",
        choices=("text", "html"),
        default="text",
        help="text: the page's words, as a reader copies them (default); html: what the "
        "reading pane shows",
    )
    export = commands.add_parser(
        "export",
        help="write a page, or a cell's team discussion pack, as a PDF",
        description="Write the page at PLACE as a PDF, as the reader prints it: with a running "
        "header and footer, hover notes and web addresses as numbered footnotes, fonts embedded. "
        "Needs no display.",
        parents=[pack_option],
    )
    export.add_argument("place", type=_place, metavar="PLACE", help="e.g. alcohol/B5")
    export.add_argument(
        "--pdf", type=_output_path, required=True, metavar="OUT", help="the PDF file to write"
    )
    export.add_argument(
        "--unfold-all", action="store_true", help="print the Matrix Bite and all folded text"
    )
    export.add_argument(
        "--handout",
        action="store_true",
        help="the cell's team discussion pack: cover, studies, discussion sections with space "
        "to write, and a discussion record sheet",
    )
    export.add_argument(
        "--with-my-notes",
        action="store_true",
        help="with --handout: add your own notes on the cell (from your user data)",
    )
    export.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="paper size (default: Letter where the system measures in US units, else A4)",
    )
    userdata = commands.add_parser(
        "userdata",
        help="back up or move your bookmarks, notes, course progress and history",
        description="Export everything in your own layer to one JSON file, or merge such a "
        "file in. Uses the user data the reader uses (see --config-dir and --portable).",
    )
    actions = userdata.add_subparsers(dest="userdata_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write all your user data to one JSON file")
    export.add_argument("userdata_file", type=Path, metavar="PATH", help="the file to write")
    merge = actions.add_parser(
        "import", help="merge a file made by export into your user data (nothing is duplicated)"
    )
    merge.add_argument("userdata_file", type=Path, metavar="PATH", help="the file to read")
    add_edition_commands(commands)
    _add_cpd_commands(commands)
    return parser


def _add_cpd_commands(commands: Any) -> None:
    """`matrixdesk cpd list|export`: the CPD log kept in the user database."""
    cpd = commands.add_parser(
        "cpd",
        help="list or export your CPD log",
        description="Your continuing professional development log, as recorded in the reader "
        "(Record CPD). Uses the user data the reader uses (see --config-dir and --portable).",
    )
    days = argparse.ArgumentParser(add_help=False)
    days.add_argument("--from", dest="cpd_from", metavar="DATE", help="from this day, YYYY-MM-DD")
    days.add_argument("--to", dest="cpd_to", metavar="DATE", help="to this day (included)")
    actions = cpd.add_subparsers(dest="cpd_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="print the log, newest first, and its total", parents=[days])
    export = actions.add_parser("export", help="write the log to a file", parents=[days])
    export.add_argument(
        "--format",
        dest="cpd_format",
        choices=CPD_EXPORT_FORMATS,
        default="csv",
        help="csv for a spreadsheet, pdf for a regulator: the log table and one reflective "
        "account an entry (default: csv)",
    )
    export.add_argument(
        "-o", "--output", dest="cpd_output", type=_output_path, required=True, metavar="PATH"
    )


class _NeedsTheWholeParserError(Exception):
    pass


class _ReaderOptionsOnly(argparse.ArgumentParser):
    """A parser of the reader's own options that leaves any problem to the whole parser."""

    def error(self, message: str) -> NoReturn:
        raise _NeedsTheWholeParserError(message)


# The reader's own options that take a value: what follows one is no command.
_VALUE_OPTIONS = ("--open", "--pack", "--config-dir")


def _parse(arguments: list[str]) -> argparse.Namespace:
    """The command line read. Starting the reader needs only its own options, and building the
    parsers of every command (more than thirty) would cost 5-10 ms before the first paint; so a
    command line that names no command, asks for no help and holds nothing else is read
    without them. Anything else, or anything the short parser does not know, is read by the
    whole one, which says what is wrong as it always did."""
    after_value = False
    for token in arguments:
        if after_value:
            after_value = False
        elif token in _VALUE_OPTIONS:
            after_value = True
        elif token in ("-h", "--help") or not token.startswith("-"):
            return build_parser().parse_args(arguments)
    try:
        args, unknown = build_parser(with_commands=False).parse_known_args(arguments)
    except _NeedsTheWholeParserError:
        unknown = arguments
    return build_parser().parse_args(arguments) if unknown else args


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = _parse(list(sys.argv[1:] if argv is None else argv))
    try:
        return _run(args, started)
    except BrokenPipeError:
        # The reader of our output stopped reading (`matrixdesk search x | head -1`): not an
        # error to report. Point stdout at nothing, so Python's own flush at exit is quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _installed_pack() -> Path:
    """The pack the app brings. A source checkout keeps none until `make` builds it: there, the
    first command that needs it builds it from the sources (and says so), as `make pack` would."""
    pack = bundled_pack_path()
    content = source_content_dir()
    if pack.exists() or content is None:
        return pack
    print(
        f"matrixdesk: building the content pack from {content} (first use of this checkout)…",
        file=sys.stderr,
    )
    from matrixdesk import commands

    commands.run_build(content, pack, quiet=True)
    return pack


def _pack_in_use(settings: Path | None) -> Choice:
    """The newest usable edition (docs/packs.md), open; the bundled pack if none can be used."""
    from matrixdesk.editions.choose import choose
    from matrixdesk.editions.places import places

    _installed_pack()  # a source checkout builds it first
    return choose(places(settings))


def _open_pack(named: Path | None, settings: Path | None) -> ContentStore:
    """The pack named (--pack), else the one in use, open (PackError if it cannot be)."""
    from matrixdesk.core.store import ContentStore

    if named is not None:
        return ContentStore.open(named)
    choice = _pack_in_use(settings)
    return choice.store if choice.store is not None else ContentStore.open(choice.path)


def _closed(choice: Choice) -> Path:
    if choice.store is not None:
        choice.store.close()
    return choice.path


def _run(args: argparse.Namespace, started: float) -> int:
    # The settings folder asked for: --config-dir, else --portable's; None for the usual.
    settings = args.config_dir or (portable_settings_dir() if args.portable else None)
    if args.smoke_test:
        from matrixdesk.ui.smoke import run_smoke_test

        return run_smoke_test(args.pack or _closed(_pack_in_use(settings)), started)
    if args.command is None:
        from matrixdesk.ui.launch import run_reader

        if args.pack is not None:
            return run_reader(args.pack, args.open, settings, True)
        choice = _pack_in_use(settings)
        return run_reader(choice.path, args.open, settings, False, choice.store)
    from matrixdesk.editions import cli as editions_cli

    if args.command in ("pack", "keygen"):
        return editions_cli.run(args, settings)
    if args.command == "userdata":  # here, not in commands: only it needs SQLAlchemy
        from matrixdesk.userdata.cli import run_userdata

        return run_userdata(args.userdata_action, args.userdata_file, settings)
    if args.command == "cpd":  # likewise
        from matrixdesk.cpd_command import run_cpd

        export = args.cpd_action == "export"
        return run_cpd(
            args.cpd_action,
            settings,
            args.cpd_from,
            args.cpd_to,
            args.cpd_format if export else "csv",
            args.cpd_output if export else None,
            lambda: _open_pack(args.pack, settings),
        )
    from matrixdesk import commands

    if args.command == "build":
        return commands.run_build(args.source_dir, args.output, sign=args.sign)
    if args.command == "check":
        return commands.run_check(args.source_dir)
    if args.command == "export":
        return _export(args, settings)
    if args.command == "preview":
        return commands.run_preview(args.source_dir, args.open)
    if args.command == "import-page":
        return commands.run_import_page(args.saved_page, args.into, args.replace)
    named = getattr(args, "info_pack", None) or args.pack  # `info PACK` names it as --pack does
    if named is None:
        pack, in_use = editions_cli.pack_in_use_rows(_pack_in_use(settings))
    else:
        pack, in_use = named, []
    chosen = named is not None
    if args.command == "render":
        return commands.run_render(pack, chosen, args.place, args.unfold_all, args.format == "html")
    if args.command == "search":
        query = " ".join(args.query)
        return commands.run_search(
            pack, chosen, query, args.matrix, args.type, args.json, args.limit
        )
    # Who made the pack: for the one in use, `in_use` says (the bundled one is not signed).
    origin = (lambda seal: editions_cli.origin_row(seal, settings)) if chosen else None
    return commands.run_info(pack, chosen, in_use, origin)  # the only command left


def _export(args: argparse.Namespace, settings: Path | None) -> int:
    from matrixdesk.export_command import run_export

    if args.with_my_notes and not args.handout:
        print("matrixdesk export: --with-my-notes goes with --handout.", file=sys.stderr)
        return 2
    return run_export(
        args.pack or _installed_pack(),
        args.pack is not None,
        args.place,
        args.pdf,
        unfold_all=args.unfold_all,
        handout=args.handout,
        paper=args.paper,
        notes_from=settings if args.with_my_notes else False,
    )


def _limit(text: str) -> int:
    """argparse type for --limit: a whole number from 1 to MAX_LIMIT."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def _output_path(text: str) -> Path:
    """argparse type for build -o and export --pdf: a path, not an empty string (which would
    mean this folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give the path of the file to write")
    return Path(text)


def _place(text: str) -> str:
    """argparse type for --open: a matrixdesk address, long or short form."""
    address = parse_place(text)
    if address is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a place; use e.g. alcohol/B5, drug/A1 or alcohol/B5#section-slug"
        )
    return str(address)
