"""``python -m rolcompare`` — the same as the ``rolcompare`` command."""

import sys

from rolcompare.cli import main

sys.exit(main())
