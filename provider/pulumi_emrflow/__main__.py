"""``python -m pulumi_emrflow plan ...``: see ``pulumi_emrflow.plan``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "plan":
        print(
            "usage: python -m pulumi_emrflow plan [PROJECT_DIR] [--stack S] [--hours 24] "
            "[--format text|json|mermaid]",
            file=sys.stderr,
        )
        return 2
    from pulumi_emrflow.plan.cli import main as plan

    return plan(args[1:])


if __name__ == "__main__":
    raise SystemExit(main())
