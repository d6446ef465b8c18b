"""What a job is and where it runs: allowed job types (per stack too) and no LOCAL mode."""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import FLOW_JOB, is_unknown
from pulumi_emrflow.specs.flow_job import JOB_TYPES

_TYPE_LIST = {"type": "array", "items": {"type": "string", "enum": list(JOB_TYPES)}}

JOB_TYPE_SCHEMA: Schema = {
    "allowedTypes": {
        **_TYPE_LIST,
        "description": "Job types allowed in every stack.",
        "default": list(JOB_TYPES),
    },
    "forbiddenTypes": {
        **_TYPE_LIST,
        "description": "Job types forbidden in every stack.",
        "default": [],
    },
    "forbiddenTypesByStack": {
        "type": "object",
        "additionalProperties": _TYPE_LIST,
        "description": "Stack name pattern (shell-style, e.g. 'prod*') -> job types forbidden "
        "in the stacks it matches.",
        "default": {"prod*": ["SHELL"]},
    },
}


def check_job_type(job: Subject, settings: Settings) -> Iterator[str]:
    """The job's type must be allowed, not forbidden, and not forbidden in this stack."""
    job_type = job.props.get("type")
    if job_type is None or is_unknown(job_type):
        return
    fix = "use another job type or change {key} in the policy config"
    allowed = list(settings["allowedTypes"] or [])
    if job_type not in allowed:
        yield (
            f"{job.label}: type {job_type} is not in allowedTypes ({', '.join(allowed) or 'none'}) "
            f"(property `type`). Fix: {fix.format(key='allowedTypes')}."
        )
    if job_type in (settings["forbiddenTypes"] or []):
        yield (
            f"{job.label}: type {job_type} is in forbiddenTypes (property `type`). "
            f"Fix: {fix.format(key='forbiddenTypes')}."
        )
    by_stack = settings["forbiddenTypesByStack"] or {}
    if job.stack is None:
        patterns = [pattern for pattern, types in by_stack.items() if job_type in (types or [])]
        if patterns:
            yield (
                f"{job.label}: could not tell the stack, so forbiddenTypesByStack was not "
                f"checked ({job_type} is forbidden in stacks matching "
                f"{', '.join(repr(p) for p in patterns)}) (property `type`). Fix: run the pack "
                "through the Pulumi CLI, or give the stack (PULUMI_STACK, or the resource's URN)."
            )
        return
    for pattern, types in by_stack.items():
        if fnmatchcase(job.stack, pattern) and job_type in (types or []):
            yield (
                f"{job.label}: {job_type} jobs are forbidden in stack '{job.stack}' "
                f"(forbiddenTypesByStack['{pattern}']) (property `type`). "
                f"Fix: {fix.format(key='forbiddenTypesByStack')}."
            )


def check_not_local(job: Subject, settings: Settings) -> Iterator[str]:
    """LOCAL mode runs the job on the cluster's master (header/gateway) node."""
    if job.props.get("mode") == "LOCAL":
        yield (
            f"{job.label}: mode is LOCAL, which runs the job on the cluster's master node and "
            "competes with the cluster's own services (property `mode`). "
            "Fix: set mode='YARN' (or leave it unset)."
        )


def job_type_allowed(enforcement_level: EnforcementLevel | None = None) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-type-allowed",
        "FlowJob types must be allowed by the organization (e.g. no SHELL jobs in prod stacks).",
        [FLOW_JOB],
        check_job_type,
        JOB_TYPE_SCHEMA,
        enforcement_level,
        "Change the job's type, or adjust allowedTypes / forbiddenTypes / forbiddenTypesByStack.",
    )


def no_local_mode(enforcement_level: EnforcementLevel | None = None) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-no-local-mode",
        "FlowJobs must not use LOCAL mode (it runs on the cluster's master node).",
        [FLOW_JOB],
        check_not_local,
        None,
        enforcement_level,
        "Set mode to YARN.",
    )
