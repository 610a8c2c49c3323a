#!/bin/sh
# Install the .deb from dist/, start MatrixDesk through /usr/bin/matrixdesk on a virtual X
# screen (Xvfb), photograph the screen with ImageMagick, and remove the package again.
# Usage (as root, after make package): packaging/linux/screenshot-installed.sh OUTPUT.png
set -eu
output=$(realpath "${1:?give the PNG file to write}")
deb=$(ls dist/matrixdesk_*.deb | tail -n 1)
settings=$(mktemp -d)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
trap 'dpkg --purge matrixdesk >/dev/null; rm -rf "$settings"' EXIT
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" sh -c "
    /usr/bin/matrixdesk --config-dir '$settings' --open alcohol/B5 &
    app=\$!
    # A real window on a real (virtual) X server takes a moment to map and paint.
    for _ in 1 2 3 4 5 6 7 8 9 10; do sleep 1; xwininfo -root -tree | grep -q MatrixDesk && break; done
    sleep 2
    import -window root '$output'
    kill \$app
"
echo "screenshot: $output"
