"""Rules across the stack: each job's cluster is bound to its project in the same stack, and
job names are unique within a project.

During preview, ids of resources still to be created are unknown. Two unknown values are taken
as the same when they come from the same resources (Pulumi's property dependencies: a job and a
cluster setting whose ``project_id`` both come from one FlowProject); a known value is never
compared with an unknown one, so nothing is reported that could turn out fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_policy import EnforcementLevel, StackValidationPolicy

from pulumi_emrflow.policies.rules import Settings, StackResource, stack_policy
from pulumi_emrflow.policies.values import FLOW_JOB, FLOW_PROJECT_CLUSTER_SETTING, is_unknown

Ref = tuple[str, Any]
"""A comparable stand-in for a value: ("value", v) when known, ("from", urns) when computed."""


def reference(resource: StackResource, key: str) -> Ref | None:
    """None when the value is absent or unknown with nothing to compare it by."""
    value = resource.props.get(key)
    if value is None or value == "":
        return None
    if is_unknown(value):
        urns = resource.depends_on.get(key)
        return ("from", urns) if urns else None
    return ("value", value)


def _show(ref: Ref) -> str:
    kind, value = ref
    if kind == "value":
        return str(value)
    return "the value computed from " + ", ".join(sorted(u.rsplit("::", 1)[-1] for u in value))


def bindings_of(resources: list[StackResource]) -> set[tuple[Ref, Ref]] | None:
    """The (project, cluster) pairs the stack's cluster settings bind; None when one of them
    cannot be read (it might be the one a job or flow needs)."""
    bindings: set[tuple[Ref, Ref]] = set()
    for res in resources:
        if res.resource_type != FLOW_PROJECT_CLUSTER_SETTING:
            continue
        project, cluster = reference(res, "project_id"), reference(res, "cluster_id")
        if project is None or cluster is None:
            return None
        bindings.add((project, cluster))
    return bindings


def unbound_message(
    res: StackResource, bindings: set[tuple[Ref, Ref]], runner: str = "the job"
) -> str | None:
    """Why ``res``'s cluster is not bound to its project, or None when it is (or may be)."""
    project, cluster = reference(res, "project_id"), reference(res, "cluster_id")
    if project is None or cluster is None or (project, cluster) in bindings:
        return None
    if any(_undecidable(project, p) or _undecidable(cluster, c) for p, c in bindings):
        return None
    return (
        f"{res.label}: cluster_id {_show(cluster)} is not bound to project {_show(project)} "
        "by a FlowProjectClusterSetting in this stack (property `cluster_id`). Fix: add "
        "FlowProjectClusterSetting(project_id=..., cluster_id=...) for this pair to the "
        f"stack, or run {runner} on a cluster the project is bound to."
    )


def check_cluster_bound(
    resources: list[StackResource], settings: Settings
) -> Iterator[tuple[str, str]]:
    bindings = bindings_of(resources)
    if bindings is None:
        return
    for job in resources:
        if job.resource_type != FLOW_JOB:
            continue
        message = unbound_message(job, bindings)
        if message:
            yield job.urn, message


def _undecidable(a: Ref, b: Ref) -> bool:
    """A known value against a computed one: they might turn out equal."""
    return a[0] != b[0]


def check_unique_job_names(
    resources: list[StackResource], settings: Settings
) -> Iterator[tuple[str, str]]:
    seen: dict[tuple[Ref, str], StackResource] = {}
    for job in resources:
        if job.resource_type != FLOW_JOB:
            continue
        project, name = reference(job, "project_id"), job.props.get("name")
        if project is None or not isinstance(name, str) or is_unknown(name):
            continue
        first = seen.setdefault((project, name), job)
        if first is not job:
            yield (
                job.urn,
                f"{job.label}: another job, {first.label}, already has the name '{name}' in "
                f"project {_show(project)} (property `name`). Fix: give one of them another "
                "name; the service refuses a second job with the same name in a project.",
            )


def cluster_bound_to_project(
    enforcement_level: EnforcementLevel | None = None,
) -> StackValidationPolicy:
    return stack_policy(
        "emrflow-job-cluster-bound",
        "Every FlowJob's cluster_id must be bound to its project by a FlowProjectClusterSetting "
        "in the same stack.",
        check_cluster_bound,
        None,
        enforcement_level,
        "Add a FlowProjectClusterSetting for the job's project and cluster.",
    )


def unique_job_names(enforcement_level: EnforcementLevel | None = None) -> StackValidationPolicy:
    return stack_policy(
        "emrflow-job-unique-names",
        "No two FlowJobs in the stack may share a name within one project.",
        check_unique_job_names,
        None,
        enforcement_level,
        "Rename one of the jobs.",
    )
