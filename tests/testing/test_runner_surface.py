"""The testing kit's public surface: one error type for a run, typed statuses, an emulator
Protocol, and no private imports in the harness."""

from __future__ import annotations

import ast
import textwrap
import typing
from pathlib import Path

import pytest

import pulumi_emrflow.testing as testing
from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import Emulator, EmulatorProcess
from pulumi_emrflow.testing import EmulatorLike, ProgramRunError, ResourceStatus, run_program
from pulumi_emrflow.testing.engine import stack_config_for

TESTING = Path(testing.__file__).parent


def _program(tmp_path: Path, body: str) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: surface-test\nruntime: python\n")
    header = "import pulumi\nimport pulumi_emrflow as emrflow\n"
    (tmp_path / "__main__.py").write_text(header + textwrap.dedent(body))
    return tmp_path


def test_a_failing_delete_in_destroy_raises_the_same_error_as_a_failing_run(
    emrflow_emulator: Emulator, tmp_path: Path
) -> None:
    program = _program(tmp_path, 'emrflow.FlowProject("lake", name="lake", description="d")\n')
    run = run_program(program, emulator=emrflow_emulator)
    client = EmrClient.from_config(env=emrflow_emulator.env())
    project_id = run.named("lake").id
    # A job the program does not know of keeps the project from being deleted.
    stray = {"ProjectId": project_id, "Name": "stray", "Description": "d", "Type": "SHELL"}
    job_id = client.call("CreateFlowJob", stray)["Id"]
    with pytest.raises(ProgramRunError) as caught:
        run.destroy()
    assert "surface-test (dev): FlowProject 'lake'" in str(caught.value)
    assert caught.value.run is run and [r.name for r in run.resources] == ["lake"]
    client.call("DeleteFlowJob", {"ProjectId": project_id, "Id": job_id})
    assert [r.name for r in run.destroy()] == ["lake"]


def test_the_old_error_name_still_catches_it_with_a_warning() -> None:
    with pytest.warns(DeprecationWarning, match="ProgramRunError"):
        old = testing.RunFailure
    assert old is ProgramRunError
    with pytest.raises(AttributeError):
        testing.NoSuchName  # noqa: B018


def test_statuses_are_a_literal() -> None:
    assert set(typing.get_args(ResourceStatus)) == {"created", "read", "recorded", "mocked"}


def test_both_emulators_fit_the_protocol() -> None:
    members = {"endpoint", "access_key_id", "access_key_secret", "region"}
    declared = {n for n in vars(EmulatorLike) if not n.startswith("_")}
    assert declared == members
    process = EmulatorProcess()  # not started: its endpoint is set, empty, until it is
    with Emulator() as emulator:
        for candidate in (emulator, process):
            assert all(isinstance(getattr(candidate, name), str) for name in members)
        assert stack_config_for(emulator)["emrflow:endpoint"] == emulator.endpoint


def test_the_harness_imports_no_private_module_or_name() -> None:
    for path in TESTING.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "pulumi_emrflow"
            ):
                assert node.module is not None
                assert not any(part.startswith("_") for part in node.module.split(".")), path
                names = [alias.name for alias in node.names]
                assert not [n for n in names if n.startswith("_")], (path, names)
