#!/bin/sh
# Qt's offscreen platform (tests, the smoke test) and its xcb platform (the desktop, under X11 or
# XWayland) need shared libraries that a minimal Debian may lack; Qt 6.5 and later will not load
# xcb without libxcb-cursor0. The accessibility tests (tests/atspi) need a desktop of their own
# and a screen reader's view of the app: see $atspi below. Install what is missing only when we
# are allowed to (root with apt-get); otherwise name it.
set -eu

offscreen="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
xcb="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
     libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"
# An X server (xvfb); a session bus (dbus-x11 brings dbus-daemon, dbus-send and the session
# bus's configuration, on old and new releases alike); the AT-SPI bus and registry
# (at-spi2-core); and pyatspi for the system's python3, which the tests' driver runs under.
atspi="xvfb dbus-x11 at-spi2-core python3-pyatspi"
# The print tests read the PDFs the app writes with poppler's pdftotext, pdffonts and pdftoppm
# (the screenshots of printouts too). The app itself never needs them.
pdf="poppler-utils"
# xsltproc runs the Windows installer's harvest filter (tests/test_windows_installer.py), as
# heat runs it on Windows.
tools="xsltproc"

missing_of() {
    for package in "$@"; do
        if command -v dpkg-query >/dev/null 2>&1 &&
            ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
            printf ' %s' "$package"
        fi
    done
}
missing=$(missing_of $offscreen $xcb)
missing_atspi=$(missing_of $atspi)
missing_pdf=$(missing_of $pdf)
missing_atspi=$(missing_of $atspi $tools)

[ -z "$missing$missing_atspi$missing_pdf" ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    # The app runs without the accessibility tests' packages: those tests skip and say why.
    if [ -n "$missing_atspi" ]; then
        echo "The accessibility and installer tests need these system packages:$missing_atspi" >&2
        echo "Without them they are skipped (e.g. sudo apt-get install$missing_atspi)." >&2
    fi
    if [ -n "$missing_pdf" ]; then
        echo "The print and PDF tests need these system packages:$missing_pdf" >&2
        echo "Without them they are skipped (e.g. sudo apt-get install$missing_pdf)." >&2
    fi
    if [ -n "$missing" ]; then
        echo "MatrixDesk needs these system libraries for Qt:$missing" >&2
        echo "Install them with your package manager (e.g. sudo apt-get install$missing) and re-run." >&2
        exit 1
    fi
    exit 0
fi
echo "Installing system packages:$missing$missing_atspi$missing_pdf"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing $missing_atspi $missing_pdf >/dev/null
