"""run_conf: memory and cores within limits, and who jobs are submitted as (never root)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import (
    FLOW_JOB,
    FLOW_PROJECT_CLUSTER_SETTING,
    is_unknown,
    run_conf,
    show_number,
)

FORBIDDEN_USERS = ("root",)
"""Never allowed as a submit user, whatever the allow-list says."""

LIMITS_SCHEMA: Schema = {
    "maxMemoryMb": {
        "type": "integer",
        "minimum": 1,
        "description": "Largest run_conf.memory (MB) a job may ask for.",
        "default": 16384,
    },
    "maxCores": {
        "type": "integer",
        "minimum": 1,
        "description": "Largest run_conf.cores a job may ask for.",
        "default": 8,
    },
}

SUBMIT_USER_SCHEMA: Schema = {
    "allowedUsers": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Users jobs may be submitted as (run_conf.user_name, and a cluster "
        "setting's default_user and users); empty means any user but root. root is never allowed.",
        "default": [],
    },
}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def check_run_conf_limits(job: Subject, settings: Settings) -> Iterator[str]:
    conf = run_conf(job.props.get("run_conf"))
    if not isinstance(conf, dict):
        return
    for key, limit_key, unit in (("memory", "maxMemoryMb", " MB"), ("cores", "maxCores", "")):
        value, limit = _number(conf.get(key)), settings[limit_key]
        if value is not None and limit is not None and value > limit:
            yield (
                f"{job.label}: run_conf.{key} is {show_number(value)}{unit}, above the limit of "
                f"{show_number(limit)}{unit} (property `run_conf`). Fix: lower run_conf.{key}, "
                f"or raise {limit_key} in the policy config."
            )


def _user_problem(user: Any, allowed: list[str]) -> str | None:
    if not isinstance(user, str) or not user or is_unknown(user):
        return None
    if user in FORBIDDEN_USERS:
        return f"'{user}' is never allowed as a submit user"
    if allowed and user not in allowed:
        return f"'{user}' is not in allowedUsers ({', '.join(allowed)})"
    return None


def check_submit_user(subject: Subject, settings: Settings) -> Iterator[str]:
    allowed = list(settings["allowedUsers"] or [])
    fix = "submit as a dedicated service user" + (
        f" from allowedUsers ({', '.join(allowed)})" if allowed else ""
    )
    if subject.resource_type == FLOW_JOB:
        conf = run_conf(subject.props.get("run_conf"))
        if isinstance(conf, dict):
            problem = _user_problem(conf.get("user_name"), allowed)
            if problem:
                yield (
                    f"{subject.label}: run_conf.user_name {problem} (property `run_conf`). "
                    f"Fix: {fix}."
                )
        return
    problem = _user_problem(subject.props.get("default_user"), allowed)
    if problem:
        yield f"{subject.label}: default_user {problem} (property `default_user`). Fix: {fix}."
    users = subject.props.get("users")
    if isinstance(users, list):
        for user in users:
            problem = _user_problem(user, allowed)
            if problem:
                yield (
                    f"{subject.label}: users contains {problem} (property `users`). "
                    f"Fix: remove it; {fix}."
                )


def run_conf_limits(enforcement_level: EnforcementLevel | None = None) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-run-conf-limits",
        "FlowJob run_conf memory and cores must stay within the configured limits.",
        [FLOW_JOB],
        check_run_conf_limits,
        LIMITS_SCHEMA,
        enforcement_level,
        "Lower run_conf.memory / run_conf.cores, or raise maxMemoryMb / maxCores.",
    )


def submit_user_allowed(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-submit-user-allowed",
        "Jobs must be submitted as an allowed user, never root.",
        [FLOW_JOB, FLOW_PROJECT_CLUSTER_SETTING],
        check_submit_user,
        SUBMIT_USER_SCHEMA,
        enforcement_level,
        "Set run_conf.user_name (or the cluster setting's default_user/users) to an allowed user.",
    )
