"""pulumi_emrflow.testing.policy_run: the shipped pack (or a user's) over a run or a preview,
with the stack and the policy config as arguments (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.policies import default_policies
from pulumi_emrflow.testing import preview_program, run_program
from pulumi_emrflow.testing.policy_run import run_policies

ROOT = Path(__file__).resolve().parents[2]
ETL = ROOT / "examples" / "etl-pipeline"
MULTI_ENV = ROOT / "examples" / "multi-env"
JOB_TYPE = "emrflow-job-type-allowed"
ALERTING = "emrflow-job-failure-alerting"


@pytest.mark.parametrize("env_stack", [None, "dev"])
def test_the_stack_argument_decides_the_per_stack_rules(
    env_stack: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env_stack is None:
        monkeypatch.delenv("PULUMI_STACK", raising=False)
    else:
        monkeypatch.setenv("PULUMI_STACK", env_stack)  # a leftover in the user's shell
    run = run_program(ETL, stack="dev", config={"dbPassword": "x"})
    report = run_policies(run, stack="prod")
    [violation] = report.mandatory
    assert (violation.policy, violation.enforcement_level) == (JOB_TYPE, "mandatory")
    assert violation.resource is not None and violation.resource.endswith("::export-revenue")
    assert "SHELL jobs are forbidden in stack 'prod'" in violation.message
    assert not report.passed
    text = str(report)
    assert f"[mandatory]  {JOB_TYPE}  (FlowJob: export-revenue)" in text
    assert text.splitlines()[-1].startswith("1 mandatory, 5 advisory violation(s)")
    assert run_policies(run).passed  # the run's own stack, dev
    assert os.environ.get("PULUMI_STACK") == env_stack  # put back as it was


def test_policy_config_sets_levels_and_properties() -> None:
    run = run_program(ETL, stack="prod", config={"dbPassword": "x"})
    assert run_policies(run, config={JOB_TYPE: "disabled"}).passed
    [advisory] = [
        v for v in run_policies(run, config={JOB_TYPE: "advisory"}).advisory if v.policy == JOB_TYPE
    ]
    assert "export-revenue" in advisory.message
    forbid = {JOB_TYPE: {"enforcementLevel": "mandatory", "forbiddenTypes": ["HIVE_SQL"]}}
    names = {v.message.split("'")[1] for v in run_policies(run, config=forbid).mandatory}
    assert "daily-revenue" in names


def test_a_pack_of_ones_own() -> None:
    run = run_program(ETL, stack="prod", config={"dbPassword": "x"})
    mine = [p for p in default_policies() if p.name not in (JOB_TYPE, ALERTING)]
    assert run_policies(run, policies=mine).violations == ()


def test_a_preview_is_checked_with_its_unknowns(emrflow_emulator: Emulator) -> None:
    plan = preview_program(MULTI_ENV, stack="prod")
    report = run_policies(plan, stack="prod")
    assert report.violations == ()
    with pytest.raises(ValueError, match="stack="):
        run_policies(plan)


def test_the_multi_env_prod_stack_on_the_emulator_passes(emrflow_emulator: Emulator) -> None:
    emrflow_emulator.backend.add_cluster("C-5EC0DE0000000001", "analytics-prod")
    run = run_program(MULTI_ENV, emulator=emrflow_emulator, stack="prod")
    try:
        assert run_policies(run).violations == ()
    finally:
        run.destroy()
