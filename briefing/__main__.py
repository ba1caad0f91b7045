"""``python -m briefing`` runs the same entry point as the ``briefing`` command."""

import sys

from briefing.cli import main

sys.exit(main())
