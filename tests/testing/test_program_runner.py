"""pulumi_emrflow.testing.run_program: the quickstart and the examples through the real provider
server against the emulator; what exists afterwards, wiring, destroy, check failures, get()."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_ACCESS_KEY_SECRET, Emulator
from pulumi_emrflow.testing import ProgramRun, ProgramRunError, run_program

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
Runner = Callable[..., ProgramRun]


def _client(emulator: Emulator) -> EmrClient:
    return EmrClient.from_config(env=emulator.env())


def _projects(client: EmrClient) -> list[dict[str, Any]]:
    projects: list[dict[str, Any]] = client.call("ListFlowProject", {"PageSize": 100})["Projects"][
        "Project"
    ]
    return projects


def _jobs(client: EmrClient, project_id: str) -> dict[str, str]:
    answer = client.call("ListFlowJob", {"ProjectId": project_id, "PageSize": 100})
    return {job["Name"]: job["Id"] for job in answer["JobList"]["Job"]}


def _program(tmp_path: Path, body: str) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: runner-test\nruntime: python\n")
    header = "import pulumi\nimport pulumi_emrflow as emrflow\n"
    (tmp_path / "__main__.py").write_text(header + textwrap.dedent(body))
    return tmp_path


def _no_secret(*values: object) -> None:
    for value in values:
        assert DEFAULT_ACCESS_KEY_SECRET not in repr(value)


def test_quickstart_creates_what_it_declares_and_destroy_empties_the_emulator(
    emrflow_emulator: Emulator,
) -> None:
    run = run_program(ROOT, emulator=emrflow_emulator)  # the root Pulumi.yaml: main quickstart/
    assert run.project == "emrflow-quickstart" and run.stack == "dev"
    assert {r.status for r in run.resources} == {"created"}
    project = run.named("quickstart")
    client = _client(emrflow_emulator)
    assert [(p["Id"], p["Name"]) for p in _projects(client)] == [(project.id, "quickstart")]
    jobs = _jobs(client, project.id)
    assert jobs == {j.inputs["name"]: j.id for j in run.of_type("FlowJob")}
    assert run.outputs == {
        "project_id": project.id,
        "folder_id": run.named("quickstart-jobs").id,
        "job_ids": {
            "hello": jobs["hello"],
            "daily-counts": jobs["daily-counts"],
            "sessionize": jobs["sessionize"],
        },
        "flow_id": run.named("daily").id,
    }
    (flow,) = run.of_type("Flow")
    assert [s["job"] for s in flow.outputs["steps"]] == [
        jobs["hello"],
        jobs["daily-counts"],
        jobs["sessionize"],
    ]
    assert [s["job_type"] for s in flow.outputs["steps"]] == ["SHELL", "HIVE_SQL", "SPARK"]
    for job in run.of_type("FlowJob"):
        assert job.id.startswith("FJ-") and job.outputs["job_id"] == job.id
        assert job.outputs["project_id"] == project.id
        assert job.outputs["parent_category"] == run.named("quickstart-jobs").id
    (setting,) = run.of_type("FlowProjectClusterSetting")
    assert setting.id == f"{project.id}:C-1234567890ABCDEF"  # Pulumi.yaml's clusterId default
    _no_secret(run, run.resources, run.outputs)

    deleted = run.destroy()
    # The flow before the jobs it runs (the service refuses to delete a job a flow holds).
    assert [r.kind for r in deleted][:4] == ["Flow"] + ["FlowJob"] * 3
    assert deleted[-1].name == "quickstart" and len(deleted) == 7
    assert _projects(client) == [] and run.resources == []
    assert run.destroy() == []


def test_etl_pipeline_with_a_secret_password(emrflow_program: Runner, tmp_path: Path) -> None:
    run = emrflow_program(
        EXAMPLES / "etl-pipeline",
        config={"dbPassword": "db-pass-value"},
        secret_keys=["dbPassword"],
    )
    assert run.outputs["cluster_id"] == "C-1234567890ABCDEF"
    export = run.named("export-revenue")
    assert "custom_variables" in export.secret_inputs
    assert export.outputs["custom_variables"][0]["value"] == "db-pass-value"
    assert run.outputs["job_ids"] == {j.name: j.id for j in run.of_type("FlowJob")}
    assert len(run.of_type("FlowCategory")) == 4


def test_multi_env_reads_its_stack_file(
    emrflow_program: Runner, emrflow_emulator: Emulator
) -> None:
    run = emrflow_program(EXAMPLES / "multi-env", stack="dev")  # Pulumi.dev.yaml: its config
    (project,) = run.of_type("FlowProject")
    assert project.outputs["name"] == "analytics-dev"
    jobs = _jobs(_client(emrflow_emulator), project.id)
    assert set(jobs) == {"load-users", "load-orders", "daily-kpis"}
    assert all(j.outputs["max_retry"] == 0 for j in run.of_type("FlowJob"))


def test_an_invalid_job_fails_its_check_and_nothing_after_it_is_created(
    emrflow_emulator: Emulator, tmp_path: Path
) -> None:
    program = _program(
        tmp_path,
        """
        project = emrflow.FlowProject("p", name="p", description="d")
        bad = emrflow.FlowJob("bad", project_id=project.id, name="bad", description="d",
                              type="NOPE", max_retry=9)
        emrflow.FlowJob("after", project_id=project.id, name="after", description="d",
                        type="SHELL", opts=pulumi.ResourceOptions(depends_on=[bad]))
        """,
    )
    with pytest.raises(ProgramRunError) as caught:
        run_program(program, emulator=emrflow_emulator)
    message = str(caught.value)
    assert "FlowJob 'bad': check failed" in message
    assert "type:" in message and "max_retry:" in message
    run = caught.value.run
    assert [(r.kind, r.status) for r in run.resources] == [("FlowProject", "created")]
    client = _client(emrflow_emulator)
    assert _jobs(client, run.named("p").id) == {}
    _no_secret(message, run, run.resources)
    run.destroy()
    assert _projects(client) == []


def test_a_get_reads_an_existing_job_and_destroy_leaves_it(
    emrflow_emulator: Emulator, tmp_path: Path
) -> None:
    client = _client(emrflow_emulator)
    project_id = client.call("CreateFlowProject", {"Name": "kept", "Description": "d"})["Id"]
    job_id = client.call(
        "CreateFlowJob",
        {"ProjectId": project_id, "Name": "existing", "Description": "d", "Type": "HIVE_SQL"},
    )["Id"]
    program = _program(
        tmp_path,
        f"""
        job = emrflow.FlowJob.get("existing", "{job_id}", project_id="{project_id}")
        pulumi.export("type", job.type)
        """,
    )
    run = run_program(program, emulator=emrflow_emulator)
    (job,) = run.resources
    assert (job.status, job.id, run.outputs) == ("read", job_id, {"type": "HIVE_SQL"})
    assert run.destroy() == []
    assert _jobs(client, project_id) == {"existing": job_id}


def test_a_get_of_a_missing_job_is_a_clear_error(
    emrflow_emulator: Emulator, tmp_path: Path
) -> None:
    program = _program(
        tmp_path,
        'emrflow.FlowJob.get("gone", "FJ-00000000000000AA", project_id="FP-00000000000000AA")\n',
    )
    with pytest.raises(ProgramRunError, match="FlowJob 'gone'"):
        run_program(program, emulator=emrflow_emulator)


def test_concurrent_registrations_all_land(emrflow_program: Runner, tmp_path: Path) -> None:
    program = _program(
        tmp_path,
        """
        project = emrflow.FlowProject("p", name="p", description="d")
        for n in range(24):
            emrflow.FlowJob(f"j{n}", project_id=project.id, name=f"j{n}", description="d",
                            type="SHELL")
        """,
    )
    run = emrflow_program(program)
    ids = {j.id for j in run.of_type("FlowJob")}
    assert len(ids) == 24 and all(i.startswith("FJ-") for i in ids)


def test_record_only_applies_the_project_defaults() -> None:
    run = run_program(EXAMPLES / "etl-pipeline", config={"dbPassword": "x"})
    assert {r.status for r in run.resources} == {"recorded"}
    assert run.outputs["cluster_id"] == "C-1234567890ABCDEF"
    ingest = run.named("ingest-orders")
    assert ingest.inputs["resources"][0]["path"] == "oss://etl-pipeline-artifacts/jars/etl.jar"
    assert run.destroy() == []


def test_an_encrypted_stack_value_must_be_given(tmp_path: Path) -> None:
    program = _program(tmp_path, "pulumi.Config().require_secret('token')\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  runner-test:token:\n    secure: AAA=\n")
    with pytest.raises(ValueError, match="token is encrypted"):
        run_program(program)
    assert run_program(program, config={"token": "t"}).resources == []
