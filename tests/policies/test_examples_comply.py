"""Our own quickstart and examples pass the default pack's mandatory policies in their stacks:
what a newcomer copies must not fail `pulumi preview --policy-pack policy/`."""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_harness import run
from program_runner import JOB, PROJECT, SETTING, run_program
from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies import default_policies
from pulumi_emrflow.specs import get_spec

ROOT = Path(__file__).resolve().parents[2]
SPECS = {JOB: "flow_job", SETTING: "flow_project_cluster_setting", PROJECT: "flow_project"}
CASES = {
    "quickstart": (ROOT / "quickstart", "emrflow-quickstart", "dev", {}),
    "etl-pipeline": (
        ROOT / "examples" / "etl-pipeline",
        "emrflow-etl-pipeline",
        "dev",
        {"dbPassword": "not-a-real-password"},
    ),
    "multi-env-prod": (
        ROOT / "examples" / "multi-env",
        "emrflow-multi-env",
        "prod",
        {
            "clusterId": "C-5EC0DE0000000001",
            "maxRetry": "3",
            "memoryMb": "4096",
            "alertUserGroup": "AUG-0000000000000001",
        },
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_example_passes_the_mandatory_policies(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    directory, project, stack, config = CASES[case]
    monkeypatch.setenv("PULUMI_STACK", stack)
    declared = run_program(directory, project=project, stack=stack, config=config)
    mandatory = [
        p
        for p in default_policies()
        if isinstance(p, ResourceValidationPolicy)
        and p.enforcement_level != EnforcementLevel.ADVISORY
    ]
    violations = []
    for resource in declared:
        if resource.type not in SPECS:
            continue
        checked, failures = get_spec(SPECS[resource.type]).check(resource.inputs)
        assert not failures, failures
        for policy in mandatory:
            violations += run(policy, checked, resource_type=resource.type, name=resource.name)
    assert violations == []


def test_the_check_above_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same example as a prod stack: its SHELL job is forbidden there by default.
    monkeypatch.setenv("PULUMI_STACK", "prod")
    directory, project, _, config = CASES["etl-pipeline"]
    declared = run_program(directory, project=project, stack="prod", config=config)
    (export,) = [d for d in declared if d.inputs.get("name") == "export-revenue"]
    checked, _ = get_spec("flow_job").check(export.inputs)
    (job_type,) = [p for p in default_policies() if p.name == "emrflow-job-type-allowed"]
    assert run(job_type, checked, resource_type=JOB, name="export-revenue")
