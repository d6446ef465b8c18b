"""``python -m pulumi_emrflow.demo [PROJECT_DIR]``: see ``pulumi_emrflow.demo``."""

import sys

try:
    from pulumi_emrflow.demo import main
except KeyboardInterrupt:  # Ctrl-C while importing: nothing was started yet
    sys.exit(0)

try:
    status = main()
except KeyboardInterrupt:  # landed in main's own clean-up, which still ran to the end
    status = 0
sys.exit(status)
