"""Seeing whether any process opens or reads files in a folder, through Linux's inotify (test
support, no tests). Qt reads files in C++, where Python's audit hooks cannot see; the kernel sees
every open."""

from __future__ import annotations

import ctypes
import os
import struct
from pathlib import Path

_IN_ACCESS = 0x001
_IN_OPEN = 0x020
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows


class FileWatch:
    """Opens and reads of the files in one folder, from the moment the watch starts."""

    def __init__(self, folder: Path) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        if self._libc.inotify_add_watch(self._fd, bytes(folder), _IN_OPEN | _IN_ACCESS) < 0:
            os.close(self._fd)
            raise OSError(ctypes.get_errno(), f"cannot watch {folder}")

    def touched(self) -> list[str]:
        """Names of the files in the folder opened or read since the last call."""
        names = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return names
            at = 0
            while at < len(data):
                _, _, _, length = _EVENT.unpack_from(data, at)
                name = data[at + _EVENT.size : at + _EVENT.size + length].rstrip(b"\0")
                if name:  # events on the folder itself (being listed) have no name
                    names.append(name.decode())
                at += _EVENT.size + length

    def close(self) -> None:
        os.close(self._fd)
