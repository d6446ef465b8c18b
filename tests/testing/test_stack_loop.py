"""A run is a stack: preview and up against its state, the way a stack author edits, previews
and applies all day (issue 13); examples/multi-env's prod stack on the emulator."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.testing import ProgramRun, preview_program, run_program
from pulumi_emrflow.testing.plan import is_unknown

ROOT = Path(__file__).resolve().parents[2]
MULTI_ENV = ROOT / "examples" / "multi-env"
PROD_JOBS = ["prod-load-users", "prod-load-orders", "prod-daily-kpis", "prod-weekly-report"]
PROD_CLUSTER = "C-5EC0DE0000000001"  # Pulumi.prod.yaml's, in the service's format
Runner = Callable[..., ProgramRun]


@pytest.fixture
def prod_cluster(emrflow_emulator: Emulator) -> str:
    """The emulator knows prod's cluster for this test (forgotten at the next reset)."""
    emrflow_emulator.backend.add_cluster(PROD_CLUSTER, "analytics-prod")
    return PROD_CLUSTER


def _requests(emulator: Emulator) -> int:
    return sum(emulator.counters()["requests"].values())


def _copy(tmp_path: Path, edit: tuple[str, str] | None = None, file: str = "__main__.py") -> Path:
    """examples/multi-env copied, with one text replacement in ``file``."""
    target = tmp_path / "multi-env"
    shutil.copytree(MULTI_ENV, target)
    if edit is not None:
        path = target / file
        text = path.read_text()
        assert edit[0] in text
        path.write_text(text.replace(edit[0], edit[1]))
    return target


def _projects(emulator: Emulator) -> int:
    client = EmrClient.from_config(env=emulator.env())
    return int(client.call("ListFlowProject", {})["Total"])


def test_raising_the_memory_of_prod_jobs_updates_them_in_place(
    emrflow_program: Runner, emrflow_emulator: Emulator, prod_cluster: str
) -> None:
    run = emrflow_program(MULTI_ENV, stack="prod")
    ids = {r.name: r.id for r in run.resources}
    before = _requests(emrflow_emulator)

    plan = run.preview(config={"memoryMb": "8192"})

    assert _requests(emrflow_emulator) == before  # a preview makes no API call
    assert sorted(s.name for s in plan.of("update")) == sorted(PROD_JOBS)
    assert {s.diffs for s in plan.of("update")} == {("run_conf",)}
    assert plan.summary() == "~ 4 to update, 3 unchanged"
    assert run.named("prod-load-users").outputs["run_conf"]["memory"] == 4096  # nothing applied

    done = run.up(config={"memoryMb": "8192"})

    assert done.summary() == "~ 4 to update, 3 unchanged"
    assert {r.name: r.id for r in run.resources} == ids
    assert run.named("prod-load-users").outputs["run_conf"]["memory"] == 8192
    assert run.preview().changed is False  # the new config is the stack's now
    assert _projects(emrflow_emulator) == 1


def test_renaming_the_folder_updates_it_and_replaces_nothing_else(
    emrflow_program: Runner, emrflow_emulator: Emulator, tmp_path: Path, prod_cluster: str
) -> None:
    run = emrflow_program(MULTI_ENV, stack="prod")
    folder_id = run.named("analytics-prod-jobs").id
    edited = _copy(tmp_path, ('name="scheduled"', 'name="nightly"'))

    plan = run.preview(directory=edited)

    step = plan.step("analytics-prod-jobs")
    assert (step.op, step.diffs, step.replaces) == ("update", ("name",), ())
    assert [s.name for s in plan if s.op != "same"] == ["analytics-prod-jobs"]
    run.up(directory=edited)
    assert run.named("analytics-prod-jobs").id == folder_id
    assert run.named("analytics-prod-jobs").outputs["name"] == "nightly"
    assert run.up(directory=edited).changed is False
    assert _projects(emrflow_emulator) == 1


def test_a_type_change_replaces_a_removed_row_is_deleted_and_a_new_row_created(
    emrflow_program: Runner, emrflow_emulator: Emulator, tmp_path: Path, prod_cluster: str
) -> None:
    run = emrflow_program(MULTI_ENV, stack="prod")
    old_kpis = run.named("prod-daily-kpis").id
    edited = _copy(tmp_path, ('"HIVE_SQL"', '"SPARK_SQL"'), "job_table.py")
    table = edited / "job_table.py"
    text = table.read_text()
    text = text.replace(
        '    JobRow("load-orders", "SPARK", "--class', '    JobRow("load-sales", "SPARK", "--class'
    )
    table.write_text(text)

    plan = run.preview(directory=edited)

    kpis = plan.step("prod-daily-kpis")
    assert (kpis.op, kpis.replaces) == ("replace", ("type",))
    assert plan.step("prod-load-sales").op == "create"
    assert plan.step("prod-load-orders").op == "delete"
    assert plan.summary() == "+ 1 to create, +- 1 to replace, - 1 to delete, 5 unchanged"
    text_plan = plan.format()
    assert "+-FlowJob prod-daily-kpis replace [diff: ~type] (forced by: type" in text_plan
    assert text_plan.splitlines()[-1] == f"Resources: {plan.summary()}"

    run.up(directory=edited)

    client = EmrClient.from_config(env=emrflow_emulator.env())
    project_id = run.named("analytics-prod").id
    listed = client.call("ListFlowJob", {"ProjectId": project_id, "PageSize": 100})
    jobs = {job["Name"]: (job["Id"], job["Type"]) for job in listed["JobList"]["Job"]}
    assert set(jobs) == {"load-users", "load-sales", "daily-kpis", "weekly-report"}
    assert jobs["daily-kpis"][1] == "SPARK_SQL" and jobs["daily-kpis"][0] != old_kpis
    assert jobs["daily-kpis"][0] == run.named("prod-daily-kpis").id
    assert run.outputs["job_ids"]["load-sales"] == jobs["load-sales"][0]
    with pytest.raises(KeyError):
        run.named("prod-load-orders")
    assert _projects(emrflow_emulator) == 1


def test_a_new_stack_previews_as_creates_with_unknown_ids_and_no_api_call(
    emrflow_emulator: Emulator,
) -> None:
    before = _requests(emrflow_emulator)
    plan = preview_program(MULTI_ENV, emulator=emrflow_emulator, stack="prod")
    assert _requests(emrflow_emulator) == before
    assert plan.summary() == "+ 7 to create"
    job = plan.step("prod-load-users")
    assert job.unknowns() == ("parent_category", "project_id")
    assert is_unknown(job.inputs["project_id"])
    assert job.inputs["cluster_id"] == PROD_CLUSTER


def test_a_preview_needs_no_emulator_at_all() -> None:
    plan = preview_program(MULTI_ENV, stack="dev")
    assert plan.summary() == "+ 6 to create"


def test_a_record_only_run_says_preview_needs_the_provider() -> None:
    run = run_program(MULTI_ENV, stack="dev")
    with pytest.raises(ValueError, match="only recorded"):
        run.preview()


def test_destroy_after_up_removes_everything(
    emrflow_emulator: Emulator, tmp_path: Path, prod_cluster: str
) -> None:
    run = run_program(MULTI_ENV, emulator=emrflow_emulator, stack="prod")
    run.up(directory=_copy(tmp_path, ('"HIVE_SQL"', '"SPARK_SQL"'), "job_table.py"))
    run.destroy()
    assert run.resources == [] and _projects(emrflow_emulator) == 0
