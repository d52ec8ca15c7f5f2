"""``python -m figures``: the same as the ``figures`` command."""

import sys

from .cli import main

sys.exit(main())
