"""The exported folder: the program, Pulumi.yaml, requirements.txt, a stack settings template
and a README stub. Nothing in them depends on the time or the machine, so two exports of an
unchanged project are byte-identical; no secret value is ever written."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pulumi_emrflow._version import __version__
from pulumi_emrflow.export.declarations import Program
from pulumi_emrflow.export.source import program as program_source

STACK_FILE = "Pulumi.{stack}.yaml"


@dataclass(frozen=True)
class Target:
    """Where and how the folder is written."""

    out: Path
    project: str
    """The Pulumi project name (Pulumi.yaml ``name``)."""
    stack: str
    region: str
    endpoint: str | None
    """Written to the stack settings when the export was pointed at one (an emulator)."""
    command: str
    """The command line that made it, for the README (no credentials in it)."""


def render(program: Program, target: Target) -> dict[str, str]:
    """File name -> content."""
    summary = _summary(program)
    docstring = [
        f"{target.project}: EMR data development exported as a program that adopts it.",
        "",
        f"{summary}.",
        "",
        f"Written by pulumi-emrflow {__version__} (see README.md):",
        "",
        f"    {target.command}",
        "",
        "Every resource has adopt=True: the first `pulumi up` takes the existing objects over",
        "and changes nothing while they are as declared here.",
    ]
    return {
        "__main__.py": program_source(program, docstring),
        "Pulumi.yaml": _pulumi_yaml(target, summary),
        "requirements.txt": f"pulumi>=3.216,<4\npulumi-emrflow=={__version__}\n",
        STACK_FILE.format(stack=target.stack): _stack_yaml(program, target),
        "README.md": _readme(program, target, summary),
    }


def _summary(program: Program) -> str:
    counts: dict[str, int] = {}
    for d in program.declarations:
        counts[d.spec.type_name] = counts.get(d.spec.type_name, 0) + 1
    return ", ".join(f"{n} {name}" for name, n in counts.items()) or "nothing"


def _pulumi_yaml(target: Target, summary: str) -> str:
    return (
        f"name: {target.project}\n"
        f"description: EMR data development ({summary}) exported from {target.region}\n"
        "runtime:\n"
        "  name: python\n"
    )


def _stack_yaml(program: Program, target: Target) -> str:
    out = [
        f"# Settings of stack {target.stack}. The export writes no secret: set each key listed",
        "# below with `pulumi config set --secret KEY VALUE` (that replaces its line here).",
        "config:",
        f"  alicloud:region: {target.region}",
    ]
    if target.endpoint:
        out.append(f"  emrflow:endpoint: {target.endpoint}")
    out += [f'  # {target.project}:{s.key}: ""  # {s.what}' for s in program.secrets]
    return "\n".join(out) + "\n"


def _readme(program: Program, target: Target, summary: str) -> str:
    out = [
        f"# {target.project}",
        "",
        f"Made with pulumi-emrflow {__version__} by",
        "",
        "```sh",
        target.command,
        "```",
        "",
        f"from region {target.region}: {summary}, each declared with `adopt=True` and every",
        "argument the service returned. The first `pulumi up` takes them over without",
        "changing them:",
        "",
        "```sh",
        "python -m venv venv && venv/bin/pip install -r requirements.txt",
        f"pulumi stack init {target.stack}",
    ]
    out += [f"pulumi config set --secret {s.key} '...'" for s in program.secrets]
    out += [
        "pulumi up",
        "```",
        "",
        "What the export cannot read back: a job's `cluster_id` (DescribeFlowJob does not",
        "return it; the job keeps its cluster) and a project's `resource_group_id`.",
        "",
    ]
    if program.secrets:
        out += ["## Secrets to set", "", "None of these values was written to disk:", ""]
        out += [f"- `{s.key}`: {s.what}" for s in program.secrets]
        out.append("")
    return "\n".join(out)


def write_folder(files: dict[str, str], out: Path, *, force: bool = False) -> None:
    """Write ``files`` into ``out`` all at once: into a temporary folder beside it, then moved
    into place, so a failure leaves no partial folder. ``force`` replaces the exported files of
    an existing folder (not its stack settings, which may hold the secrets set since)."""
    out = out.absolute()
    if out.exists() and any(out.iterdir()) and not force:
        raise FileExistsError(f"{out} exists and is not empty; pass --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
        if not out.exists() or not any(out.iterdir()):
            if out.exists():
                out.rmdir()
            os.replace(staging, out)
            return
        for name in files:
            if name.startswith("Pulumi.") and name != "Pulumi.yaml" and (out / name).exists():
                continue
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
