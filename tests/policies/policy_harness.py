"""Running policies the way the analyzer does, on properties the provider's check produced: the
public harness (pulumi_emrflow.testing.policy_run) with this suite's defaults and a compliant
job."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_policy import Policy, PolicyResource, ResourceValidationPolicy, StackValidationPolicy
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from pulumi_emrflow.policies import FLOW_JOB
from pulumi_emrflow.specs import get_spec
from pulumi_emrflow.testing.policy_run import policy_resource, validate_resource, validate_stack

UNKNOWN = UNKNOWN_STRING_VALUE
"""What the engine sends for a value not known during preview."""

BASE_JOB: dict[str, Any] = {
    "project_id": "FP-1",
    "name": "nightly_etl",
    "description": "Nightly ETL of the orders table (owner: data team)",
    "type": "SPARK",
    "fail_act": "STOP",
    "max_retry": 2,
    "retry_interval": 60,
    "mode": "YARN",
    "cluster_id": "C-1",
    "params": "--class Main etl.jar",
    "run_conf": {"priority": 1, "user_name": "etl", "memory": 4096, "cores": 2},
    "resources": [{"path": "oss://data-lake/jobs/etl.jar", "alias": "etl.jar"}],
    "custom_variables": [{"name": "db_password", "value": "hunter2", "password": True}],
    "env_conf": {"DB_PASSWORD": "${db_password}", "LANG": "C"},
    "param_conf": {"date": "${yyyy-MM-dd}"},
    "alert_conf": {
        "items": [{"enable": True, "eventId": "EMR-210401001", "alertUserGroupIdList": ["AUG-1"]}]
    },
}


def job(**overrides: Any) -> dict[str, Any]:
    """A compliant FlowJob's checked inputs with ``overrides`` (None removes a key), produced by
    the provider's own check, which must accept them."""
    props = {**BASE_JOB, **overrides}
    props = {k: v for k, v in props.items() if v is not None}
    checked, failures = get_spec("flow_job").check(props)
    assert not failures, failures
    return checked


def run(
    policy: Policy,
    props: Mapping[str, Any],
    *,
    resource_type: str = FLOW_JOB,
    name: str = "etl",
    config: Mapping[str, Any] | None = None,
    stack: str = "dev",
) -> list[str]:
    """The messages ``policy`` reports for one resource of stack ``stack``."""
    assert isinstance(policy, ResourceValidationPolicy)
    return validate_resource(
        policy, resource_type, name, props, stack=stack, project="proj", config=config
    )


def stack_resource(
    resource_type: str,
    name: str,
    props: Mapping[str, Any],
    depends_on: Mapping[str, list[PolicyResource]] | None = None,
) -> PolicyResource:
    return policy_resource(resource_type, name, props, project="proj", depends_on=depends_on)


def run_stack(
    policy: Policy, resources: list[PolicyResource], config: Mapping[str, Any] | None = None
) -> list[tuple[str | None, str]]:
    """The ``(urn, message)`` pairs ``policy`` reports for the stack."""
    assert isinstance(policy, StackValidationPolicy)
    return validate_stack(policy, resources, config)
