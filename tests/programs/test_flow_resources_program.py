"""FlowProject, FlowProjectClusterSetting and FlowCategory in a Pulumi program, under
pulumi.runtime.set_mocks: both call shapes, type tokens, typed outputs, get, TypeError."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator
from typing import Any

import pulumi
import pytest

import pulumi_emrflow as emrflow
from pulumi_emrflow.resources._base import SpecResource

PREFIX = "pulumi-python:dynamic/emrflow:"
CLUSTER = "C-1234567890ABCDEF"


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        kind = args.typ.removeprefix(PREFIX)
        outs = dict(args.inputs)
        if kind == "FlowProjectClusterSetting":
            id_ = args.resource_id or f"{args.inputs['project_id']}:{args.inputs['cluster_id']}"
        else:
            prefix = {"FlowProject": "FP", "FlowCategory": "FC"}.get(kind, "FJ")
            id_ = args.resource_id or f"{prefix}-{len(self.registered):016X}"
            outs[{"FlowProject": "project_id", "FlowCategory": "category_id"}.get(kind, "x")] = id_
        return id_, outs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


@pytest.fixture
def mocks() -> Iterator[Mocks]:
    m = Mocks()
    pulumi.runtime.set_mocks(m, preview=False)
    yield m


def test_a_program_wires_project_setting_folder_and_job(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        project = emrflow.FlowProject("etl", name="etl", description="nightly ETL")
        setting = emrflow.FlowProjectClusterSetting(
            "on-main",
            emrflow.FlowProjectClusterSettingArgs(
                project_id=project.id, cluster_id=CLUSTER, users=["etl"], default_user="etl"
            ),
        )
        folder = emrflow.FlowCategory(
            "jobs", emrflow.FlowCategoryArgs(project_id=project.id, name="jobs", type="JOB")
        )
        job = emrflow.FlowJob(
            "nightly",
            project_id=project.id,
            name="nightly",
            description="d",
            type="SHELL",
            parent_category=folder.category_id,
        )
        outs = (project.id, project.project_id, setting.id, setting.users, folder.id, job.id)
        return pulumi.Output.all(*outs).apply(check)

    def check(values: list[Any]) -> None:
        project_id, project_output, setting_id, users, folder_id, _ = values
        assert project_id == project_output and project_id.startswith("FP-")
        assert setting_id == f"{project_id}:{CLUSTER}" and users == ["etl"]
        assert folder_id.startswith("FC-")

    program()
    tokens = [a.typ.removeprefix(PREFIX) for a in mocks.registered]
    assert tokens[0] == "FlowProject" and tokens[-1] == "FlowJob"  # the others wait on project.id
    assert sorted(tokens[1:3]) == ["FlowCategory", "FlowProjectClusterSetting"]
    by_kind = {a.typ.removeprefix(PREFIX): a.inputs for a in mocks.registered}
    assert set(by_kind["FlowProject"]) == {"name", "description", "__provider"}
    assert by_kind["FlowProjectClusterSetting"]["default_user"] == "etl"
    assert by_kind["FlowCategory"]["type"] == "JOB"
    assert by_kind["FlowJob"]["parent_category"].startswith("FC-")


@pytest.mark.parametrize(
    ("cls", "kwargs", "missing"),
    [
        (emrflow.FlowProject, {"description": "d"}, "name"),
        (emrflow.FlowProject, {"name": "n"}, "description"),
        (emrflow.FlowProjectClusterSetting, {"project_id": "FP-1"}, "cluster_id"),
        (emrflow.FlowProjectClusterSetting, {"cluster_id": CLUSTER}, "project_id"),
        (emrflow.FlowCategory, {"project_id": "FP-1", "name": "n"}, "type"),
        (emrflow.FlowCategory, {"project_id": "FP-1", "type": "JOB"}, "name"),
    ],
)
def test_missing_required_arguments_raise_type_error(
    mocks: Mocks, cls: type[SpecResource], kwargs: dict[str, Any], missing: str
) -> None:
    with pytest.raises(TypeError, match=f"missing required argument '{missing}'"):
        cls("r", **kwargs)


def test_bad_call_shapes_raise_type_error(mocks: Mocks) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        emrflow.FlowProject("p", name="n", description="d", descripton="typo")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="ResourceOptions"):
        emrflow.FlowCategory("c", {"x": 1}, project_id="FP-1", name="n", type="JOB")  # type: ignore[call-overload]
    args = emrflow.FlowProjectArgs(name="n", description="d")
    with pytest.raises(TypeError, match="besides args and opts"):
        emrflow.FlowProject("p", args, name="x")  # type: ignore[call-overload]


def test_get_references_existing_objects(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        project = emrflow.FlowProject.get("p", "FP-EXISTING")
        setting = emrflow.FlowProjectClusterSetting.get("s", f"FP-EXISTING:{CLUSTER}")
        folder = emrflow.FlowCategory.get("c", "FC-EXISTING", project_id="FP-EXISTING")
        return pulumi.Output.all(project.id, setting.id, folder.id)

    program()
    ids = [(a.typ.removeprefix(PREFIX), a.resource_id) for a in mocks.registered]
    assert sorted(ids) == [
        ("FlowCategory", "FC-EXISTING"),
        ("FlowProject", "FP-EXISTING"),
        ("FlowProjectClusterSetting", f"FP-EXISTING:{CLUSTER}"),
    ]
    with pytest.raises(ValueError, match="is not of the form <project_id>:<cluster_id>"):
        emrflow.FlowProjectClusterSetting.get("s", "FP-EXISTING")
    with pytest.raises(TypeError, match="project_id"):
        emrflow.FlowCategory.get("c", "FC-EXISTING")


@pytest.mark.parametrize(
    ("cls", "args_cls"),
    [
        (emrflow.FlowProject, emrflow.FlowProjectArgs),
        (emrflow.FlowProjectClusterSetting, emrflow.FlowProjectClusterSettingArgs),
        (emrflow.FlowCategory, emrflow.FlowCategoryArgs),
    ],
)
def test_the_public_surface_matches_the_spec(cls: type[SpecResource], args_cls: type) -> None:
    spec = cls._spec
    assert cls._resource_type_name == f"dynamic/emrflow:{spec.type_name}"  # type: ignore[attr-defined]
    inputs = [f.name for f in spec.inputs]
    assert list(inspect.signature(args_cls.__init__).parameters)[1:] == inputs
    (kwargs_overload, _) = typing.get_overloads(cls.__init__)
    assert list(inspect.signature(kwargs_overload).parameters)[3:] == inputs
    for f in spec.fields:
        prop = getattr(cls, f.name)
        assert isinstance(prop, property) and prop.__doc__ == f.docstring()
    assert f":param {inputs[0]}: " in (args_cls.__init__.__doc__ or "")
    assert f"{spec.type_name}(resource_name, args:" in (cls.__init__.__doc__ or "")
    assert cls.__name__ in emrflow.__all__ and args_cls.__name__ in emrflow.__all__
