"""``plan``: what a stack's flows will run, in what order, and when, before ``pulumi up``.

The program runs offline in record-only mode (``testing.run_program`` without an emulator: no
API call, no credentials): every resource is recorded with a stand-in id. A job, cluster or
project created by the stack is shown by what the program calls it, marked as known after
``up``; a literal id (an existing job or cluster) is shown as given. Each flow's DAG comes in
stages (the jobs of a stage run side by side once the stages above have finished what they wait
for), its schedule in words (cron-descriptor) and its fire times in a window (croniter).

The service's schedule clock is taken to be China Standard Time (UTC+08:00), where the
E-MapReduce Flow service ran; ``--tz`` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from pulumi_emrflow.specs import get_spec
from pulumi_emrflow.specs.dag import stages
from pulumi_emrflow.specs.schedule import describe, epoch_ms, fire_times, quartz_problem
from pulumi_emrflow.testing import DeclaredResource, run_program

__all__ = ["FlowPlan", "Plan", "PlannedJob", "make_plan"]

MAX_FIRES = 50
"""Fire times listed per flow: enough for a day of a flow every half hour."""


@dataclass(frozen=True)
class PlannedJob:
    job: str
    """How the job is shown: its name, or the id it was given."""
    resource: str | None
    """The program's resource name for it, when the stack declares it."""
    type: str | None
    cluster: str
    after: list[str] = field(default_factory=list)
    """The jobs (as shown) it waits for."""


@dataclass(frozen=True)
class FlowPlan:
    resource: str
    name: str
    project: str
    cluster: str
    scheduled: bool
    cron_expr: str | None
    schedule: str
    start: str | None
    end: str | None
    fire_times: list[str]
    stages: list[list[PlannedJob]]
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    project: str
    stack: str
    window_from: str
    hours: float
    timezone: str
    flows: list[FlowPlan]


class _Names:
    """How a value another resource of the stack computes is shown."""

    def __init__(self, resources: list[DeclaredResource]) -> None:
        self.by_id = {r.id: r for r in resources if r.status in ("recorded", "mocked")}

    def show(self, value: Any) -> str:
        if not isinstance(value, str) or not value:
            return "(not set)"
        made = self.by_id.get(value)
        if made is None:
            return value
        name = made.inputs.get("name") if made.kind.startswith("Flow") else None
        return f"{made.kind} '{name or made.name}' (id known after up)"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _instant(value: Any, zone: tzinfo) -> datetime | None:
    ms = epoch_ms(value) if value is not None else None
    return datetime.fromtimestamp(ms / 1000, zone) if isinstance(ms, int) else None


def _flow_plan(
    flow: DeclaredResource,
    jobs: dict[str, DeclaredResource],
    names: _Names,
    window: tuple[datetime, datetime],
) -> FlowPlan:
    props = flow.inputs
    zone = window[0].tzinfo
    assert zone is not None
    problems = [f"{f.property}: {f.reason}" for f in _failures(props)]
    cluster = names.show(props.get("cluster_id"))
    if props.get("create_cluster"):
        cluster = f"a new cluster from template {cluster}"
    steps = [s for s in props.get("steps") or [] if isinstance(s, dict)]
    rows: list[list[PlannedJob]] = []
    if not any(p.startswith("steps:") for p in problems):
        for row in stages(steps):
            rows.append([_planned(job, steps, jobs, names, cluster) for job in row])
    start, end = (
        _instant(props.get("start_schedule"), zone),
        _instant(props.get("end_schedule"), zone),
    )
    expr = props.get("cron_expr") if isinstance(props.get("cron_expr"), str) else None
    times: list[str] = []
    if expr and expr.strip() and not quartz_problem(expr.strip()):
        low = max(window[0], start) if start else window[0]
        high = min(window[1], end) if end else window[1]
        if start is not None and low < high:
            before = low - timedelta(microseconds=1)  # a run at the window's first instant
            times = [_iso(t) for t in fire_times(expr.strip(), before, high, MAX_FIRES)]
    return FlowPlan(
        resource=flow.name,
        name=str(props.get("name")),
        project=names.show(props.get("project_id")),
        cluster=cluster,
        scheduled=props.get("scheduled") is True,
        cron_expr=expr,
        schedule=describe(expr.strip())
        if isinstance(expr, str) and expr.strip()
        else "not scheduled",
        start=_iso(start) if start else None,
        end=_iso(end) if end else None,
        fire_times=times,
        stages=rows,
        problems=problems,
    )


def _failures(props: dict[str, Any]) -> list[Any]:
    return get_spec("flow").check(props)[1]


def _planned(
    job_id: str,
    steps: list[dict[str, Any]],
    jobs: dict[str, DeclaredResource],
    names: _Names,
    flow_cluster: str,
) -> PlannedJob:
    declared = jobs.get(job_id)
    step = next(s for s in steps if str(s.get("job")) == job_id)
    after = [_shown(str(a), jobs) for a in step.get("after") or []]
    if declared is None:
        return PlannedJob(job_id, None, step.get("job_type"), flow_cluster, after)
    job_cluster = declared.inputs.get("cluster_id")
    return PlannedJob(
        _shown(job_id, jobs),
        declared.name,
        declared.inputs.get("type") or step.get("job_type"),
        names.show(job_cluster) if job_cluster else flow_cluster,
        after,
    )


def _shown(job_id: str, jobs: dict[str, DeclaredResource]) -> str:
    declared = jobs.get(job_id)
    return job_id if declared is None else str(declared.inputs.get("name") or declared.name)


def make_plan(
    directory: Path,
    *,
    stack: str = "dev",
    hours: float = 24,
    start: datetime,
    config: dict[str, str] | None = None,
) -> Plan:
    """The plan of the stack ``stack`` of the project in ``directory``, for the ``hours`` from
    ``start`` (an aware datetime, in the time zone the plan is shown in)."""
    run = run_program(directory, stack=stack, config=config or {})
    names = _Names(run.resources)
    jobs = {r.id: r for r in run.of_type("FlowJob")}
    window = (start, start + timedelta(hours=hours))
    flows = [_flow_plan(f, jobs, names, window) for f in run.of_type("Flow")]
    return Plan(run.project, run.stack, _iso(start), hours, str(start.tzinfo), flows)
