"""``python -m pulumi_emrflow plan [PROJECT_DIR] [--stack S] [--hours 24] [--format F]``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pulumi_emrflow.plan import make_plan
from pulumi_emrflow.plan.render import as_json, as_mermaid, as_text
from pulumi_emrflow.testing import ProgramRunError

SERVICE_CLOCK = timezone(timedelta(hours=8), "UTC+08:00")
RENDER = {"text": as_text, "json": as_json, "mermaid": as_mermaid}


def _zone(name: str) -> tzinfo:
    if name in ("UTC+08:00", "+08:00"):
        return SERVICE_CLOCK
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_emrflow plan",
        description="Show which jobs each Flow of a stack runs, in what order and when. The "
        "program runs offline (no API call, no credentials); ids created by the stack are "
        "shown by name.",
    )
    parser.add_argument("project_dir", nargs="?", default=".", help="the Pulumi project")
    parser.add_argument("--stack", default="dev", help="the stack (Pulumi.<stack>.yaml)")
    parser.add_argument("--hours", type=float, default=24, help="how far ahead to list runs")
    parser.add_argument("--format", choices=sorted(RENDER), default="text")
    parser.add_argument(
        "--from",
        dest="start",
        help="ISO 8601 start of the window (default: now)",
    )
    parser.add_argument(
        "--tz",
        type=_zone,
        default=SERVICE_CLOCK,
        help="the schedule's clock (default UTC+08:00, the service's; an IANA name)",
    )
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="stack config the program requires (e.g. a secret it reads), repeatable",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.hours <= 0:
        parser.error("--hours must be positive")
    zone: tzinfo = args.tz
    try:
        start = datetime.fromisoformat(args.start) if args.start else datetime.now(zone)
    except ValueError:
        parser.error(f"--from {args.start!r} is not an ISO 8601 time")
    start = start.replace(tzinfo=zone) if start.tzinfo is None else start.astimezone(zone)
    config = dict(item.partition("=")[::2] for item in args.config)
    project_dir = Path(args.project_dir)
    if not any((project_dir / name).is_file() for name in ("Pulumi.yaml", "Pulumi.yml")):
        print(
            f"plan: {project_dir} has no Pulumi.yaml; give a Pulumi project's directory",
            file=sys.stderr,
        )
        return 1
    try:
        plan = make_plan(
            project_dir, stack=args.stack, hours=args.hours, start=start, config=config
        )
    except (ProgramRunError, FileNotFoundError, ValueError) as exc:
        print(f"plan: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(RENDER[args.format](plan))
    return 0
