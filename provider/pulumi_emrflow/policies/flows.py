"""Rules for flows: how often a schedule fires, failure alerting in prod stacks, what a flow
may run (jobs of its own project, not ad hoc), and the cluster it runs on (bound to its project).

Values not known yet (preview) are never reported; a job a flow runs is found by its id when
known, else through the flow's property dependencies (``steps`` comes from those FlowJobs).
"""

from __future__ import annotations

import fnmatch
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy

from pulumi_emrflow.policies.alerting import check_failure_alerting
from pulumi_emrflow.policies.rules import (
    Schema,
    Settings,
    StackResource,
    Subject,
    resource_policy,
    stack_policy,
)
from pulumi_emrflow.policies.stack import bindings_of, reference, unbound_message
from pulumi_emrflow.policies.values import FLOW_JOB, is_unknown, show_number
from pulumi_emrflow.specs import get_spec
from pulumi_emrflow.specs.schedule import fire_times, quartz_problem

FLOW = get_spec("flow").type_token
_SAMPLE = timedelta(days=8)
"""How far ahead a schedule is sampled for its shortest gap: a week covers every day-of-week
pattern; month-day patterns fire at most daily, which no sensible minimum forbids."""

INTERVAL_SCHEMA: Schema = {
    "minIntervalMinutes": {
        "type": "number",
        "description": "The shortest time allowed between two runs of a flow, in minutes.",
        "default": 5,
    },
}
PROD_SCHEMA: Schema = {
    "stacks": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Stack name patterns (fnmatch) whose flows must alert on failure.",
        "default": ["prod*"],
    },
}


def shortest_gap(expr: str, start: datetime | None = None) -> timedelta | None:
    """The shortest time between two consecutive fire times of ``expr`` in a sample window
    (None when it fires fewer than twice there)."""
    start = start or datetime(2027, 1, 4, tzinfo=UTC)  # a Monday: the sample starts a week
    times = fire_times(expr, start, start + _SAMPLE, limit=20_000)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return min(gaps) if gaps else None


def check_min_interval(flow: Subject, settings: Settings) -> Iterator[str]:
    expr = flow.props.get("cron_expr")
    if not isinstance(expr, str) or is_unknown(expr) or not expr.strip():
        return
    if quartz_problem(expr.strip()):
        return  # the provider's check reports it
    gap = shortest_gap(expr.strip())
    minimum = float(settings["minIntervalMinutes"])
    if gap is not None and gap < timedelta(minutes=minimum):
        yield (
            f"{flow.label}: cron_expr {expr!r} fires every {_duration(gap)}, more often than the "
            f"minimum of {show_number(settings['minIntervalMinutes'])} minutes (property "
            "`cron_expr`). Fix: schedule it less often, e.g. '0 */15 * * * ?' (every 15 minutes)."
        )


def _duration(gap: timedelta) -> str:
    seconds = int(gap.total_seconds())
    return f"{seconds // 60} min" if seconds % 60 == 0 and seconds else f"{seconds} s"


def check_prod_alerting(flow: Subject, settings: Settings) -> Iterator[str]:
    patterns = list(settings["stacks"] or [])
    if flow.stack is None:
        yield f"{flow.label}: the stack could not be told, so failure alerting was not checked."
        return
    if not any(fnmatch.fnmatchcase(flow.stack, pattern) for pattern in patterns):
        return
    for message in check_failure_alerting(flow, {"requiredEventIds": []}):
        yield message.replace(": no failure alert", f" in stack '{flow.stack}': no failure alert")


def _job_of(resources: list[StackResource], flow: StackResource) -> list[StackResource]:
    """The FlowJobs of the stack that ``flow`` runs (by id, or by dependency when unknown)."""
    steps = flow.props.get("steps")
    ids = set()
    if isinstance(steps, list):
        for step in steps:
            job = step.get("job") if isinstance(step, dict) else None
            if isinstance(job, str) and not is_unknown(job):
                ids.add(job)
    depends = flow.depends_on.get("steps", frozenset())
    return [
        r
        for r in resources
        if r.resource_type == FLOW_JOB
        and (r.urn in depends or r.props.get("job_id") in ids or r.props.get("id") in ids)
    ]


def check_flow_jobs(
    resources: list[StackResource], settings: Settings
) -> Iterator[tuple[str, str]]:
    for flow in resources:
        if flow.resource_type != FLOW:
            continue
        project = reference(flow, "project_id")
        for job in _job_of(resources, flow):
            adhoc = job.props.get("adhoc")
            if adhoc is True:
                yield (
                    flow.urn,
                    f"{flow.label}: runs {job.label}, an ad hoc job (property `steps`). Fix: "
                    "run a scheduled job (adhoc unset) in a flow, or drop the step.",
                )
            theirs = reference(job, "project_id")
            if project is None or theirs is None or project[0] != theirs[0]:
                continue  # a known value against a computed one might turn out equal
            if project != theirs:
                yield (
                    flow.urn,
                    f"{flow.label}: runs {job.label} of another project (property `steps`). "
                    "Fix: a flow runs jobs of its own project; declare the job with the "
                    "flow's project_id.",
                )


def check_flow_cluster_bound(
    resources: list[StackResource], settings: Settings
) -> Iterator[tuple[str, str]]:
    bindings = bindings_of(resources)
    if bindings is None:
        return
    for flow in resources:
        if flow.resource_type != FLOW or flow.props.get("create_cluster") is True:
            continue
        message = unbound_message(flow, bindings, "the flow")
        if message:
            yield flow.urn, message


def flow_min_interval(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-flow-min-interval",
        "A Flow's schedule may not fire more often than a minimum interval (default 5 minutes).",
        [FLOW],
        check_min_interval,
        INTERVAL_SCHEMA,
        enforcement_level,
        "Schedule the flow less often.",
    )


def flow_prod_alerting(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-flow-prod-alerting",
        "Flows in prod* stacks must alert someone when they fail.",
        [FLOW],
        check_prod_alerting,
        PROD_SCHEMA,
        enforcement_level,
        "Add an enabled alert_conf item with a user group or DingTalk group.",
    )


def flow_jobs_in_project(
    enforcement_level: EnforcementLevel | None = None,
) -> StackValidationPolicy:
    return stack_policy(
        "emrflow-flow-jobs-in-project",
        "Every job a Flow runs belongs to the flow's project and is not ad hoc.",
        check_flow_jobs,
        None,
        enforcement_level,
        "Run scheduled jobs of the flow's own project.",
    )


def flow_cluster_bound(enforcement_level: EnforcementLevel | None = None) -> StackValidationPolicy:
    return stack_policy(
        "emrflow-flow-cluster-bound",
        "Every Flow's cluster_id must be bound to its project by a FlowProjectClusterSetting in "
        "the same stack.",
        check_flow_cluster_bound,
        None,
        enforcement_level,
        "Add a FlowProjectClusterSetting for the flow's project and cluster.",
    )
