"""The demo without the Pulumi CLI: the project's program through ``run_program``.

First a record-only run (nothing is called: the planned jobs) and a preview (every emrflow
resource checked by the real provider server, no API call: the plan as ``pulumi preview`` sums it
up), then a run against the emulator (every resource created by the provider server), the
created jobs read back with ``EmrClient``, a second preview that must show no changes, and
``destroy()``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.demo import DemoError
from pulumi_emrflow.emulator import EmulatorProcess
from pulumi_emrflow.testing import (
    DeclaredResource,
    ProgramRun,
    ProgramRunError,
    preview_program,
    run_program,
)

__all__ = ["format_table", "run_offline"]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table, columns padded to their widest cell."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join("  " + line.rstrip() for line in lines)


def _project_names(run: ProgramRun) -> dict[str, str]:
    return {p.id: str(p.inputs.get("name", p.name)) for p in run.of_type("FlowProject")}


def _number(value: Any) -> Any:
    """Numbers come back from the wire as floats: show 1, not 1.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _plan_rows(run: ProgramRun) -> list[list[Any]]:
    projects = _project_names(run)
    jobs = sorted(run.of_type("FlowJob"), key=lambda job: str(job.inputs.get("name")))
    return [
        [
            job.inputs.get("name"),
            job.inputs.get("type"),
            projects.get(job.inputs.get("project_id", ""), job.inputs.get("project_id")),
            job.inputs.get("cluster_id", "-"),
            _number(job.inputs.get("max_retry", 0)),
        ]
        for job in jobs
    ]


def _read_back(client: EmrClient, jobs: Sequence[DeclaredResource]) -> list[list[Any]]:
    rows = []
    for job in jobs:
        project_id = job.outputs["project_id"]
        found = client.call("DescribeFlowJob", {"Id": job.id, "ProjectId": project_id})
        rows.append([found["Id"], found["Name"], found["Type"], project_id])
    return rows


def _summary(removed: Sequence[DeclaredResource]) -> str:
    counts: dict[str, int] = {}
    for resource in removed:
        counts[resource.kind] = counts.get(resource.kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def _flow_plan(project_dir: Path, stack: str) -> str:
    from datetime import datetime

    from pulumi_emrflow.plan import make_plan
    from pulumi_emrflow.plan.cli import SERVICE_CLOCK
    from pulumi_emrflow.plan.render import as_text

    try:
        flows = make_plan(project_dir, stack=stack, hours=48, start=datetime.now(SERVICE_CLOCK))
    except ProgramRunError as exc:
        raise DemoError(f"the plan failed: {exc}") from None
    return as_text(flows)


def run_offline(project_dir: Path, emulator: EmulatorProcess, stack: str) -> None:
    """Plan, create, read back and remove the project's resources on ``emulator``."""
    # A Ctrl-C inside the Pulumi runtime's event loop leaves a task behind, which asyncio logs
    # as an error with a traceback while the interruption unwinds. A failing run reaches us as
    # ProgramRunError, never through that logger, so the demo silences it.
    logging.getLogger("asyncio").disabled = True
    try:
        plan = run_program(project_dir, stack=stack)
    except ProgramRunError as exc:
        raise DemoError(f"the program failed: {exc}") from None
    print(f"\nPlanned jobs ({plan.project}, stack {stack}):")
    print(format_table(["name", "type", "project", "cluster", "retries"], _plan_rows(plan)))
    print("\nWhat the flows will run in the next 48 hours (`python -m pulumi_emrflow plan`):")
    print(_flow_plan(project_dir, stack), flush=True)
    try:
        preview = preview_program(project_dir, emulator=emulator, stack=stack)
    except ProgramRunError as exc:
        raise DemoError(f"the preview failed: {exc}") from None
    print("\nPreview (what `pulumi preview` would show):")
    print(preview.format(), flush=True)
    try:
        run = run_program(project_dir, emulator=emulator, stack=stack)
    except ProgramRunError as exc:
        raise DemoError(f"creating the resources failed: {exc}") from None
    created = [f"{r.kind} {r.name} ({r.id})" for r in run.resources if r.status == "created"]
    print(f"\nCreated {len(created)} resources through the provider server:")
    print("\n".join(f"  {line}" for line in created))
    client = EmrClient.from_config(env=emulator.env())
    print("\nJobs read back from the emulator (DescribeFlowJob):")
    jobs = sorted(run.of_type("FlowJob"), key=lambda job: str(job.inputs.get("name")))
    rows = _read_back(client, jobs)
    print(format_table(["id", "name", "type", "project"], rows))
    try:
        again = run.preview()
    except ProgramRunError as exc:
        raise DemoError(f"the second preview failed: {exc}") from None
    print(f"\nPreview after the up: {again.summary()}")
    if again.changed:
        raise DemoError(f"the second preview expected no changes:\n{again.format()}")
    removed = run.destroy()
    left = client.call("ListFlowProject", {}).get("Total")
    print(f"\nremoved {len(removed)} resources, last created first: {_summary(removed)}.")
    print(f"ListFlowProject now returns {left} projects.", flush=True)
