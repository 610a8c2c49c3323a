"""Entry script of the frozen app: the same as `python -m matrixdesk`, with the environment
PyInstaller's bootloader changed put back first, for every program the app starts."""

import os
import sys

from matrixdesk.frozen_environment import restore_original_environment

restore_original_environment(os.environ)

from matrixdesk.app import main  # noqa: E402 - after the environment is restored

sys.exit(main())
