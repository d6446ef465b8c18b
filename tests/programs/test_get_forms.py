"""``get(resource_name, id, opts=None, *, project_id=None, region=None)``: opts third, as in every
Pulumi SDK, and 0.1.0's ``get(name, id, project_id)`` still working for one release, warned."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pulumi
import pytest

import pulumi_emrflow as emrflow


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        return args.resource_id or "X-1", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


@pytest.fixture
def mocks() -> Iterator[Mocks]:
    m = Mocks()
    pulumi.runtime.set_mocks(m, preview=False)
    yield m


def test_opts_is_the_third_argument(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            job = emrflow.FlowJob.get(
                "j", "FJ-1", pulumi.ResourceOptions(protect=True), project_id="FP-1"
            )
            folder = emrflow.FlowCategory.get("c", "FC-1", None, project_id="FP-1", region="r")
        return pulumi.Output.all(job.id, folder.id)

    program()
    job, folder = mocks.registered
    assert (job.resource_id, job.inputs["project_id"]) == ("FJ-1", "FP-1")
    assert folder.resource_id == "FC-1"
    assert (folder.inputs["project_id"], folder.inputs["region"]) == ("FP-1", "r")


@pytest.mark.parametrize("cls", [emrflow.FlowJob, emrflow.FlowCategory])
def test_the_0_1_0_positional_project_id_still_works_with_a_warning(mocks: Mocks, cls: Any) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        with pytest.warns(DeprecationWarning, match=r"pass project_id=\.\.\. by keyword"):
            ref = cls.get("ref", "FX-1", "FP-1")
        return ref.id

    program()
    (args,) = mocks.registered
    assert (args.resource_id, args.inputs["project_id"]) == ("FX-1", "FP-1")


def test_a_third_argument_that_is_not_options_is_refused_when_project_id_is_given() -> None:
    with pytest.raises(TypeError, match="ResourceOptions"):
        emrflow.FlowJob.get("j", "FJ-1", "FP-1", project_id="FP-2")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ResourceOptions"):
        emrflow.FlowProject.get("p", "FP-1", "cn-hangzhou")  # type: ignore[arg-type]
