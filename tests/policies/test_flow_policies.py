"""Flow policies: schedule interval, prod alerting, the jobs a flow runs, its cluster binding;
pure, then through the pack's Analyzer service as the engine runs it."""

from __future__ import annotations

from typing import Any

import pytest
from policy_harness import UNKNOWN, job, run, run_stack, stack_resource

from pulumi_emrflow import policies as p
from pulumi_emrflow.policies import FLOW, FLOW_JOB, FLOW_PROJECT, FLOW_PROJECT_CLUSTER_SETTING
from pulumi_emrflow.specs import get_spec

ALERT = {"items": [{"enable": True, "eventId": "EMR-210401001", "alertUserGroupIdList": ["AUG-1"]}]}


def flow(**overrides: Any) -> dict[str, Any]:
    """A compliant Flow's checked inputs (the provider's check accepts them)."""
    props = {
        "project_id": "FP-1",
        "name": "daily",
        "description": "daily ETL",
        "cluster_id": "C-1",
        "cron_expr": "0 0 2 * * ?",
        "start_schedule": "2026-12-01T00:00:00+08:00",
        "steps": [{"job": "FJ-1"}],
        "alert_conf": ALERT,
        **overrides,
    }
    checked, failures = get_spec("flow").check({k: v for k, v in props.items() if v is not None})
    assert not failures, failures
    return checked


@pytest.mark.parametrize(
    ("expr", "reported"),
    [
        ("0 0 2 * * ?", False),
        ("0 0/5 * * * ?", False),
        ("0 */1 * * * ?", True),
        ("*/30 * * * * ?", True),
        ("0 0,2 * * * ?", True),
        ("0 0 2 ? * MON-FRI", False),
    ],
)
def test_min_interval(expr: str, reported: bool) -> None:
    messages = run(p.flow_min_interval(), flow(cron_expr=expr), resource_type=FLOW, name="daily")
    assert bool(messages) is reported
    if reported:
        assert "Flow 'daily': cron_expr" in messages[0] and "property `cron_expr`" in messages[0]


def test_min_interval_is_configurable_and_skips_unknowns() -> None:
    hourly = flow(cron_expr="0 0 * * * ?")
    policy = p.flow_min_interval()
    assert run(policy, hourly, resource_type=FLOW, config={"minIntervalMinutes": 120}) != []
    assert run(policy, {**hourly, "cron_expr": UNKNOWN}, resource_type=FLOW) == []


def test_prod_flows_need_failure_alerting() -> None:
    bare = flow(alert_conf=None)
    policy = p.flow_prod_alerting()
    assert run(policy, bare, resource_type=FLOW, stack="dev") == []
    [message] = run(policy, bare, resource_type=FLOW, name="daily", stack="prod-eu")
    assert "Flow 'daily' in stack 'prod-eu': no failure alert" in message
    assert run(policy, flow(), resource_type=FLOW, stack="prod") == []
    assert run(policy, {**bare, "alert_conf": UNKNOWN}, resource_type=FLOW, stack="prod") == []


def _flow_resource(props: dict[str, Any], steps_from: list[Any] | None = None) -> Any:
    return stack_resource(FLOW, "daily", props, {"steps": steps_from} if steps_from else None)


def test_a_flow_runs_scheduled_jobs_of_its_project() -> None:
    own = stack_resource(FLOW_JOB, "own", {**job(), "job_id": "FJ-1"})
    assert run_stack(p.flow_jobs_in_project(), [own, _flow_resource(flow())]) == []
    other = stack_resource(FLOW_JOB, "other", {**job(project_id="FP-2"), "job_id": "FJ-1"})
    [(urn, message)] = run_stack(p.flow_jobs_in_project(), [other, _flow_resource(flow())])
    assert "runs FlowJob 'other' of another project" in message and urn.endswith("::daily")
    adhoc = stack_resource(FLOW_JOB, "q", {**job(adhoc=True), "job_id": "FJ-1"})
    [(_, message)] = run_stack(p.flow_jobs_in_project(), [adhoc, _flow_resource(flow())])
    assert "an ad hoc job" in message


def test_during_preview_jobs_are_found_through_dependencies() -> None:
    project = stack_resource(FLOW_PROJECT, "lake", {"name": "lake", "description": "d"})
    other = stack_resource(FLOW_PROJECT, "other", {"name": "other", "description": "d"})
    preview_job = stack_resource(
        FLOW_JOB, "etl", {**job(), "project_id": UNKNOWN}, {"project_id": [other]}
    )
    preview_flow = stack_resource(
        FLOW,
        "daily",
        {**flow(), "project_id": UNKNOWN, "steps": [{"job": UNKNOWN}]},
        {"project_id": [project], "steps": [preview_job]},
    )
    [(_, message)] = run_stack(
        p.flow_jobs_in_project(), [project, other, preview_job, preview_flow]
    )
    assert "FlowJob 'etl' of another project" in message


def test_a_flow_cluster_must_be_bound_unless_it_makes_its_own() -> None:
    binding = stack_resource(
        FLOW_PROJECT_CLUSTER_SETTING, "b", {"project_id": "FP-1", "cluster_id": "C-1"}
    )
    policy = p.flow_cluster_bound()
    assert run_stack(policy, [binding, _flow_resource(flow())]) == []
    [(_, message)] = run_stack(policy, [binding, _flow_resource(flow(cluster_id="C-2"))])
    assert "Flow 'daily': cluster_id C-2 is not bound to project FP-1" in message
    template = flow(cluster_id="CT-1", create_cluster=True)
    assert run_stack(policy, [binding, _flow_resource(template)]) == []
