"""``python -m pulumi_emrflow <command>``: one subcommand per tool (``export``; see ``--help``).

Each command module adds its parser with ``add_parser(commands)`` and sets ``run``, which returns
the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pulumi_emrflow.export import command as export_command


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pulumi_emrflow")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    export_command.add_parser(commands)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
