"""The frozen app's environment, given back to the programs it starts.

PyInstaller's bootloader puts the bundle's own folder first on the library path
(`LD_LIBRARY_PATH`; `LIBPATH` on AIX) before Python starts, keeping the user's value in
`<NAME>_ORIG`, and marks the process with `_PYI_*` variables. A program the app starts (the web
browser, through xdg-open) would inherit all of it and load the bundle's libraries instead of its
own: on Debian 13 the browser then fails with "GLIBCXX_3.4.31 not found". The dynamic loader
read the library path when the app started, so putting the user's values back changes nothing
for the app itself, only for its children.
"""

from __future__ import annotations

from collections.abc import MutableMapping

LIBRARY_PATH_VARIABLES = ("LD_LIBRARY_PATH", "LIBPATH")
BOOTLOADER_PREFIX = "_PYI_"


def restore_original_environment(environ: MutableMapping[str, str]) -> None:
    """Make `environ` what it was before the bootloader changed it: each library path as the
    user had it (or unset, if it was), and no bootloader markers."""
    for name in LIBRARY_PATH_VARIABLES:
        original = environ.pop(f"{name}_ORIG", None)
        if original is None:
            environ.pop(name, None)
        else:
            environ[name] = original
    for name in [name for name in environ if name.startswith(BOOTLOADER_PREFIX)]:
        del environ[name]
