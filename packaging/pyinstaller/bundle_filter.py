"""What of Qt the frozen app keeps: the plugins and translations it uses, nothing else.

PyInstaller's PySide6 hooks collect every plugin of the modules the app imports; most of them
(other image formats, Wayland and EGL integrations, network and TLS back-ends, translations into
languages the app's English text never needs) only add size.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

# Plugin folders the app needs, and which plugins in them.
KEPT_PLUGINS = {
    "platforms": {"xcb", "offscreen", "windows", "cocoa"},
    "imageformats": {"svg", "ico"},
    "iconengines": {"svgicon"},
    "platformthemes": {"xdgdesktopportal"},
    "platforminputcontexts": {"compose", "ibus"},
    "xcbglintegrations": {"xcb-glx", "xcb-egl"},
    "styles": {"modernwindows", "windowsvista", "macstyle"},
    # Printers, for File > Print: CUPS on Linux, the system's own on Windows and macOS.
    "printsupport": {"cupsprintersupport", "windowsprintersupport", "cocoaprintersupport"},
}
SYSTEM_ONLY = ("libcups.so",)
"""Libraries taken from the system, never bundled: CUPS must match the system's print service
and its configuration (and would bring its own TLS, Kerberos and Avahi libraries). Where it is
missing, the print plugin does not load and the app still writes PDFs; the .deb depends on it
(package.py finds it among the libraries the bundle loads from the system)."""


def _passes_plugin_filter(parts: tuple[str, ...]) -> bool:
    """Whether to keep a file: yes unless it is under .../plugins/<folder>/ and not one of the
    plugins the app uses."""
    if "plugins" not in parts:
        return True
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return True
    folder, name = parts[at + 1], PurePath(parts[-1]).stem
    wanted = KEPT_PLUGINS.get(folder)
    if wanted is None:
        return False
    name = name.removeprefix("lib").removeprefix("q").removesuffix("d")
    return name in wanted


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
    if PurePath(destination).name.startswith(SYSTEM_ONLY):
        return False
    return _passes_plugin_filter(PurePath(destination).parts)


def keep_data(destination: str) -> bool:
    parts = PurePath(destination).parts
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
