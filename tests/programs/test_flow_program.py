"""Flow in a Pulumi program under pulumi.runtime.set_mocks: both call shapes, FlowJobs given as
steps (their ids, and the dependency), an aware datetime for the schedule, get, TypeError."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pulumi
import pytest

import pulumi_emrflow as emrflow

PREFIX = "pulumi-python:dynamic/emrflow:"


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        kind = args.typ.removeprefix(PREFIX)
        prefix = {"FlowProject": "FP", "FlowJob": "FJ", "Flow": "F"}[kind]
        return args.resource_id or f"{prefix}-{len(self.registered):016X}", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


@pytest.fixture
def mocks() -> Iterator[Mocks]:
    m = Mocks()
    pulumi.runtime.set_mocks(m, preview=False)
    yield m


def test_flow_jobs_as_steps_and_a_datetime_schedule(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        project = emrflow.FlowProject("p", name="p", description="d")
        a, b = (
            emrflow.FlowJob(n, project_id=project.id, name=n, description="d", type="SHELL")
            for n in ("a", "b")
        )
        flow = emrflow.Flow(
            "daily",
            emrflow.FlowArgs(
                project_id=project.id,
                name="daily",
                description="d",
                cluster_id="C-1",
                cron_expr="0 0 2 * * ?",
                start_schedule=datetime(2026, 12, 1, tzinfo=UTC),
                steps=[emrflow.FlowStepArgs(job=a), {"job": b, "after": [a]}],
            ),
        )
        return pulumi.Output.all(a.id, b.id, flow.steps, flow.start_schedule).apply(check)

    def check(values: list[Any]) -> None:
        a_id, b_id, steps, start = values
        # A FlowJob given as a step's job brings its type (drawn on the console's node).
        assert steps == [
            {"job": a_id, "job_type": "SHELL"},
            {"job": b_id, "after": [a_id], "job_type": "SHELL"},
        ]
        assert start == "2026-12-01T00:00:00+00:00"  # sent as text: the provider stores epoch ms

    program()
    (flow,) = [r for r in mocks.registered if r.typ == PREFIX + "Flow"]
    assert flow.name == "daily"


def test_get_and_a_missing_argument(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        got = emrflow.Flow.get("existing", "F-0000000000000001", project_id="FP-1")
        return got.id.apply(lambda id_: id_ == "F-0000000000000001")

    program()
    with pytest.raises(TypeError, match="cluster_id"):
        emrflow.Flow("bad", project_id="FP-1", name="n", description="d")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"Flow\.get needs project_id"):
        emrflow.Flow.get("g", "F-1")
