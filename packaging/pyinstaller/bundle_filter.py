"""What of Qt the frozen app keeps: the plugins and translations it uses, nothing else.

PyInstaller's PySide6 hooks collect every plugin of the modules the app imports; most of them
(other image formats, Wayland and EGL integrations, network and TLS back-ends, translations into
languages the app's English text never needs) only add size.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

# Plugin folders the app needs, and which plugins in them, by file name without its extension
# (and without "lib" on Linux and macOS): exact names, as they are in the PySide6 wheels, since
# guessing at prefixes once dropped the input contexts, the GL integrations and the Windows style.
KEPT_PLUGINS = {
    "platforms": {"qxcb", "qoffscreen", "qwindows", "qcocoa"},
    "imageformats": {"qsvg", "qico"},
    "iconengines": {"qsvgicon"},
    "platformthemes": {"qxdgdesktopportal"},
    # Dead keys and compose sequences (US-International "é", '"'), and input methods (IBus).
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    # OpenGL on X11, through GLX or EGL, which the xcb platform looks for when it starts.
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    # The native look: Windows' one style plugin (its Windows 10 and 11 styles), and macOS's.
    "styles": {"qmodernwindowsstyle", "qmacstyle"},
    # Printers, for File > Print: CUPS on Linux, the system's own on Windows and macOS.
    "printsupport": {"cupsprintersupport", "windowsprintersupport", "cocoaprintersupport"},
}
SYSTEM_ONLY = ("libcups.so",)
"""Libraries taken from the system, never bundled: CUPS must match the system's print service
and its configuration (and would bring its own TLS, Kerberos and Avahi libraries). Where it is
missing, the print plugin does not load and the app still writes PDFs; the .deb depends on it
(package.py finds it among the libraries the bundle loads from the system)."""


# Linux libraries that every supported desktop system has (glibc 2.36 or later, an X11 or
# XWayland session), which PyInstaller would copy from the build machine. A bundled copy is never
# newer than the system's, yet it is the one everything in the process loads: system code that
# needs the newer one fails (Mesa's drivers need a newer C++ runtime), and an older fontconfig
# misreads a newer system's fonts.conf. The .deb depends on their packages instead (package.py
# works them out); the bundle keeps what minimal systems lack (the xcb utility libraries,
# xkbcommon), and Qt, ICU, Python and SQLite, whose versions the app is tested with.
SYSTEM_LIBRARIES = {
    # The C++ runtime, and what libsystemd (through D-Bus) and Python's compressors load.
    "libstdc++.so.6",
    "libgcc_s.so.1",
    "libsystemd.so.0",
    "libgcrypt.so.20",
    "libgpg-error.so.0",
    "liblz4.so.1",
    "libzstd.so.1",
    "liblzma.so.5",
    "libcap.so.2",
    "libz.so.1",
    "libbz2.so.1.0",
    "libuuid.so.1",
    # Fonts: fontconfig reads the system's configuration and must be the system's.
    "libfontconfig.so.1",
    "libfreetype.so.6",
    "libpng16.so.16",
    "libexpat.so.1",
    "libbrotlidec.so.1",
    "libbrotlicommon.so.1",
    # GLib (Qt's event loop on Linux), D-Bus and X11's client libraries.
    "libglib-2.0.so.0",
    "libgthread-2.0.so.0",
    "libpcre2-8.so.0",
    "libffi.so.8",
    "libdbus-1.so.3",
    "libX11.so.6",
    "libX11-xcb.so.1",
    "libXau.so.6",
    "libXdmcp.so.6",
    "libbsd.so.0",
    "libmd.so.0",
}


def plugin_name(file_name: str) -> str:
    """A plugin's name as KEPT_PLUGINS spells it: libqxcb.so, qxcb.dll, libqxcb.dylib -> qxcb."""
    name, _, extension = file_name.partition(".")
    return name if extension.lower() == "dll" else name.removeprefix("lib")


def _passes_plugin_filter(parts: tuple[str, ...]) -> bool:
    """Whether to keep a file: yes unless it is under .../plugins/<folder>/ and not one of the
    plugins the app uses."""
    if "plugins" not in parts:
        return True
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return True
    wanted = KEPT_PLUGINS.get(parts[at + 1])
    return wanted is not None and plugin_name(parts[-1]) in wanted


def without_system_only(imports_of):
    """`imports_of` (PyInstaller's: every library a file loads, its libraries' libraries too)
    less what a SYSTEM_ONLY library brings: that comes with it, from the system. Anything else
    the file needs through Qt is reached through Qt's own libraries."""

    def imports(path):
        found = imports_of(path)
        system = [where for name, where in found if name.startswith(SYSTEM_ONLY) and where]
        if not system:
            return found
        brought = {name for library in system for name, _ in imports_of(library)}
        return {
            (name, where)
            for name, where in found
            if name not in brought and not name.startswith(SYSTEM_ONLY)
        }

    return imports


def keep_binary(destination: str) -> bool:
    path = PurePath(destination)
    if path.name in SYSTEM_LIBRARIES or path.name.startswith(SYSTEM_ONLY):
        return False
    return _passes_plugin_filter(path.parts)


def keep_data(destination: str) -> bool:
    parts = PurePath(destination).parts
    if parts[-1] == "direct_url.json":
        return False  # where the package was installed from: the build machine's folder
    if "translations" in parts and any(p.startswith("PySide6") for p in parts):
        return False  # the interface is English; Qt's own strings need no translation files
    return _passes_plugin_filter(parts)


def _is_library(destination: str) -> bool:
    """A shared library that is there only because something else needs it (not a Python
    extension module, a Qt plugin, or the Python runtime itself)."""
    path = PurePath(destination)
    name = path.name.lower()
    if "plugins" in path.parts or name.endswith(".pyd") or ".cpython-" in name:
        return False
    if name.endswith(".abi3.so") or name.startswith(("libpython", "python3")):
        return False
    return ".so" in name or name.endswith((".dll", ".dylib"))


def prune_unreached(
    binaries: Iterable[tuple[str, str, str]],
    imports_of,
) -> list[tuple[str, str, str]]:
    """Drop the shared libraries that nothing kept needs any more: the dependencies of the
    plugins filtered out above (Wayland, EGL, GTK, OpenGL...)."""
    entries = list(binaries)
    libraries = {PurePath(e[0]).name.lower(): e for e in entries if _is_library(e[0])}
    needed: set[str] = set()
    todo = [e for e in entries if not _is_library(e[0])]
    while todo:
        entry = todo.pop()
        for name, _ in imports_of(entry[1]):
            key = name.lower()
            if key in libraries and key not in needed:
                needed.add(key)
                todo.append(libraries[key])
    return [e for e in entries if not _is_library(e[0]) or PurePath(e[0]).name.lower() in needed]
