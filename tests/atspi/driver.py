#!/usr/bin/python3
"""Works MatrixDesk through AT-SPI alone, as a screen reader would, and says what it found.

Run it with Debian's /usr/bin/python3 (it needs python3-pyatspi) in the environment of the
desktop the app runs on (DISPLAY and DBUS_SESSION_BUS_ADDRESS; tests/atspi/session.py makes
one, and `python -m tests.atspi` runs a command there). Each command waits for what it needs by
asking AT-SPI again until a deadline, and prints JSON with --json:

  wait-app                        the app's frame, once it is on screen
  dump [--all] [--full-text]      the app's accessible tree (showing objects unless --all)
  wait ROLE [--name N] [--contains W] [--count K]
                                  the showing objects with this role (and name), once K are
  type TEXT --into NAME [--keys]  put TEXT in the editable text NAME: through its EditableText
                                  interface, or (--keys) focus it and type on the keyboard
  press KEY...                    key presses, e.g. Down ctrl+Right Return
  do ACTION --role ROLE --name N  the object's named action, e.g. Press
  read --role ROLE [--name N] --at OFFSET --by word|line|sentence|char
                                  the text at an offset, and where the caret is

`--watch EVENT` (on type, press and do; repeatable, e.g. object:text-caret-moved) also reports
the events of those kinds that arrive, waiting until each kind has come or the deadline passes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pyatspi
from accessible import describe, find, is_showing, outline, tree
from gi.repository import Atspi, GLib
from x11 import focus_window_at, keysym

APP_NAME = "MatrixDesk"
POLL_INTERVAL = 0.05  # seconds between two looks at the tree while waiting
MODIFIERS = {"shift": 1 << 0, "ctrl": 1 << 2, "alt": 1 << 3}  # X11 modifier masks
BOUNDARIES = {
    "char": pyatspi.TEXT_BOUNDARY_CHAR,
    "word": pyatspi.TEXT_BOUNDARY_WORD_START,
    "sentence": pyatspi.TEXT_BOUNDARY_SENTENCE_START,
    "line": pyatspi.TEXT_BOUNDARY_LINE_START,
}
T = TypeVar("T")


class NotFoundError(Exception):
    """A wait ran out: what was awaited is not there."""


def wait_until(look: Callable[[], T | None], what: str, timeout: float) -> T:
    """The first true answer of `look()`, asked every POLL_INTERVAL (pending AT-SPI events are
    handled between looks) until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        _handle_events()
        try:
            found = look()
        except GLib.Error:  # an object went away while we looked: look again
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise NotFoundError(f"{what}: not there after {timeout:.0f} s")
        time.sleep(POLL_INTERVAL)


def _handle_events() -> None:
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def app_frame(timeout: float) -> tuple[Any, Any]:
    """The app and its showing frame."""

    def look() -> tuple[Any, Any] | None:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == APP_NAME:
                app.clearCache()  # what we read must be what the app says now
                frames = [f for f in app if f is not None and f.getRoleName() == "frame"]
                if frames and is_showing(frames[0]):
                    return app, frames[0]
        return None

    return wait_until(look, f"the {APP_NAME} frame", timeout)


def one(app: Any, role: str | None, name: str | None, timeout: float) -> Any:
    """The first showing object with this role and name, once there is one."""
    return wait_until(lambda: next(iter(fresh(app, role, name)), None), f"{role} {name!r}", timeout)


def fresh(app: Any, role: str | None, name: str | None) -> list[Any]:
    """`find`, after forgetting what libatspi remembers of the app: the answer is for now."""
    app.clearCache()
    return find(app, role, name)


class Events:
    """Records the AT-SPI events of the kinds asked for, from when it is made."""

    def __init__(self, kinds: list[str]) -> None:
        self.kinds = kinds
        self.seen: list[dict[str, Any]] = []
        for kind in kinds:
            pyatspi.Registry.registerEventListener(self._record, kind)

    def _record(self, event: Any) -> None:
        source = event.source
        try:
            role, name = (source.getRoleName(), source.name) if source else (None, None)
        except GLib.Error:  # the source is gone already (a control rebuilt): keep the event
            role, name = None, None
        self.seen.append(
            {
                "type": event.type,
                "role": role,
                "name": name,
                "detail1": event.detail1,
                "detail2": event.detail2,
                "data": event.any_data if isinstance(event.any_data, str | int) else None,
            }
        )

    def wait(self, timeout: float) -> list[dict[str, Any]]:
        """The events seen, once one of each kind has come (or after `timeout` seconds)."""
        with contextlib.suppress(NotFoundError):  # saying that none came is the answer
            wait_until(
                lambda: all(any(e["type"].startswith(k) for e in self.seen) for k in self.kinds),
                "events " + ", ".join(self.kinds),
                timeout,
            )
        return self.seen


def activate(frame: Any, timeout: float) -> None:
    """Make the app's window the active one, as a window manager would when it opened, so that
    key presses reach it and focus is reported as a screen reader would see it."""
    if frame.getState().contains(pyatspi.STATE_ACTIVE):
        return
    x, y, width, height = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    if not focus_window_at(x + width // 2, y + height // 2):
        raise NotFoundError(f"no X window under the frame at {x},{y} {width}x{height}")
    wait_until(lambda: frame.getState().contains(pyatspi.STATE_ACTIVE), "window active", timeout)


def press(keys: list[str]) -> None:
    """Each key (an X keysym name, with modifiers: ctrl+Right) pressed and released through the
    AT-SPI registry, which types it on the X server."""
    for key in keys:
        *modifiers, name = key.split("+")
        code = keysym(name)
        if not code:
            raise SystemExit(f"driver: no key named {name!r} (use X keysym names: Down, Return)")
        mask = sum(MODIFIERS[m.lower()] for m in modifiers)
        if mask:
            pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_SYM)
        if mask:
            pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)


def focus(target: Any, timeout: float) -> None:
    target.queryComponent().grabFocus()
    wait_until(
        lambda: target.getState().contains(pyatspi.STATE_FOCUSED), "focus moved there", timeout
    )


def wait_for(args: argparse.Namespace, app: Any, frame: Any) -> list[Any]:
    def look() -> list[Any]:
        found = [f for f in fresh(app, args.role, args.name) if args.contains in (f.name or "")]
        return found if len(found) >= args.count else []

    found = wait_until(look, f"{args.count} showing {args.role} {args.contains!r}", args.timeout)
    return [describe(each) for each in found]


def type_text(args: argparse.Namespace, app: Any, frame: Any) -> dict[str, Any]:
    target = one(app, None, args.into, args.timeout)
    if args.keys:
        activate(frame, args.timeout)
        focus(target, args.timeout)
        pyatspi.Registry.generateKeyboardEvent(0, args.text, pyatspi.KEY_STRING)
    else:
        editable = target.queryEditableText()
        editable.insertText(target.queryText().caretOffset, args.text, len(args.text))
    return {"target": describe(target)}


def press_keys(args: argparse.Namespace, app: Any, frame: Any) -> dict[str, Any]:
    activate(frame, args.timeout)
    press(args.keys)
    return {}


def do_action(args: argparse.Namespace, app: Any, frame: Any) -> dict[str, Any]:
    target = one(app, args.role, args.name, args.timeout)
    action = target.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if args.action not in names:
        raise SystemExit(f"driver: {args.role} {args.name!r} has no {args.action}: {names}")
    described = describe(target)  # before: an action may replace the object (a rebuilt list)
    return {"done": action.doAction(names.index(args.action)), "target": described}


def read_text(args: argparse.Namespace, app: Any, frame: Any) -> dict[str, Any]:
    target = one(app, args.role, args.name, args.timeout)
    text = target.queryText()
    words, start, end = text.getTextAtOffset(args.at, BOUNDARIES[args.by])
    return {"text": words, "start": start, "end": end, "caret": text.caretOffset}


def dump(args: argparse.Namespace, app: Any, frame: Any) -> dict[str, Any]:
    root = tree(app, args.full_text)
    return root if args.all else _showing(root)


COMMANDS: dict[str, Callable[[argparse.Namespace, Any, Any], Any]] = {
    "wait-app": lambda args, app, frame: describe(frame),
    "dump": dump,
    "wait": wait_for,
    "type": type_text,
    "press": press_keys,
    "do": do_action,
    "read": read_text,
}


def run(args: argparse.Namespace) -> Any:
    app, frame = app_frame(args.timeout)
    watched = getattr(args, "watch", None)
    # Listen before acting. Qt sends only the events some client listens for, and learns of a
    # new listener from the registry's signal; every command asks the app something before it
    # acts, and that question reaches the app after the signal, so no event is missed.
    events = Events(watched) if watched else None
    result = COMMANDS[args.command](args, app, frame)
    if events is not None:
        result["events"] = events.wait(args.event_timeout)
    return result


def _showing(node: dict[str, Any]) -> dict[str, Any]:
    kept = [_showing(child) for child in node["children"] if "showing" in child["states"]]
    return {**node, "children": kept}


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON (for tests)")
    common.add_argument("--timeout", type=float, default=30.0, help="seconds to wait")
    watching = argparse.ArgumentParser(add_help=False)
    watching.add_argument("--watch", action="append", metavar="EVENT", help="report EVENTs")
    watching.add_argument("--event-timeout", type=float, default=3.0, metavar="SECONDS")
    top = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("wait-app", parents=[common])
    dump = commands.add_parser("dump", parents=[common])
    dump.add_argument("--all", action="store_true", help="hidden objects too")
    dump.add_argument("--full-text", action="store_true", help="all of each text")
    wait = commands.add_parser("wait", parents=[common])
    wait.add_argument("role")
    wait.add_argument("--name")
    wait.add_argument("--contains", default="", help="a part of the name")
    wait.add_argument("--count", type=int, default=1)
    typing = commands.add_parser("type", parents=[common, watching])
    typing.add_argument("text")
    typing.add_argument("--into", required=True, metavar="NAME")
    typing.add_argument("--keys", action="store_true", help="type on the keyboard")
    pressing = commands.add_parser("press", parents=[common, watching])
    pressing.add_argument("keys", nargs="+", metavar="KEY")
    doing = commands.add_parser("do", parents=[common, watching])
    doing.add_argument("action")
    doing.add_argument("--role")
    doing.add_argument("--name")
    reading = commands.add_parser("read", parents=[common])
    reading.add_argument("--role", required=True)
    reading.add_argument("--name")
    reading.add_argument("--at", type=int, default=0)
    reading.add_argument("--by", choices=BOUNDARIES, default="line")
    return top


def main() -> int:
    args = parser().parse_args()
    Atspi.set_timeout(10_000, -1)  # ms for an app's answer; the default, 800, fails on slow CI
    try:
        result = run(args)
    except NotFoundError as error:
        print(f"driver: {error}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(result))
    elif args.command == "dump":
        print("\n".join(outline(result)))
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
