"""``python -m pulumi_emrflow export``: the arguments, and the one clear line a failure prints.

Credentials, region and endpoint resolve as the provider resolves them outside a stack
(``EmrClient.from_config``: the flags given here, then the environment variables the README
lists).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.errors import ApiError, EmrError
from pulumi_emrflow.export.declarations import Program, declare
from pulumi_emrflow.export.files import Target, render, write_folder
from pulumi_emrflow.export.names import words
from pulumi_emrflow.export.progress import Progress
from pulumi_emrflow.export.snapshot import ProjectNotFoundError, Reader

_PROJECT_ID = re.compile(r"^FP-[0-9A-Za-z]+$")


def add_parser(commands: Any) -> None:
    """Add ``export`` to the subcommands of ``python -m pulumi_emrflow``."""
    parser = commands.add_parser(
        "export",
        help="write a Pulumi program that adopts existing projects",
        description="Read EMR data-development projects (cluster settings, folders, jobs) and "
        "write a Pulumi project folder whose first `pulumi up` adopts them unchanged.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--project", action="append", metavar="FP-...", help="a project id")
    which.add_argument("--all-projects", action="store_true", help="every project")
    parser.add_argument("--region", help="default: as the provider's (ALICLOUD_REGION, ...)")
    parser.add_argument("--endpoint", help="default: EMRFLOW_ENDPOINT, else the region's")
    parser.add_argument("--out", type=Path, default=Path("emrflow-export"), help="the folder")
    parser.add_argument("--name", help="the Pulumi project name (default: from the projects)")
    parser.add_argument("--stack", default="dev", help="the stack settings template's stack")
    parser.add_argument("--force", action="store_true", help="replace an existing export")
    parser.set_defaults(run=run)


def _command(args: argparse.Namespace) -> str:
    parts = ["python -m pulumi_emrflow export"]
    parts += ["--all-projects"] if args.all_projects else [f"--project {p}" for p in args.project]
    if args.region:
        parts.append(f"--region {args.region}")
    return " ".join(parts)


def _project_name(program: Program, given: str | None) -> str:
    if given:
        return given
    names = [str(d.args.get("name", "")) for d in program.declarations]
    first = [d for d in program.declarations if d.spec.name == "flow_project"]
    label = "-".join(words(str(first[0].args.get("name", ""))) if len(first) == 1 else [])
    return label or ("emrflow-projects" if names else "emrflow-export")


def run(args: argparse.Namespace) -> int:
    for project in args.project or []:
        if not _PROJECT_ID.match(project):
            print(f"export: {project!r} is not a project id (FP-...)", file=sys.stderr)
            return 2
    progress = Progress()
    try:
        client = EmrClient.from_config(region=args.region, endpoint=args.endpoint)
        with Reader(client, progress) as reader:
            snapshots = reader.projects(args.project or [], every=args.all_projects)
        progress.done()
        program = declare(snapshots)
        target = Target(
            out=args.out,
            project=_project_name(program, args.name),
            stack=args.stack,
            region=client.region,
            endpoint=args.endpoint,
            command=_command(args),
        )
        write_folder(render(program, target), args.out, force=args.force)
    except (EmrError, ProjectNotFoundError, FileExistsError, OSError, ValueError) as exc:
        print(f"export: {_one_line(exc)}", file=sys.stderr)
        return 1
    print(f"export: wrote {args.out} ({len(program.declarations)} resources)", file=sys.stderr)
    return 0


_REFUSED_CREDENTIALS = ("InvalidAccessKeyId", "InvalidAccessKeySecret", "SignatureDoesNotMatch")


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, ApiError) and exc.code.startswith(_REFUSED_CREDENTIALS):
        # The service's message quotes its whole string to sign: the code says enough.
        return (
            f"the service refused the credentials ({exc.code}); check the access key pair "
            "(ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)"
        )
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())
