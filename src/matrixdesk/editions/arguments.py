"""The command line of pack editions: `matrixdesk pack …` and `matrixdesk keygen`. Only the
arguments: what they do is in `editions.cli`, loaded when one of them is run."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keygen = commands.add_parser(
        "keygen", help="make a key pair for signing packs (KEYFILE secret, KEYFILE.pub public)"
    )
    keygen.add_argument("keyfile", type=Path, metavar="KEYFILE")
    pack = commands.add_parser(
        "pack",
        help="install, list, remove, verify and compare content pack editions",
        description="Pack editions: see docs/packs.md. Each command that installs, removes or "
        "trusts works on your own folders, or with --machine on the machine-wide ones.",
    )
    actions = pack.add_subparsers(dest="pack_action", metavar="ACTION", required=True)
    add = actions.add_parser("install", help="check a pack and install it as an edition")
    add.add_argument("pack_file", type=Path, metavar="FILE")
    add.add_argument("--machine", action="store_true", help="for every user (administrators)")
    add.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="allow a pack that is unsigned, or signed by a key not trusted here",
    )
    add.add_argument(
        "--force", action="store_true", help="install an older edition, or replace an edition"
    )
    actions.add_parser("list", help="every edition there is, and which is in use")
    drop = actions.add_parser("remove", help="remove an installed edition")
    drop.add_argument("pack_name", metavar="EDITION|FILE")
    drop.add_argument("--machine", action="store_true", help="from the machine-wide folder")
    verify = actions.add_parser("verify", help="check a pack file as installing it would")
    verify.add_argument("pack_file", type=Path, metavar="FILE")
    verify.add_argument(
        "--allow-unsigned", action="store_true", help="only check it is intact and whole"
    )
    trust = actions.add_parser("trust", help="trust a publisher's public key (KEYFILE.pub)")
    trust.add_argument("key_file", type=Path, metavar="KEYFILE.pub")
    trust.add_argument("--machine", action="store_true", help="for every user (administrators)")
    diff = actions.add_parser("diff", help="what changed, cell by cell, from one pack to another")
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW")
