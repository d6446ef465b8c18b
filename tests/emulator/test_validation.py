"""Every documented constraint (and the emulator's documented assumptions) is rejected with the
right code, message and HTTP status."""

from __future__ import annotations

from typing import Any

import pytest
from emulator_wire import Wire

from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator

MISSING = 'The input parameter "{}" that is mandatory for processing this request is not supplied.'
P = "<project>"
J = "<job>"
UNKNOWN_CLUSTER = "C-FFFFFFFFFFFFFFFF"
IP = "InvalidParameter"
FAF = "FLOW_API_FAILED"


def _job(**extra: str) -> dict[str, str]:
    return {"ProjectId": P, "Name": "new", "Type": "SHELL", "Description": "", **extra}


# (action, params, HTTP status, Code, exact message or a fragment prefixed with "~")
CASES: list[tuple[str, dict[str, str], int, str, str]] = [
    ("CreateFlowJob", {"Name": "n", "Type": "SHELL", "Description": ""}, 400,
     "MissingParameter", MISSING.format("ProjectId")),
    ("CreateFlowJob", {"ProjectId": P, "Type": "SHELL", "Description": ""}, 400,
     "MissingParameter", MISSING.format("Name")),
    ("CreateFlowJob", {"ProjectId": P, "Name": "n", "Description": ""}, 400,
     "MissingParameter", MISSING.format("Type")),
    ("CreateFlowJob", {"ProjectId": P, "Name": "n", "Type": "SHELL"}, 400,
     "MissingParameter", MISSING.format("Description")),
    ("CreateFlowJob", _job(Type="BOGUS"), 400, FAF, "Invalid job type [BOGUS]"),
    ("CreateFlowJob", _job(FailAct="RETRY"), 400, IP, '~"FailAct"'),
    ("CreateFlowJob", _job(MaxRetry="6"), 400, IP, '~"MaxRetry" is not valid: value "6"'),
    ("CreateFlowJob", _job(MaxRetry="-1"), 400, IP, '~"MaxRetry"'),
    ("CreateFlowJob", _job(MaxRetry="two"), 400, IP, '~value "two"'),
    ("CreateFlowJob", _job(MaxRetry="99999999999999999999"), 400, IP, '~"MaxRetry"'),
    ("CreateFlowJob", _job(RetryInterval="301"), 400, IP, '~"RetryInterval"'),
    ("CreateFlowJob", _job(MaxRunningTimeSec="1.5"), 400, IP, '~"MaxRunningTimeSec"'),
    ("CreateFlowJob", _job(Mode="K8S"), 400, IP, '~"Mode"'),
    ("CreateFlowJob", _job(Adhoc="yes"), 400, IP, '~"Adhoc"'),
    ("CreateFlowJob", _job(**{"ResourceList.1.Alias": "a"}), 400, "MissingParameter",
     MISSING.format("ResourceList.1.Path")),
    ("CreateFlowJob", _job(**{"ResourceList.1.Path": "s3://b/k"}), 400, "InvalidParameter",
     '~"ResourceList.1.Path" is not valid: value "s3://b/k"'),
    ("CreateFlowJob", _job(EnvConf='{"k":"' + "é" * 600 + '"}'), 400, "InvalidParameter",
     '~"EnvConf"'),
    ("CreateFlowJob", _job(ClusterId=UNKNOWN_CLUSTER), 404, "InvalidClusterId.NotFound",
     f"Specified cluster does not exist [{UNKNOWN_CLUSTER}]."),
    ("CreateFlowJob", _job(ParentCategory="FC-0000000000000000"), 400, "FLOW_API_FAILED",
     "Category does not exist [FC-0000000000000000]"),
    ("CreateFlowJob", _job(Name="job1"), 400, FAF, "Job name already exists: [job1]"),
    ("CreateFlowJob", _job(ProjectId="FP-0000000000000000"), 400, "FLOW_API_FAILED",
     "Project does not exist [FP-0000000000000000]"),
    ("DescribeFlowJob", {"ProjectId": P}, 400, "MissingParameter", MISSING.format("Id")),
    ("DescribeFlowJob", {"ProjectId": P, "Id": "FJ-0000000000000000"}, 400, "FLOW_API_FAILED",
     "Flow Job does not exist [FJ-0000000000000000]"),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "Type": "HIVE"}, 400, IP, '~"Type"'),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "Adhoc": "true"}, 400, IP, '~"Adhoc"'),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "ParentCategory": "FC-1"}, 400,
     IP, '~"ParentCategory"'),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "Name": "other"}, 400, "FLOW_API_FAILED",
     "Job name already exists: [other]"),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "Name": ""}, 400, IP, '~"Name"'),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "FailAct": "x"}, 400, IP, '~"FailAct"'),
    ("ModifyFlowJob", {"ProjectId": P, "Id": J, "ClusterId": UNKNOWN_CLUSTER}, 404,
     "InvalidClusterId.NotFound", f"~{UNKNOWN_CLUSTER}"),
    ("ModifyFlowJob", {"ProjectId": P, "Id": "FJ-0000000000000000"}, 400, "FLOW_API_FAILED",
     "Flow Job does not exist [FJ-0000000000000000]"),
    ("DeleteFlowJob", {"ProjectId": P, "Id": "FJ-0000000000000000"}, 400, "FLOW_API_FAILED",
     "Flow Job does not exist [FJ-0000000000000000]"),
    ("ListFlowJob", {}, 400, "MissingParameter", MISSING.format("ProjectId")),
    ("ListFlowJob", {"ProjectId": P, "PageSize": "250"}, 400, "FLOW_API_FAILED",
     "Invalid Param[pageSize should less than 250]"),
    ("ListFlowJob", {"ProjectId": P, "PageSize": "0"}, 400, IP, '~"PageSize"'),
    ("ListFlowJob", {"ProjectId": P, "PageNumber": "-2"}, 400, IP, '~"PageNumber"'),
    ("ListFlowJob", {"ProjectId": P, "PageNumber": "x"}, 400, IP, '~"PageNumber"'),
    ("ListFlowJob", {"ProjectId": P, "Type": "NOPE"}, 400, FAF, "Invalid job type [NOPE]"),
    ("CreateFlowProject", {"Description": "d"}, 400, "MissingParameter", MISSING.format("Name")),
    ("CreateFlowProject", {"Name": "n"}, 400, "MissingParameter", MISSING.format("Description")),
    ("CreateFlowProject", {"Name": "n" * 257, "Description": "d"}, 400, "FLOW_API_FAILED",
     "Invalid project name [Project name longer than 256]"),
    ("CreateFlowProject", {"Name": "n", "Description": "d", "ProductType": "X"}, 400,
     IP, '~"ProductType"'),
    ("DescribeFlowProject", {"ProjectId": "FP-0000000000000000"}, 400, "FLOW_API_FAILED",
     "Project does not exist [FP-0000000000000000]"),
    ("ModifyFlowProject", {"ProjectId": "FP-0000000000000000", "Name": "x"}, 400,
     FAF, "project not exist"),
    ("ModifyFlowProject", {"ProjectId": P, "Name": "n" * 257}, 400, "FLOW_API_FAILED",
     "Invalid project name [Project name longer than 256]"),
    ("DeleteFlowProject", {"ProjectId": P}, 400, FAF, f"Project is not empty [{P}]"),
    ("ListFlowProject", {"PageSize": "500"}, 400, "FLOW_API_FAILED",
     "Invalid Param[pageSize should less than 250]"),
    ("CreateFlowProjectClusterSetting", {"ProjectId": P}, 400, "MissingParameter",
     MISSING.format("ClusterId")),
    ("CreateFlowProjectClusterSetting", {"ProjectId": P, "ClusterId": UNKNOWN_CLUSTER}, 404,
     "InvalidClusterId.NotFound", f"~{UNKNOWN_CLUSTER}"),
    ("CreateFlowProjectClusterSetting", {"ProjectId": P, "ClusterId": DEFAULT_CLUSTER_ID}, 400,
     FAF, f"Cluster setting already exists [{P}, {DEFAULT_CLUSTER_ID}]"),
    ("DescribeFlowProjectClusterSetting", {"ProjectId": P, "ClusterId": UNKNOWN_CLUSTER}, 400,
     FAF, f"Cluster setting does not exist [{P}, {UNKNOWN_CLUSTER}]"),
    ("DeleteFlowProjectClusterSetting", {"ProjectId": P, "ClusterId": UNKNOWN_CLUSTER}, 400,
     FAF, f"Cluster setting does not exist [{P}, {UNKNOWN_CLUSTER}]"),
    ("CreateFlowCategory", {"ProjectId": P, "Name": "c", "Type": "FILE"}, 400,
     IP, '~"Type"'),
    ("CreateFlowCategory", {"ProjectId": "FP-0000000000000000", "Name": "c", "Type": "JOB"}, 400,
     FAF, "Project does not exist [FP-0000000000000000]"),
    ("DescribeFlowCategory", {"ProjectId": P, "Id": "FC-0000000000000000"}, 400,
     FAF, "Category does not exist [FC-0000000000000000]"),
    ("DeleteFlowCategory", {"ProjectId": P, "Id": "<category>"}, 400, "FLOW_API_FAILED",
     "Category is not empty [<category>]"),
    ("ModifyFlowCategory", {"ProjectId": P, "Id": "<category>", "ParentId": "<category>"}, 400,
     IP, '~"ParentId"'),
    ("DescribeClusterV2", {"Id": UNKNOWN_CLUSTER}, 404, "InvalidClusterId.NotFound",
     f"Specified cluster does not exist [{UNKNOWN_CLUSTER}]."),
    ("DescribeClusterV2", {}, 400, "MissingParameter", MISSING.format("Id")),
]  # fmt: skip


@pytest.fixture
def world(wire: Wire, project: str, job: dict[str, Any]) -> dict[str, str]:
    """A project with a job ``job1``, another job ``other``, a cluster setting and a category
    holding the job ``other``; returns the placeholders' values."""
    category = wire.ok("CreateFlowCategory", ProjectId=project, Name="c", Type="JOB")["Id"]
    wire.ok(
        "CreateFlowJob",
        ProjectId=project,
        Name="other",
        Type="SHELL",
        Description="",
        ParentCategory=category,
    )
    wire.ok("CreateFlowProjectClusterSetting", ProjectId=project, ClusterId=DEFAULT_CLUSTER_ID)
    return {P: project, J: job["Id"], "<category>": category}


@pytest.mark.parametrize(("action", "params", "status", "code", "message"), CASES)
def test_rejected(
    wire: Wire,
    world: dict[str, str],
    action: str,
    params: dict[str, str],
    status: int,
    code: str,
    message: str,
) -> None:
    def fill(text: str) -> str:
        for placeholder, value in world.items():
            text = text.replace(placeholder, value)
        return text

    got_status, body = wire.error(action, {k: fill(v) for k, v in params.items()})
    assert (got_status, body["Code"]) == (status, code), body
    expected = fill(message)
    if expected.startswith("~"):
        assert expected[1:] in body["Message"]
    else:
        assert body["Message"] == expected
    if code == "FLOW_API_FAILED":
        assert body["code"] == code and body["message"] == body["Message"]
        assert body["successResponse"] is False and body["requestId"] == body["RequestId"]
    else:
        assert set(body) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
        assert body["Recommend"] == f"https://next.api.aliyun.com/troubleshoot?q={code}&product=Emr"


def test_rejected_change_leaves_state_alone(wire: Wire, world: dict[str, str]) -> None:
    key = {"ProjectId": world[P], "Id": world[J]}
    before = wire.ok("DescribeFlowJob", **key)
    wire.error("ModifyFlowJob", {**key, "Name": "renamed", "MaxRetry": "9"})
    after = wire.ok("DescribeFlowJob", **key)
    before.pop("RequestId"), after.pop("RequestId")
    assert after == before


def test_env_conf_limit_counts_bytes(wire: Wire, project: str) -> None:
    exactly = '{"k":"' + "a" * (1024 - 8) + '"}'
    assert len(exactly.encode()) == 1024
    wire.ok(
        "CreateFlowJob", ProjectId=project, Name="ok", Type="SHELL", Description="", EnvConf=exactly
    )


def test_backend_raises_the_same_errors(emrflow_emulator: Emulator) -> None:
    backend = emrflow_emulator.backend
    project = backend.create_flow_project("p", "d")
    with pytest.raises(Exception, match=r"Invalid job type \[X\]"):
        backend.create_flow_job(project.id, "j", "X")
    job = backend.create_flow_job(project.id, "j", "SHELL", max_retry=2, mode="YARN")
    assert backend.describe_flow_job(project.id, job.id).max_retry == 2
    backend.modify_flow_job(project.id, job.id, mode=None)
    assert backend.describe_flow_job(project.id, job.id).mode is None
