"""Happy paths of every action over raw HTTP, in JSON and in XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from emulator_wire import Wire

from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID

RUN_CONF = '{"priority":1,"userName":"hadoop","memory":2048,"cores":1}'
CUSTOM_VARIABLES = (
    '{"scope":"PROJECT","entityId":"FP-1","variables":[{"name":"v1","value":"1",'
    '"properties":{"password":true}}]}'
)
FULL_JOB = {
    "Name": "etl",
    "Type": "SPARK",
    "Description": "nightly etl",
    "FailAct": "CONTINUE",
    "MaxRetry": "3",
    "RetryInterval": "120",
    "MaxRunningTimeSec": "0",
    "RetryPolicy": "",
    "Params": "--class Main app.jar 'a b'",
    "ParamConf": '{"date":"${yyyy-MM-dd}"}',
    "CustomVariables": CUSTOM_VARIABLES,
    "EnvConf": '{"key":"value"}',
    "RunConf": RUN_CONF,
    "MonitorConf": '{"inputs":[],"outputs":[]}',
    "AlertConf": '{"items":[]}',
    "Mode": "LOCAL",
    "Adhoc": "True",
    "ClusterId": DEFAULT_CLUSTER_ID,
    "ResourceList.1.Path": "oss://bucket/app.jar",
    "ResourceList.1.Alias": "app.jar",
    "ResourceList.2.Path": "hdfs:///lib/dep.jar",
}


def test_project_lifecycle(wire: Wire) -> None:
    created = wire.ok("CreateFlowProject", Name="p1", Description="first", ProductType="EMR")
    pid = created["Id"]
    assert re.fullmatch(r"FP-[0-9A-F]{16}", pid)
    assert re.fullmatch(r"[0-9A-F-]{36}", created["RequestId"])
    described = wire.ok("DescribeFlowProject", ProjectId=pid)
    assert described["Name"] == "p1" and described["Description"] == "first"
    assert described["GmtCreate"] == described["GmtModified"]
    assert wire.ok("ModifyFlowProject", ProjectId=pid, Name="p2")["Data"] is True
    modified = wire.ok("DescribeFlowProject", ProjectId=pid)
    assert (modified["Name"], modified["Description"]) == ("p2", "first")
    assert modified["GmtModified"] > described["GmtModified"]
    listed = wire.ok("ListFlowProject", Name="p2")
    assert listed["Total"] == 1 and listed["Projects"]["Project"][0]["Id"] == pid
    assert wire.ok("DeleteFlowProject", ProjectId=pid)["Data"] is True
    assert wire.ok("ListFlowProject")["Total"] == 0


def test_job_create_and_describe_echo_every_field(wire: Wire, project: str) -> None:
    job_id = wire.ok("CreateFlowJob", ProjectId=project, **FULL_JOB)["Id"]
    assert re.fullmatch(r"FJ-[0-9A-F]{16}", job_id)
    job = wire.ok("DescribeFlowJob", ProjectId=project, Id=job_id)
    for wire_name in (
        "Name",
        "Type",
        "Description",
        "FailAct",
        "Params",
        "ParamConf",
        "CustomVariables",
        "EnvConf",
        "RunConf",
        "MonitorConf",
        "AlertConf",
    ):
        assert job[wire_name] == FULL_JOB[wire_name], wire_name
    assert (job["MaxRetry"], job["RetryInterval"], job["MaxRunningTimeSec"]) == (3, 120, 0)
    assert job["mode"] == "LOCAL" and "Mode" not in job
    assert job["Adhoc"] == "true"
    assert "RetryPolicy" not in job  # sent empty: unset
    for hidden in ("ClusterId", "ProjectId", "ParentCategory"):
        assert hidden not in job
    assert job["ResourceList"] == {
        "Resource": [
            {"Path": "oss://bucket/app.jar", "Alias": "app.jar"},
            {"Path": "hdfs:///lib/dep.jar"},
        ]
    }
    assert isinstance(job["GmtCreate"], int) and job["GmtCreate"] > 1_600_000_000_000


def test_job_modify_semantics(wire: Wire, project: str) -> None:
    job_id = wire.ok("CreateFlowJob", ProjectId=project, **FULL_JOB)["Id"]
    before = wire.ok("DescribeFlowJob", ProjectId=project, Id=job_id)
    changes = {"Name": "etl2", "Params": "", "MaxRetry": "5", "ResourceList.1.Path": "oss://b/n"}
    assert wire.ok("ModifyFlowJob", ProjectId=project, Id=job_id, **changes)["Data"] is True
    after = wire.ok("DescribeFlowJob", ProjectId=project, Id=job_id)
    assert after["Name"] == "etl2" and after["MaxRetry"] == 5
    assert "Params" not in after  # an empty string clears
    assert after["RunConf"] == RUN_CONF and after["mode"] == "LOCAL"  # omitted: unchanged
    assert after["ResourceList"] == {"Resource": [{"Path": "oss://b/n"}]}  # replaced whole
    assert after["GmtModified"] > before["GmtModified"]
    assert after["GmtCreate"] == before["GmtCreate"]


def test_job_list_filters_and_pages(wire: Wire, project: str) -> None:
    for number in range(5):
        kind = "HIVE" if number % 2 else "SHELL"
        adhoc = "true" if number == 4 else "false"
        wire.ok(
            "CreateFlowJob",
            ProjectId=project,
            Name=f"j{number}",
            Type=kind,
            Description="",
            Adhoc=adhoc,
        )
    page = wire.ok("ListFlowJob", ProjectId=project, PageSize=2, PageNumber=2)
    assert (page["PageNumber"], page["PageSize"], page["Total"]) == (2, 2, 5)
    assert [j["Name"] for j in page["JobList"]["Job"]] == ["j2", "j3"]
    assert wire.ok("ListFlowJob", ProjectId=project, Type="HIVE")["Total"] == 2
    assert wire.ok("ListFlowJob", ProjectId=project, Name="j3")["JobList"]["Job"][0]["Name"] == "j3"
    adhoc = wire.ok("ListFlowJob", ProjectId=project, Adhoc="TRUE")["JobList"]["Job"]
    assert [j["Name"] for j in adhoc] == ["j4"] and adhoc[0]["Adhoc"] == "true"
    item = wire.ok("ListFlowJob", ProjectId=project, Name="j0")["JobList"]["Job"][0]
    assert wire.ok("ListFlowJob", ProjectId=project, Id=item["Id"])["Total"] == 1
    assert "RetryPolicy" not in item and "MaxRunningTimeSec" not in item
    assert wire.ok("ListFlowJob", ProjectId=project, PageNumber=9)["JobList"]["Job"] == []


def test_job_delete(wire: Wire, job: dict[str, Any]) -> None:
    assert wire.ok("DeleteFlowJob", ProjectId=job["ProjectId"], Id=job["Id"])["Data"] is True
    status, body = wire.error("DescribeFlowJob", {"ProjectId": job["ProjectId"], "Id": job["Id"]})
    assert status == 400 and body["message"] == f"Flow Job does not exist [{job['Id']}]"


def test_cluster_setting_lifecycle(wire: Wire, project: str) -> None:
    key = {"ProjectId": project, "ClusterId": DEFAULT_CLUSTER_ID}
    created = wire.ok(
        "CreateFlowProjectClusterSetting",
        **key,
        **{"UserList.1": "alice", "UserList.2": "bob", "HostList.1": "emr-header-1"},
    )
    assert created["Data"] is True
    setting = wire.ok("DescribeFlowProjectClusterSetting", **key)
    assert (setting["DefaultUser"], setting["DefaultQueue"]) == ("hadoop", "default")
    assert setting["UserList"] == {"User": ["alice", "bob"]}
    assert setting["QueueList"] == {"Queue": []}
    assert setting["HostList"] == {"Host": ["emr-header-1"]}
    wire.ok("ModifyFlowProjectClusterSetting", **key, DefaultQueue="etl", **{"QueueList.1": "etl"})
    setting = wire.ok("DescribeFlowProjectClusterSetting", **key)
    assert setting["DefaultQueue"] == "etl" and setting["QueueList"] == {"Queue": ["etl"]}
    assert setting["UserList"] == {"User": ["alice", "bob"]}  # omitted: unchanged
    listed = wire.ok("ListFlowProjectClusterSetting", ProjectId=project)
    item = listed["ClusterSettings"]["ClusterSetting"][0]
    assert listed["Total"] == 1 and item["ClusterId"] == DEFAULT_CLUSTER_ID
    assert item["ClusterName"]
    assert wire.ok("DeleteFlowProjectClusterSetting", **key)["Data"] is True
    assert wire.ok("ListFlowProjectClusterSetting", ProjectId=project)["Total"] == 0


def test_category_lifecycle(wire: Wire, project: str) -> None:
    root = wire.ok("CreateFlowCategory", ProjectId=project, Name="root", Type="JOB")["Id"]
    child = wire.ok("CreateFlowCategory", ProjectId=project, Name="c", Type="JOB", ParentId=root)
    assert re.fullmatch(r"FC-[0-9A-F]{16}", child["Id"])
    described = wire.ok("DescribeFlowCategory", ProjectId=project, Id=root)
    assert described["ParentId"] == "root_parent" and described["Type"] == "JOB"
    listed = wire.ok("ListFlowCategory", ProjectId=project, Root="true")
    assert [c["Id"] for c in listed["Categories"]["Category"]] == [root]
    children = wire.ok("ListFlowCategory", ProjectId=project, ParentId=root)
    assert [c["Id"] for c in children["Categories"]["Category"]] == [child["Id"]]
    wire.ok("ModifyFlowCategory", ProjectId=project, Id=child["Id"], Name="c2", ParentId="")
    moved = wire.ok("DescribeFlowCategory", ProjectId=project, Id=child["Id"])
    assert (moved["Name"], moved["ParentId"]) == ("c2", "root_parent")
    job_id = wire.ok(
        "CreateFlowJob",
        ProjectId=project,
        Name="j",
        Type="HIVE",
        Description="",
        ParentCategory=root,
    )["Id"]
    job = wire.ok("DescribeFlowJob", ProjectId=project, Id=job_id)
    assert job["CategoryId"] == root
    wire.ok("DeleteFlowJob", ProjectId=project, Id=job_id)
    assert wire.ok("DeleteFlowCategory", ProjectId=project, Id=root)["Data"] is True
    assert wire.ok("ListFlowCategory", ProjectId=project)["Total"] == 1


def test_describe_cluster(wire: Wire) -> None:
    info = wire.ok("DescribeClusterV2", Id=DEFAULT_CLUSTER_ID)["ClusterInfo"]
    assert info["Id"] == DEFAULT_CLUSTER_ID and info["Status"] == "IDLE"
    assert info["RegionId"] == "cn-hangzhou"


def test_get_and_post_both_work_and_query_wins(wire: Wire, project: str) -> None:
    got = wire.call("DescribeFlowProject", {"ProjectId": project}, method="GET")
    assert got.status_code == 200 and got.json()["Id"] == project
    # Same parameter in query and body: the query value is the one used (and both are signed).
    params = wire.signed_params("DescribeFlowProject", {"ProjectId": project})
    response = wire.session.post(
        wire.endpoint + "/", params=params, data={"ProjectId": "FP-0000000000000000"}
    )
    # The body's duplicate is signed over the merged set, where the query value wins.
    assert response.status_code == 200, response.text
    assert response.json()["Id"] == project


def test_json_body_is_accepted_leniently(wire: Wire, project: str) -> None:
    params = wire.signed_params("DescribeFlowProject", {})
    response = wire.session.post(wire.endpoint + "/", params=params, json={"ProjectId": project})
    assert response.status_code == 200, response.text
    assert response.json()["Id"] == project


def test_format_is_case_insensitive(wire: Wire, project: str) -> None:
    response = wire.call("DescribeFlowProject", {"ProjectId": project}, fmt="json")
    assert response.headers["Content-Type"] == "application/json;charset=utf-8"
    default = wire.call("DescribeFlowProject", {"ProjectId": project}, fmt=None)  # type: ignore[arg-type]
    assert default.headers["Content-Type"] == "text/xml;charset=utf-8"
    assert ET.fromstring(default.content).tag == "DescribeFlowProjectResponse"


def _xml(wire: Wire, action: str, **params: Any) -> ET.Element:
    response = wire.call(action, {k: str(v) for k, v in params.items()}, fmt="XML")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "text/xml;charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(response.content)
    assert root.tag == f"{action}Response"
    assert root.findtext("RequestId")
    return root


def test_xml_rendering_of_every_shape(wire: Wire) -> None:
    pid = _xml(wire, "CreateFlowProject", Name="x<&>", Description="d").findtext("Id")
    assert _xml(wire, "DescribeFlowProject", ProjectId=pid).findtext("Name") == "x<&>"
    job_id = _xml(wire, "CreateFlowJob", ProjectId=pid, **FULL_JOB).findtext("Id")
    job = _xml(wire, "DescribeFlowJob", ProjectId=pid, Id=job_id)
    assert job.findtext("mode") == "LOCAL" and job.findtext("Adhoc") == "true"
    assert json.loads(job.findtext("CustomVariables") or "") == json.loads(CUSTOM_VARIABLES)
    paths = [r.findtext("Path") for r in job.findall("ResourceList/Resource")]
    assert paths == ["oss://bucket/app.jar", "hdfs:///lib/dep.jar"]
    jobs = _xml(wire, "ListFlowJob", ProjectId=pid)
    assert jobs.findtext("Total") == "1" and len(jobs.findall("JobList/Job")) == 1
    assert (
        _xml(wire, "ModifyFlowJob", ProjectId=pid, Id=job_id, Name="n").findtext("Data") == "true"
    )
    key = {"ProjectId": pid, "ClusterId": DEFAULT_CLUSTER_ID}
    _xml(wire, "CreateFlowProjectClusterSetting", **key, **{"UserList.1": "a", "UserList.2": "b"})
    setting = _xml(wire, "DescribeFlowProjectClusterSetting", **key)
    assert [u.text for u in setting.findall("UserList/User")] == ["a", "b"]
    settings = _xml(wire, "ListFlowProjectClusterSetting", ProjectId=pid)
    assert len(settings.findall("ClusterSettings/ClusterSetting")) == 1
    _xml(wire, "CreateFlowCategory", ProjectId=pid, Name="c", Type="FLOW")
    categories = _xml(wire, "ListFlowCategory", ProjectId=pid)
    assert categories.findtext("Categories/Category/Type") == "FLOW"
    assert len(_xml(wire, "ListFlowProject").findall("Projects/Project")) == 1
    cluster = _xml(wire, "DescribeClusterV2", Id=DEFAULT_CLUSTER_ID)
    assert cluster.findtext("ClusterInfo/Status") == "IDLE"


def test_xml_error_shape(wire: Wire) -> None:
    response = wire.call("DescribeFlowProject", {"ProjectId": "FP-0000000000000000"}, fmt="XML")
    assert response.status_code == 400
    root = ET.fromstring(response.content)
    assert root.tag == "Error"
    assert [child.tag for child in root] == ["RequestId", "HostId", "Code", "Message", "Recommend"]
    assert root.findtext("Code") == "FLOW_API_FAILED"
    assert root.findtext("Message") == "Project does not exist [FP-0000000000000000]"


@pytest.mark.parametrize("value", ["\x00\x07 control", "中文 ✓", "a" * 5000])
def test_odd_text_round_trips(wire: Wire, project: str, value: str) -> None:
    job_id = wire.ok(
        "CreateFlowJob", ProjectId=project, Name="odd", Type="SHELL", Description="", Params=value
    )["Id"]
    assert wire.ok("DescribeFlowJob", ProjectId=project, Id=job_id)["Params"] == value
    root = _xml(wire, "DescribeFlowJob", ProjectId=project, Id=job_id)
    assert root.findtext("Params") is not None
