#!/bin/sh
# Tools `make package` needs on Debian/Ubuntu: dpkg-deb (in dpkg), wixl and msiinfo (msitools),
# and the X libraries Qt's xcb platform plugin links against, so that PyInstaller bundles them
# and the .deb's Depends line can be worked out from what the bundle really uses; patchelf, to
# clear the build machine's library paths from the bundle, and lintian, to check the .deb. Also
# Xvfb and ImageMagick, for the screenshot of the installed app, and setxkbmap (x11-xkb-utils),
# for the keyboard with dead keys the frozen app is tested with.
set -eu

needed="dpkg-dev wixl msitools libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1
xvfb xauth imagemagick file patchelf lintian x11-xkb-utils"
missing=""
for package in $needed; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "make package needs:$missing (install them with apt-get, as root)" >&2
    exit 1
fi
echo "Installing packaging tools:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
