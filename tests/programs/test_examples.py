"""The quickstart (root Pulumi.yaml) and the examples, run under Pulumi's mocks: what they declare,
of which types, and how outputs wire them together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from program_runner import (
    ALICLOUD_CLUSTER,
    CATEGORY,
    JOB,
    PROJECT,
    SETTING,
    Declared,
    assert_wired,
    of_type,
    run_program,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDED_CLUSTER = "C-1234567890ABCDEF"


def _types(declared: list[Declared]) -> dict[str, str]:
    return {d.inputs["name"]: d.inputs["type"] for d in of_type(declared, JOB)}


def test_quickstart_binds_one_project_to_the_seeded_cluster_and_runs_three_job_types() -> None:
    declared = run_program(ROOT / "quickstart", project="emrflow-quickstart", stack="dev")
    assert_wired(declared)
    assert [len(of_type(declared, t)) for t in (PROJECT, SETTING, CATEGORY, JOB)] == [1, 1, 1, 3]
    (setting,) = of_type(declared, SETTING)
    assert setting.inputs["cluster_id"] == SEEDED_CLUSTER
    assert sorted(_types(declared).values()) == ["HIVE_SQL", "SHELL", "SPARK"]
    (folder,) = of_type(declared, CATEGORY)
    assert {d.inputs["parent_category"] for d in of_type(declared, JOB)} == {folder.id}


def test_quickstart_takes_the_cluster_from_config() -> None:
    declared = run_program(
        ROOT / "quickstart",
        project="emrflow-quickstart",
        stack="dev",
        config={"clusterId": "C-00000000000000AB"},
    )
    assert_wired(declared)
    assert {d.inputs["cluster_id"] for d in of_type(declared, JOB)} == {"C-00000000000000AB"}


ETL_CONFIG = {"dbPassword": "db-pass-value", "ossBucket": "acme-etl"}


def _check_etl(declared: list[Declared], cluster_id: str) -> None:
    assert_wired(declared)
    assert _types(declared) == {
        "ingest-orders": "SPARK",
        "daily-revenue": "HIVE_SQL",
        "daily-customers": "HIVE_SQL",
        "clickstream": "SPARK_STREAMING",
        "export-revenue": "SHELL",
    }
    jobs = {d.inputs["name"]: d for d in of_type(declared, JOB)}
    assert {d.inputs["cluster_id"] for d in jobs.values()} == {cluster_id}
    monitor = jobs["clickstream"].inputs["monitor_conf"]
    assert {entry["clusterId"] for entry in monitor["inputs"] + monitor["outputs"]} == {cluster_id}
    export = jobs["export-revenue"]
    assert "custom_variables" in export.secret_inputs
    assert export.inputs["custom_variables"] == [
        {"name": "DB_PASSWORD", "value": "db-pass-value", "password": True}
    ]
    for job in jobs.values():
        for resource in job.inputs.get("resources") or []:
            assert resource["path"].startswith("oss://acme-etl/")
    assert len(of_type(declared, CATEGORY)) == 4


def test_etl_pipeline_on_an_existing_cluster() -> None:
    declared = run_program(
        EXAMPLES / "etl-pipeline",
        project="emrflow-etl-pipeline",
        stack="dev",
        config={**ETL_CONFIG, "clusterId": "C-00000000000000E1"},
        secret_keys=("dbPassword",),
    )
    assert of_type(declared, ALICLOUD_CLUSTER) == []
    _check_etl(declared, "C-00000000000000E1")


def test_etl_pipeline_declares_its_cluster_with_pulumi_alicloud() -> None:
    declared = run_program(
        EXAMPLES / "etl-pipeline",
        project="emrflow-etl-pipeline",
        stack="dev",
        config={
            **ETL_CONFIG,
            "createCluster": "true",
            "clusterZoneId": "cn-hangzhou-i",
            "clusterVswitchId": "vsw-1",
            "clusterSecurityGroupId": "sg-1",
            "clusterInstanceType": "ecs.g7.xlarge",
            "clusterEmrVersion": "EMR-3.40.0",
            "clusterMasterPassword": "master-pass-value",
        },
        secret_keys=("dbPassword", "clusterMasterPassword"),
    )
    (cluster,) = of_type(declared, ALICLOUD_CLUSTER)
    assert cluster.inputs["clusterType"] == "HADOOP"
    assert "masterPwd" in cluster.secret_inputs
    _check_etl(declared, cluster.id)


def test_etl_pipeline_needs_the_db_password() -> None:
    with pytest.raises(Exception, match="dbPassword"):
        run_program(EXAMPLES / "etl-pipeline", project="emrflow-etl-pipeline", stack="dev")


def _stack_config(stack: str) -> dict[str, str]:
    text = (EXAMPLES / "multi-env" / f"Pulumi.{stack}.yaml").read_text()
    pairs = [line.strip().split(": ", 1) for line in text.splitlines()[1:] if line.strip()]
    return {key: json.loads(value) if value.startswith('"') else value for key, value in pairs}


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_multi_env_generates_the_table_per_stack(stack: str) -> None:
    config = _stack_config(stack)
    declared = run_program(
        EXAMPLES / "multi-env", project="emrflow-multi-env", stack=stack, config=config
    )
    assert_wired(declared)
    (project,) = of_type(declared, PROJECT)
    assert project.inputs["name"] == f"analytics-{stack}"
    jobs = {d.inputs["name"]: d.inputs for d in of_type(declared, JOB)}
    expected = {"load-users", "load-orders", "daily-kpis"} | (
        {"weekly-report"} if stack == "prod" else set()
    )
    assert set(jobs) == expected
    retries = int(config["emrflow-multi-env:maxRetry"])
    memory = int(config["emrflow-multi-env:memoryMb"])
    for job in jobs.values():
        assert job["cluster_id"] == config["emrflow-multi-env:clusterId"]
        assert job["max_retry"] == retries and job["run_conf"]["memory"] == memory
        assert (job.get("alert_conf") is not None) == (stack == "prod")
        assert job["fail_act"] == ("STOP" if stack == "prod" else "CONTINUE")
