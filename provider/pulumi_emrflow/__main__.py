"""``python -m pulumi_emrflow <command>``: one subcommand per tool (``export``, ``plan``; see
``--help``).

Each command module adds its parser with ``add_parser(commands)`` and sets ``run``, which returns
the exit code. ``plan`` keeps a parser of its own (its options are documented there); it is
listed here and its arguments are handed over whole.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pulumi_emrflow.export import command as export_command


def _plan(argv: Sequence[str]) -> int:
    from pulumi_emrflow.plan.cli import main as plan

    return plan(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["plan"]:
        return _plan(args[1:])
    parser = argparse.ArgumentParser(prog="python -m pulumi_emrflow")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    export_command.add_parser(commands)
    commands.add_parser(
        "plan",
        help="show which jobs each Flow runs, in what order and when (offline)",
        add_help=False,
    )
    if not args:
        parser.print_usage(sys.stderr)
        return 2
    parsed = parser.parse_args(args)
    code: int = parsed.run(parsed)
    return code


if __name__ == "__main__":
    sys.exit(main())
