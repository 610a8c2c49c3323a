#!/bin/sh
# Qt's offscreen platform (tests, the smoke test) and its xcb platform (the desktop, under X11 or
# XWayland) need shared libraries that a minimal Debian may lack; Qt 6.5 and later will not load
# xcb without libxcb-cursor0. Install them only when missing, and only when we are allowed to
# (root with apt-get); otherwise name them.
set -eu

offscreen="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
xcb="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
     libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"
needed="$offscreen $xcb"
missing=""
for package in $needed; do
    if command -v dpkg-query >/dev/null 2>&1 &&
        ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $package"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "MatrixDesk needs these system libraries for Qt:$missing" >&2
    echo "Install them with your package manager (e.g. sudo apt-get install$missing) and re-run." >&2
    exit 1
fi
echo "Installing system libraries for Qt:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
