"""`python -m matrixdesk` behaves exactly like the `matrixdesk` command."""

import sys

from matrixdesk.app import main

sys.exit(main())
