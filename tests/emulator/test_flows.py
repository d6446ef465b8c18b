"""The emulator's Flow actions: the reference's constraints, one row each, and a round trip of
every action with the official SDK (aliyun-python-sdk-emr 3.3.4)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import (
    CreateFlowForWebRequest,
    DeleteFlowRequest,
    DescribeFlowRequest,
    ListFlowRequest,
    ModifyFlowForWebRequest,
)
from emulator_wire import Wire
from test_official_sdk import Sdk

from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.specs.dag import build_graph

P, J, F = "<project>", "<job>", "<flow>"
IP, FAF = "InvalidParameter", "FLOW_API_FAILED"
MISSING = 'The input parameter "{}" that is mandatory for processing this request is not supplied.'
GHOST_JOB = "FJ-0000000000000000"


def _flow(**extra: str) -> dict[str, str]:
    return {
        "ProjectId": P, "Name": "new", "Description": "", "ClusterId": DEFAULT_CLUSTER_ID,
        "CreateCluster": "false", **extra,
    }  # fmt: skip


def _graph(*jobs: str) -> str:
    return json.dumps(build_graph([{"job": job} for job in jobs]))


# (action, params, Code, exact message or a fragment prefixed with "~")
CASES: list[tuple[str, dict[str, str], str, str]] = [
    ("CreateFlowForWeb", {k: v for k, v in _flow().items() if k != "Name"}, "MissingParameter",
     MISSING.format("Name")),
    ("CreateFlowForWeb", {k: v for k, v in _flow().items() if k != "ProjectId"},
     "MissingParameter", MISSING.format("ProjectId")),
    ("CreateFlowForWeb", {k: v for k, v in _flow().items() if k != "ClusterId"},
     "MissingParameter", MISSING.format("ClusterId")),
    ("CreateFlowForWeb", _flow(Name="daily"), FAF, "Flow name already exists: [daily]"),
    ("CreateFlowForWeb", _flow(Name="n" * 65), IP, '~"Name"'),
    ("CreateFlowForWeb", _flow(CronExpr="0 0 2 * * ?"), IP, '~"StartSchedule"'),
    ("CreateFlowForWeb", _flow(StartSchedule="2000", EndSchedule="1000"), IP, '~"EndSchedule"'),
    ("CreateFlowForWeb", _flow(StartSchedule="1000", EndSchedule="1000"), IP, '~"EndSchedule"'),
    ("CreateFlowForWeb", _flow(StartSchedule="soon"), IP, '~"StartSchedule"'),
    ("CreateFlowForWeb", _flow(CreateCluster="true"), IP, '~"ClusterId"'),
    ("CreateFlowForWeb", _flow(ClusterId="C-FFFFFFFFFFFFFFFF"), "InvalidClusterId.NotFound",
     "~C-FFFFFFFFFFFFFFFF"),
    ("CreateFlowForWeb", _flow(Graph=_graph(GHOST_JOB)), FAF,
     f"Flow Job does not exist [{GHOST_JOB}]"),
    ("CreateFlowForWeb", _flow(Graph="not json"), IP, '~"Graph"'),
    ("CreateFlowForWeb", _flow(Graph='{"nodes": []}'), IP, '~"Graph"'),
    ("CreateFlowForWeb", _flow(ParentCategory="FC-0000000000000000"), FAF,
     "Category does not exist [FC-0000000000000000]"),
    ("CreateFlowForWeb", _flow(ProjectId="FP-0000000000000000"), FAF,
     "Project does not exist [FP-0000000000000000]"),
    ("DescribeFlow", {"ProjectId": P, "Id": "F-0000000000000000"}, FAF,
     "Flow does not exist [F-0000000000000000]"),
    ("DescribeFlow", {"ProjectId": P}, "MissingParameter", MISSING.format("Id")),
    ("ModifyFlowForWeb", {"ProjectId": P, "Id": F, "Status": "RUNNING"}, IP, '~"Status"'),
    ("ModifyFlowForWeb", {"ProjectId": P, "Id": F, "Name": "other"}, FAF,
     "Flow name already exists: [other]"),
    ("ModifyFlowForWeb", {"ProjectId": P, "Id": F, "EndSchedule": "1"}, IP, '~"EndSchedule"'),
    ("DeleteFlow", {"ProjectId": P, "Id": "F-0000000000000000"}, FAF,
     "Flow does not exist [F-0000000000000000]"),
    ("DeleteFlowJob", {"ProjectId": P, "Id": J}, FAF, f"~is used by flow [daily] ({F})"),
    ("DeleteFlowProject", {"ProjectId": P}, FAF, f"Project is not empty [{P}]"),
    ("ListFlow", {"ProjectId": P, "Status": "RUNNING"}, IP, '~"Status"'),
]  # fmt: skip


@pytest.fixture
def world(wire: Wire, project: str, job: dict[str, Any]) -> dict[str, str]:
    """A project with a job, a flow ``daily`` over it (scheduled from 2026-12-01) and a flow
    ``other``; returns the placeholders' values."""
    flow = wire.ok(
        "CreateFlowForWeb",
        **{**_flow(Name="daily", Graph=_graph(job["Id"])), "ProjectId": project},
        CronExpr="0 0 2 * * ?",
        StartSchedule="1796054400000",
    )["Id"]
    wire.ok("CreateFlowForWeb", **{**_flow(Name="other"), "ProjectId": project})
    return {P: project, J: job["Id"], F: flow}


@pytest.mark.parametrize(("action", "params", "code", "message"), CASES)
def test_rejected(
    wire: Wire, world: dict[str, str], action: str, params: dict[str, str], code: str, message: str
) -> None:
    def fill(text: str) -> str:
        for placeholder, value in world.items():
            text = text.replace(placeholder, value)
        return text

    _, body = wire.error(action, {k: fill(v) for k, v in params.items()})
    assert body["Code"] == code, body
    expected = fill(message)
    if expected.startswith("~"):
        assert expected[1:] in body["Message"]
    else:
        assert body["Message"] == expected


def test_a_rejected_modify_leaves_the_flow_alone(wire: Wire, world: dict[str, str]) -> None:
    def described() -> dict[str, Any]:
        body = wire.ok("DescribeFlow", ProjectId=world[P], Id=world[F])
        return {k: v for k, v in body.items() if k != "RequestId"}

    before = described()
    wire.error("ModifyFlowForWeb", {"ProjectId": world[P], "Id": world[F], "EndSchedule": "1"})
    assert described() == before


def test_every_flow_action_through_the_official_sdk(
    emrflow_emulator: Emulator, project: str, job: dict[str, Any]
) -> None:
    sdk = Sdk(emrflow_emulator)
    graph = _graph(job["Id"])
    alert = '{"items":[{"enable":true,"eventId":"EMR-210401001"}]}'
    created = sdk(
        CreateFlowForWebRequest.CreateFlowForWebRequest(),
        ProjectId=project, Name="daily", Description="d", ClusterId=DEFAULT_CLUSTER_ID,
        CreateCluster=False, CronExpr="0 0 2 * * ?", StartSchedule=1796054400000,
        EndSchedule=1798761600000, Graph=graph, AlertConf=alert, HostName="emr-header-1",
    )  # fmt: skip
    flow_id = created["Id"]
    assert flow_id.startswith("F-")
    described = sdk(DescribeFlowRequest.DescribeFlowRequest(), ProjectId=project, Id=flow_id)
    assert described["Graph"] == graph and described["AlertConf"] == alert  # verbatim
    assert described["Status"] == "STOP_SCHEDULE" and described["Periodic"] is True
    assert described["StartSchedule"] == 1796054400000 and described["Type"] == "EMR"
    assert described["ParentFlowList"] == {"ParentFlow": []}
    modified = sdk(
        ModifyFlowForWebRequest.ModifyFlowForWebRequest(),
        ProjectId=project, Id=flow_id, Status="UNDER_SCHEDULE", Graph=graph,
        ClusterId=DEFAULT_CLUSTER_ID, CreateCluster=False, Name="nightly",
    )  # fmt: skip
    assert modified["Data"] is True
    listed = sdk(ListFlowRequest.ListFlowRequest(), ProjectId=project, JobId=job["Id"])
    assert listed["Total"] == 1
    item = listed["Flow"]["Flow"][0]
    assert (item["Name"], item["Status"], item["ProjectId"]) == (
        "nightly",
        "UNDER_SCHEDULE",
        project,
    )
    assert sdk(ListFlowRequest.ListFlowRequest(), Status="STOP_SCHEDULE")["Total"] == 0
    deleted = sdk(DeleteFlowRequest.DeleteFlowRequest(), ProjectId=project, Id=flow_id)
    assert deleted["Data"] is True
    assert sdk(ListFlowRequest.ListFlowRequest(), ProjectId=project)["Total"] == 0
