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
    assert plan.summary() == "~ 4 to update, 4 unchanged"
    assert run.named("prod-load-users").outputs["run_conf"]["memory"] == 4096  # nothing applied

    done = run.up(config={"memoryMb": "8192"})

    assert done.summary() == "~ 4 to update, 4 unchanged"
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


SMALL = """
import pulumi
import pulumi_emrflow as emrflow

project = emrflow.FlowProject("lake", name="lake", description="d")
for name, kind in JOBS:
    emrflow.FlowJob(name, project_id=project.id, name=name, description="d", type=kind,
                    params="echo hi")
"""


def _small(tmp_path: Path, jobs: list[tuple[str, str]]) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: small\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(f"JOBS = {jobs!r}\n" + SMALL)
    return tmp_path


def test_a_type_change_replaces_a_removed_job_is_deleted_and_a_new_one_created(
    emrflow_program: Runner, emrflow_emulator: Emulator, tmp_path: Path
) -> None:
    run = emrflow_program(_small(tmp_path, [("a", "SHELL"), ("b", "SHELL"), ("c", "SHELL")]))
    old_b = run.named("b").id
    _small(tmp_path, [("a", "SHELL"), ("b", "HIVE_SQL"), ("d", "SHELL")])

    plan = run.preview()

    b = plan.step("b")
    assert (b.op, b.replaces) == ("replace", ("type",))
    assert b.delete_before_replace  # a job's name is unique in its project
    assert (plan.step("d").op, plan.step("c").op) == ("create", "delete")
    assert plan.summary() == "+ 1 to create, +- 1 to replace, - 1 to delete, 2 unchanged"
    text = plan.format()
    assert "+-FlowJob b replace [diff: ~type] (forced by: type; delete before replace)" in text
    assert text.splitlines()[-1] == f"Resources: {plan.summary()}"

    run.up()

    client = EmrClient.from_config(env=emrflow_emulator.env())
    listed = client.call("ListFlowJob", {"ProjectId": run.named("lake").id, "PageSize": 100})
    jobs = {job["Name"]: (job["Id"], job["Type"]) for job in listed["JobList"]["Job"]}
    assert set(jobs) == {"a", "b", "d"}
    assert jobs["b"] == (run.named("b").id, "HIVE_SQL") and jobs["b"][0] != old_b
    with pytest.raises(KeyError):
        run.named("c")
    assert _projects(emrflow_emulator) == 1


def test_a_new_stack_previews_as_creates_with_unknown_ids_and_no_api_call(
    emrflow_emulator: Emulator,
) -> None:
    before = _requests(emrflow_emulator)
    plan = preview_program(MULTI_ENV, emulator=emrflow_emulator, stack="prod")
    assert _requests(emrflow_emulator) == before
    assert plan.summary() == "+ 8 to create"
    job = plan.step("prod-load-users")
    assert job.unknowns() == ("parent_category", "project_id")
    assert is_unknown(job.inputs["project_id"])
    assert job.inputs["cluster_id"] == PROD_CLUSTER


def test_a_preview_needs_no_emulator_at_all() -> None:
    plan = preview_program(MULTI_ENV, stack="dev")
    assert plan.summary() == "+ 7 to create"


def test_a_record_only_run_says_preview_needs_the_provider() -> None:
    run = run_program(MULTI_ENV, stack="dev")
    with pytest.raises(ValueError, match="only recorded"):
        run.preview()


def test_destroy_after_up_removes_everything(emrflow_emulator: Emulator, tmp_path: Path) -> None:
    run = run_program(_small(tmp_path, [("a", "SHELL")]), emulator=emrflow_emulator)
    _small(tmp_path, [("a", "HIVE_SQL"), ("b", "SHELL")])
    run.up()
    run.destroy()
    assert run.resources == [] and _projects(emrflow_emulator) == 0
