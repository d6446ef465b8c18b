"""``python -m pulumi_emrflow.demo [PROJECT_DIR]``: see ``pulumi_emrflow.demo``."""

import sys

try:
    from pulumi_emrflow.demo import main
except KeyboardInterrupt:  # Ctrl-C while importing: nothing was started yet
    sys.exit(0)

sys.exit(main())
