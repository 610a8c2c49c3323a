"""Entry script of the frozen app: the same as `python -m matrixdesk`."""

import sys

from matrixdesk.app import main

sys.exit(main())
