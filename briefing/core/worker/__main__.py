"""``python -m briefing.core.worker``: run a render worker (see ``service``)."""

import sys

from briefing.core.worker.service import main

sys.exit(main())
