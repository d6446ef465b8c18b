"""Failure handling: retries within bounds, and fail_act chosen on purpose."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import FLOW_JOB, is_unknown, show_number
from pulumi_emrflow.specs.flow_job import FAIL_ACTS

RETRY_SCHEMA: Schema = {
    "minMaxRetry": {
        "type": "integer",
        "minimum": 0,
        "description": "Smallest max_retry allowed (an unset max_retry counts as 0).",
        "default": 0,
    },
    "maxMaxRetry": {
        "type": "integer",
        "minimum": 0,
        "description": "Largest max_retry allowed.",
        "default": 3,
    },
    "minRetryInterval": {
        "type": "integer",
        "minimum": 0,
        "description": "Smallest retry_interval (seconds) when the job retries (max_retry > 0); "
        "a retrying job must then set retry_interval.",
        "default": 30,
    },
    "maxRetryInterval": {
        "type": "integer",
        "minimum": 0,
        "description": "Largest retry_interval (seconds).",
        "default": 300,
    },
}

FAIL_ACT_SCHEMA: Schema = {
    "allowedFailActs": {
        "type": "array",
        "items": {"type": "string", "enum": list(FAIL_ACTS)},
        "description": "fail_act values allowed; fail_act must always be set.",
        "default": list(FAIL_ACTS),
    },
}


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def check_retry_bounds(job: Subject, settings: Settings) -> Iterator[str]:
    raw_retry = job.props.get("max_retry")
    if is_unknown(raw_retry):
        return
    retries = 0 if raw_retry is None else _int(raw_retry)
    low, high = settings["minMaxRetry"], settings["maxMaxRetry"]
    if retries is not None and not low <= retries <= high:
        shown = "unset (0)" if raw_retry is None else str(retries)
        yield (
            f"{job.label}: max_retry is {shown}, outside {show_number(low)}..{show_number(high)} "
            f"(property `max_retry`). Fix: set max_retry between {show_number(low)} and "
            f"{show_number(high)}, or change minMaxRetry/maxMaxRetry in the policy config."
        )
    raw_interval = job.props.get("retry_interval")
    if is_unknown(raw_interval):
        return
    low, high = settings["minRetryInterval"], settings["maxRetryInterval"]
    bounds = f"{show_number(low)}..{show_number(high)} seconds"
    if raw_interval is None:
        if retries is not None and retries > 0 and low > 0:
            yield (
                f"{job.label}: the job retries (max_retry={retries}) but retry_interval is not "
                f"set (property `retry_interval`). Fix: set retry_interval within {bounds}."
            )
        return
    interval = _int(raw_interval)
    if interval is None:
        return
    too_short = interval < low and (retries is None or retries > 0)
    if too_short or interval > high:
        yield (
            f"{job.label}: retry_interval is {interval} seconds, outside {bounds} "
            f"(property `retry_interval`). Fix: set retry_interval within {bounds}, or change "
            "minRetryInterval/maxRetryInterval in the policy config."
        )


def check_fail_act(job: Subject, settings: Settings) -> Iterator[str]:
    fail_act = job.props.get("fail_act")
    allowed = list(settings["allowedFailActs"] or [])
    if is_unknown(fail_act):
        return
    choices = " or ".join(repr(a) for a in allowed)
    if fail_act is None or fail_act == "":
        yield (
            f"{job.label}: fail_act is not set, so a failure does whatever the service defaults "
            f"to (property `fail_act`). Fix: set fail_act={choices} explicitly (CONTINUE skips "
            "the failed node, STOP stops the workflow instance)."
        )
    elif fail_act not in allowed:
        yield (
            f"{job.label}: fail_act {fail_act} is not allowed (property `fail_act`). "
            f"Fix: set fail_act={choices}, or change allowedFailActs in the policy config."
        )


def retry_bounds(enforcement_level: EnforcementLevel | None = None) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-retry-bounds",
        "FlowJob max_retry and retry_interval must stay within the configured bounds.",
        [FLOW_JOB],
        check_retry_bounds,
        RETRY_SCHEMA,
        enforcement_level,
        "Set max_retry and retry_interval within the bounds, or change the bounds.",
    )


def fail_act_explicit(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-fail-act-explicit",
        "FlowJobs must set fail_act explicitly (CONTINUE or STOP).",
        [FLOW_JOB],
        check_fail_act,
        FAIL_ACT_SCHEMA,
        enforcement_level,
        "Set fail_act to CONTINUE or STOP.",
    )
