"""The official SDK (aliyun-python-sdk-core + aliyun-python-sdk-emr 3.3.4) against the emulator:
the independent check that the wire, signing and answers are what real clients expect."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import RpcRequest
from aliyunsdkemr.request.v20160408 import (
    CreateFlowJobRequest,
    CreateFlowProjectClusterSettingRequest,
    CreateFlowProjectRequest,
    DeleteFlowJobRequest,
    DeleteFlowProjectClusterSettingRequest,
    DeleteFlowProjectRequest,
    DescribeClusterV2Request,
    DescribeFlowJobRequest,
    DescribeFlowProjectClusterSettingRequest,
    DescribeFlowProjectRequest,
    ListFlowJobRequest,
    ListFlowProjectClusterSettingRequest,
    ListFlowProjectRequest,
    ModifyFlowJobRequest,
    ModifyFlowProjectClusterSettingRequest,
    ModifyFlowProjectRequest,
)

from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator


class Sdk:
    def __init__(self, emu: Emulator, secret: str | None = None) -> None:
        self.client = AcsClient(emu.access_key_id, secret or emu.access_key_secret, emu.region)
        self.netloc = emu.endpoint.removeprefix("http://")

    def __call__(self, request: RpcRequest, **setters: Any) -> dict[str, Any]:
        for name, value in setters.items():
            getattr(request, f"set_{name}")(value)
        request.set_endpoint(self.netloc)  # per request: nothing global is patched
        request.set_protocol_type("http")
        result: dict[str, Any] = json.loads(self.client.do_action_with_exception(request))
        return result


@pytest.fixture
def sdk(emrflow_emulator: Emulator) -> Sdk:
    return Sdk(emrflow_emulator)


def test_project_through_the_sdk(sdk: Sdk) -> None:
    pid = sdk(CreateFlowProjectRequest.CreateFlowProjectRequest(), Name="p", Description="d")["Id"]
    assert (
        sdk(DescribeFlowProjectRequest.DescribeFlowProjectRequest(), ProjectId=pid)["Name"] == "p"
    )
    modified = sdk(ModifyFlowProjectRequest.ModifyFlowProjectRequest(), ProjectId=pid, Name="q")
    assert modified["Data"] is True
    listed = sdk(ListFlowProjectRequest.ListFlowProjectRequest(), Name="q")
    assert [p["Id"] for p in listed["Projects"]["Project"]] == [pid]
    sdk(DeleteFlowProjectRequest.DeleteFlowProjectRequest(), ProjectId=pid)
    assert sdk(ListFlowProjectRequest.ListFlowProjectRequest())["Total"] == 0


def test_cluster_setting_through_the_sdk(sdk: Sdk) -> None:
    pid = sdk(CreateFlowProjectRequest.CreateFlowProjectRequest(), Name="p", Description="")["Id"]
    key = {"ProjectId": pid, "ClusterId": DEFAULT_CLUSTER_ID}
    sdk(
        CreateFlowProjectClusterSettingRequest.CreateFlowProjectClusterSettingRequest(),
        **key,
        UserLists=["alice", "bob"],
        HostLists=["emr-header-1"],
        DefaultUser="alice",
    )
    setting = sdk(
        DescribeFlowProjectClusterSettingRequest.DescribeFlowProjectClusterSettingRequest(), **key
    )
    assert setting["UserList"]["User"] == ["alice", "bob"] and setting["DefaultUser"] == "alice"
    sdk(
        ModifyFlowProjectClusterSettingRequest.ModifyFlowProjectClusterSettingRequest(),
        **key,
        QueueLists=["etl"],
    )
    listed = sdk(
        ListFlowProjectClusterSettingRequest.ListFlowProjectClusterSettingRequest(), ProjectId=pid
    )
    assert listed["ClusterSettings"]["ClusterSetting"][0]["QueueList"]["Queue"] == ["etl"]
    sdk(DeleteFlowProjectClusterSettingRequest.DeleteFlowProjectClusterSettingRequest(), **key)
    with pytest.raises(ServerException) as raised:
        sdk(
            DescribeFlowProjectClusterSettingRequest.DescribeFlowProjectClusterSettingRequest(),
            **key,
        )
    assert raised.value.get_error_code() == "FLOW_API_FAILED"
    assert "Cluster setting does not exist" in raised.value.get_error_msg()


def test_job_through_the_sdk(sdk: Sdk) -> None:
    pid = sdk(CreateFlowProjectRequest.CreateFlowProjectRequest(), Name="p", Description="")["Id"]
    run_conf = '{"priority":1,"userName":"hadoop","memory":2048,"cores":1}'
    job_id = sdk(
        CreateFlowJobRequest.CreateFlowJobRequest(),
        ProjectId=pid,
        Name="j",
        Type="SPARK",
        Description="desc",
        Params="ls -l",
        RunConf=run_conf,
        Adhoc=False,
        MaxRetry=2,
        ResourceLists=[{"Path": "oss://b/app.jar", "Alias": "app.jar"}],
        ClusterId=DEFAULT_CLUSTER_ID,
        Mode="YARN",
    )["Id"]
    job = sdk(DescribeFlowJobRequest.DescribeFlowJobRequest(), ProjectId=pid, Id=job_id)
    assert (job["RunConf"], job["Adhoc"], job["MaxRetry"], job["mode"]) == (
        run_conf,
        "false",
        2,
        "YARN",
    )
    assert job["ResourceList"]["Resource"] == [{"Path": "oss://b/app.jar", "Alias": "app.jar"}]
    sdk(
        ModifyFlowJobRequest.ModifyFlowJobRequest(),
        ProjectId=pid,
        Id=job_id,
        Name="k",
        ResourceLists=[{"Path": "hdfs:///x"}],
    )
    listed = sdk(ListFlowJobRequest.ListFlowJobRequest(), ProjectId=pid, Adhoc=False)
    item = listed["JobList"]["Job"][0]
    assert (item["Name"], item["ResourceList"]["Resource"]) == ("k", [{"Path": "hdfs:///x"}])
    sdk(DeleteFlowJobRequest.DeleteFlowJobRequest(), ProjectId=pid, Id=job_id)
    with pytest.raises(ServerException) as raised:
        sdk(DescribeFlowJobRequest.DescribeFlowJobRequest(), ProjectId=pid, Id=job_id)
    assert raised.value.get_error_msg() == f"Flow Job does not exist [{job_id}]"
    assert raised.value.get_http_status() == 400


def test_describe_cluster_through_the_sdk(sdk: Sdk) -> None:
    info = sdk(DescribeClusterV2Request.DescribeClusterV2Request(), Id=DEFAULT_CLUSTER_ID)
    assert info["ClusterInfo"]["Status"] == "IDLE"


def test_wrong_secret_is_recognised_by_the_sdk(emrflow_emulator: Emulator) -> None:
    """The core SDK compares its own StringToSign with the one after the colon of our message
    and, only when they are equal, reports InvalidAccessKeySecret: proof the format is exact."""
    sdk = Sdk(emrflow_emulator, secret="not-the-secret")
    with pytest.raises(ServerException) as raised:
        sdk(ListFlowProjectRequest.ListFlowProjectRequest(), Name="a b/c*")
    assert raised.value.get_error_code() == "InvalidAccessKeySecret"
    assert raised.value.get_http_status() == 400
