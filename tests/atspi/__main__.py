"""Start the app on a private desktop and run one driver command there, printing what it says:

    python -m tests.atspi dump                      the home grid's accessible tree
    python -m tests.atspi --open alcohol/B5 dump --full-text
    python -m tests.atspi --hold                    keep it running, for driver.py by hand

Run it from the repository with the project's Python (the app runs from it); the driver runs
under /usr/bin/python3 (python3-pyatspi). Everything started is stopped at the end.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from pathlib import Path

from tests.atspi.session import DRIVER, SYSTEM_PYTHON, Desktop, DesktopError, missing_tools


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.atspi", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--open", metavar="PLACE", help="open this place, e.g. alcohol/B5")
    parser.add_argument("--pack", type=Path, help="read this pack")
    parser.add_argument("--hold", action="store_true", help="keep the app running until Ctrl+C")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="a driver.py command")
    args = parser.parse_args()
    if missing := missing_tools():
        parser.exit(1, f"missing: {', '.join(missing)} (scripts/install-system-deps.sh)\n")
    if not args.hold and not args.command:
        parser.error("give a driver command (e.g. dump) or --hold")
    with tempfile.TemporaryDirectory(prefix="matrixdesk-atspi-") as folder:
        arguments: list[str | Path] = ["--config-dir", Path(folder) / "config"]
        arguments += ["--open", args.open] if args.open else []
        arguments += ["--pack", args.pack] if args.pack else []
        try:
            with Desktop(Path(folder)) as desktop:
                desktop.start_app(*arguments)
                desktop.run_driver("wait-app")
                if args.command:
                    print(desktop.run_driver(*args.command), end="")
                if args.hold:
                    _hold(desktop)
        except DesktopError as error:
            print(error, file=sys.stderr)
            return 1
    return 0


def _hold(desktop: Desktop) -> None:
    """Wait until the app exits, Ctrl+C, or SIGTERM; then the desktop is stopped as usual."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started in background
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    names = ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")
    exports = " ".join(f"{name}='{desktop.env[name]}'" for name in names)
    print(f"The app is running. In another shell:\n  export {exports}")
    print(f"  {SYSTEM_PYTHON} {DRIVER} dump\nCtrl+C stops it all.", flush=True)
    try:
        if desktop.app is not None:
            desktop.app.wait()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
