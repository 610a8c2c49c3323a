"""Entry script of the frozen app: the same as `python -m matrixdesk`, with the environment
PyInstaller's bootloader changed put back first, for every program the app starts."""

import os
import re
import sys

from matrixdesk.frozen_environment import restore_original_environment

restore_original_environment(os.environ)

from matrixdesk.app import main  # noqa: E402 - after the environment is restored

try:
    status = main()
except ImportError as error:
    # The bundle leaves the desktop's own libraries (OpenGL, X11, fontconfig...) to the system:
    # on a system that lacks one, say so in words instead of a traceback.
    if not re.search(r"\blib\S*\.so", str(error)):
        raise
    print(
        f"MatrixDesk cannot start: a system library it needs is missing or unusable ({error}). "
        "README.txt in the portable folder lists what to install; the .deb installs it all.",
        file=sys.stderr,
    )
    status = 1
sys.exit(status)
