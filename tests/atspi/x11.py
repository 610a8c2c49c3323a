"""The little the driver asks of the X server itself, through libX11: key names, and giving a
window the keyboard, which a window manager would do when the window opened (the test desktop
has none)."""

from __future__ import annotations

import ctypes
from ctypes import POINTER, byref, c_char_p, c_int, c_ulong, c_void_p

REVERT_TO_PARENT = 2
CURRENT_TIME = 0

_x11 = ctypes.CDLL("libX11.so.6")
_x11.XOpenDisplay.restype = c_void_p
_x11.XOpenDisplay.argtypes = [c_char_p]
_x11.XDefaultRootWindow.restype = c_ulong
_x11.XDefaultRootWindow.argtypes = [c_void_p]
_x11.XTranslateCoordinates.argtypes = [
    c_void_p, c_ulong, c_ulong, c_int, c_int, POINTER(c_int), POINTER(c_int), POINTER(c_ulong)
]  # fmt: skip
_x11.XSetInputFocus.argtypes = [c_void_p, c_ulong, c_int, c_ulong]
_x11.XSync.argtypes = [c_void_p, c_int]
_x11.XCloseDisplay.argtypes = [c_void_p]
_x11.XStringToKeysym.restype = c_ulong
_x11.XStringToKeysym.argtypes = [c_char_p]


def keysym(name: str) -> int:
    """The X keysym called `name` (Down, Return, a, ...), or 0 if there is none."""
    return int(_x11.XStringToKeysym(name.encode()))


def focus_window_at(x: int, y: int) -> bool:
    """Give the keyboard to the top-level window at (x, y) on the screen of $DISPLAY; False if
    no window is there."""
    display = _x11.XOpenDisplay(None)
    if not display:
        raise RuntimeError("cannot open the X display named by $DISPLAY")
    try:
        root = _x11.XDefaultRootWindow(display)
        child, ignored_x, ignored_y = c_ulong(0), c_int(0), c_int(0)
        # With no window manager, top-level windows are the root's own children.
        _x11.XTranslateCoordinates(
            display, root, root, x, y, byref(ignored_x), byref(ignored_y), byref(child)
        )
        if not child.value:
            return False
        _x11.XSetInputFocus(display, child.value, REVERT_TO_PARENT, CURRENT_TIME)
        _x11.XSync(display, 0)
        return True
    finally:
        _x11.XCloseDisplay(display)
