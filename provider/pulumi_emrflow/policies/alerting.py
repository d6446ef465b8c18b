"""Failure alerting for scheduled (non-adhoc) jobs: advisory by default."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import FLOW_JOB, alert_items, contains_unknown, is_unknown

RECEIVER_LISTS = ("alertUserGroupIdList", "alertDingDingGroupList")

ALERTING_SCHEMA: Schema = {
    "requiredEventIds": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Event ids (e.g. EMR-210401001) that must each have an enabled alert "
        "item with receivers; empty means any one enabled item with receivers will do.",
        "default": [],
    },
}


def _alerting(item: Any) -> bool | None:
    """True when the item is enabled and has receivers; None when that is not known yet."""
    if not isinstance(item, dict):
        return None if is_unknown(item) else False
    enable = item.get("enable")
    receivers = [item.get(key) for key in RECEIVER_LISTS]
    if is_unknown(enable) or any(contains_unknown(r) for r in receivers):
        return None
    has_receivers = any(isinstance(r, list) and r for r in receivers)
    return enable is True and has_receivers


def check_failure_alerting(job: Subject, settings: Settings) -> Iterator[str]:
    adhoc = job.props.get("adhoc")
    if adhoc is True or is_unknown(adhoc):
        return
    items = alert_items(job.props.get("alert_conf"))
    if is_unknown(items):
        return
    items = items if isinstance(items, list) else []
    states = [(item, _alerting(item)) for item in items]
    if any(state is None for _, state in states):
        return
    example = (
        'alert_conf={"items": [{"enable": True, "eventId": "EMR-210401001", '
        '"alertUserGroupIdList": ["AUG-..."]}]}'
    )
    required = list(settings["requiredEventIds"] or [])
    if not required:
        if not any(state for _, state in states):
            yield (
                f"{job.label}: no failure alert is configured (no enabled alert_conf item with "
                f"a user group or DingTalk group) (property `alert_conf`). Fix: add one, e.g. "
                f"{example}."
            )
        return
    covered = {item.get("eventId") for item, state in states if state}
    missing = [event for event in required if event not in covered]
    if missing:
        yield (
            f"{job.label}: alerts for {', '.join(missing)} are not configured (property "
            f"`alert_conf`). Fix: add an enabled item with receivers for each, e.g. {example}."
        )


def failure_alerting(
    enforcement_level: EnforcementLevel | None = EnforcementLevel.ADVISORY,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-failure-alerting",
        "Scheduled (non-adhoc) FlowJobs should alert someone when they fail.",
        [FLOW_JOB],
        check_failure_alerting,
        ALERTING_SCHEMA,
        enforcement_level,
        "Add an enabled alert_conf item with a user group or DingTalk group.",
    )
