"""Stack policies: cluster bindings and unique job names, with unknown ids during preview."""

from __future__ import annotations

from policy_harness import UNKNOWN, job, run_stack, stack_resource
from pulumi_policy import PolicyResource

from pulumi_emrflow import policies as p
from pulumi_emrflow.policies import FLOW_JOB, FLOW_PROJECT, FLOW_PROJECT_CLUSTER_SETTING


def _setting(name: str, cluster_id: str = "C-1") -> PolicyResource:
    props = {"project_id": "FP-1", "cluster_id": cluster_id, "default_user": "etl"}
    return stack_resource(FLOW_PROJECT_CLUSTER_SETTING, name, props)


def test_a_job_on_a_bound_cluster_passes() -> None:
    resources = [_setting("binding"), stack_resource(FLOW_JOB, "etl", job())]
    assert run_stack(p.cluster_bound_to_project(), resources) == []


def test_a_job_on_an_unbound_cluster_is_reported_on_the_job() -> None:
    etl = stack_resource(FLOW_JOB, "etl", job(cluster_id="C-2"))
    [(urn, message)] = run_stack(p.cluster_bound_to_project(), [_setting("binding"), etl])
    assert urn == etl.urn
    assert "FlowJob 'etl': cluster_id C-2 is not bound to project FP-1" in message
    assert "property `cluster_id`" in message and "FlowProjectClusterSetting(" in message
    assert len(run_stack(p.cluster_bound_to_project(), [etl])) == 1


def test_unknown_ids_match_through_their_dependencies_during_preview() -> None:
    project = stack_resource(FLOW_PROJECT, "lake", {"name": "lake", "description": "d"})
    other = stack_resource(FLOW_PROJECT, "other", {"name": "other", "description": "d"})
    preview_job = {**job(), "project_id": UNKNOWN}
    etl = stack_resource(FLOW_JOB, "etl", preview_job, {"project_id": [project]})
    bound = stack_resource(
        FLOW_PROJECT_CLUSTER_SETTING,
        "binding",
        {"project_id": UNKNOWN, "cluster_id": "C-1"},
        {"project_id": [project]},
    )
    elsewhere = stack_resource(
        FLOW_PROJECT_CLUSTER_SETTING,
        "binding",
        {"project_id": UNKNOWN, "cluster_id": "C-1"},
        {"project_id": [other]},
    )
    policy = p.cluster_bound_to_project()
    assert run_stack(policy, [project, bound, etl]) == []
    [(_, message)] = run_stack(policy, [project, other, elsewhere, etl])
    assert "project the value computed from lake" in message


def test_undecidable_bindings_report_nothing() -> None:
    policy = p.cluster_bound_to_project()
    etl = stack_resource(FLOW_JOB, "etl", job())
    unreadable = stack_resource(
        FLOW_PROJECT_CLUSTER_SETTING, "b", {"project_id": UNKNOWN, "cluster_id": "C-1"}
    )
    assert run_stack(policy, [unreadable, etl]) == []
    project = stack_resource(FLOW_PROJECT, "lake", {"name": "lake"})
    computed = stack_resource(
        FLOW_PROJECT_CLUSTER_SETTING,
        "b",
        {"project_id": UNKNOWN, "cluster_id": "C-1"},
        {"project_id": [project]},
    )
    assert run_stack(policy, [computed, etl]) == []  # "FP-1" may be the project's id
    no_cluster = stack_resource(FLOW_JOB, "adhoc", job(cluster_id=None))
    assert run_stack(policy, [no_cluster]) == []


def test_job_names_are_unique_per_project() -> None:
    policy = p.unique_job_names()
    first = stack_resource(FLOW_JOB, "etl", job())
    second = stack_resource(FLOW_JOB, "etl-copy", job())
    other_project = stack_resource(FLOW_JOB, "etl-2", job(project_id="FP-2"))
    [(urn, message)] = run_stack(policy, [first, second, other_project])
    assert urn == second.urn
    assert "FlowJob 'etl-copy': another job, FlowJob 'etl', already has the name" in message
    assert "'nightly_etl' in project FP-1" in message and "property `name`" in message
    renamed = stack_resource(FLOW_JOB, "etl-copy", {**job(), "name": UNKNOWN})
    assert run_stack(policy, [first, renamed, other_project]) == []
