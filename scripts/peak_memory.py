"""The peak resident memory of this process, for the benchmark's child processes."""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_rss_kb() -> int:
    """Peak resident set size in kB. On Linux this is VmHWM, the high-water mark of this
    process's own memory: `ru_maxrss` would also count the parent's, since exec carries the
    high-water mark of the address space it replaces (a child of a large benchmark process
    would report at least the parent's size)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, else kB
