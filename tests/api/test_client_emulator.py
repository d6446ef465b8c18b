"""The client end to end against the emulator: lifecycles, the emulator's rules coming back as
ApiError, signatures and STS, faults and retries, and concurrency through one client."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from scripted_server import FakeClock, fake_policy

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials
from pulumi_emrflow.api.errors import ApiError, OutcomeUnknownError
from pulumi_emrflow.api.retry import RetryPolicy
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator

MakeClient = Callable[..., EmrClient]


@pytest.fixture
def emu(emrflow_emulator: Emulator) -> Emulator:
    return emrflow_emulator


@pytest.fixture
def client(emu: Emulator, clock: FakeClock) -> EmrClient:
    return EmrClient.from_config({}, emu.env(), retry=fake_policy(clock, max_attempts=5))


@pytest.fixture
def project(client: EmrClient) -> str:
    answer = client.call("CreateFlowProject", {"Name": "proj", "Description": "for tests"})
    project_id: str = answer["Id"]
    return project_id


def _api_error(call: Callable[[], Any]) -> ApiError:
    with pytest.raises(ApiError) as info:
        call()
    return info.value


# ---------------------------------------------------------------- lifecycles


def test_project_lifecycle(client: EmrClient) -> None:
    created = client.call("CreateFlowProject", {"Name": "p1", "Description": "d1"})
    pid = created["Id"]
    assert pid.startswith("FP-") and created["RequestId"]
    got = client.call("DescribeFlowProject", {"ProjectId": pid})
    assert (got["Id"], got["Name"], got["Description"]) == (pid, "p1", "d1")
    assert client.call("ModifyFlowProject", {"ProjectId": pid, "Description": "d2"})["Data"]
    assert client.call("DescribeFlowProject", {"ProjectId": pid})["Description"] == "d2"
    listed = client.call("ListFlowProject", {"PageSize": 50.0})
    assert pid in [p["Id"] for p in listed["Projects"]["Project"]]
    assert client.call("DeleteFlowProject", {"ProjectId": pid})["Data"]
    err = _api_error(lambda: client.call("DescribeFlowProject", {"ProjectId": pid}))
    assert err.code == "FLOW_API_FAILED" and err.is_not_found


def test_cluster_setting_lifecycle(client: EmrClient, project: str) -> None:
    key = {"ProjectId": project, "ClusterId": DEFAULT_CLUSTER_ID}
    assert client.call(
        "CreateFlowProjectClusterSetting",
        {
            **key,
            "DefaultUser": "hadoop",
            "DefaultQueue": "default",
            "UserList": ["hadoop", "alice"],
            "QueueList": ["default", "etl"],
            "HostList": ["emr-header-1"],
        },
    )["Data"]
    got = client.call("DescribeFlowProjectClusterSetting", key)
    assert got["UserList"]["User"] == ["hadoop", "alice"]
    assert got["QueueList"]["Queue"] == ["default", "etl"]
    assert got["HostList"]["Host"] == ["emr-header-1"]
    assert client.call("ModifyFlowProjectClusterSetting", {**key, "UserList": ["bob"]})["Data"]
    got = client.call("DescribeFlowProjectClusterSetting", key)
    assert got["UserList"]["User"] == ["bob"]
    listed = client.call("ListFlowProjectClusterSetting", {"ProjectId": project})
    assert [s["ClusterId"] for s in listed["ClusterSettings"]["ClusterSetting"]] == [
        DEFAULT_CLUSTER_ID
    ]
    assert client.call("DeleteFlowProjectClusterSetting", key)["Data"]
    err = _api_error(lambda: client.call("DescribeFlowProjectClusterSetting", key))
    assert err.is_not_found


def test_job_lifecycle(client: EmrClient, project: str) -> None:
    run_conf = {"priority": 1, "userName": "hadoop", "memory": 2048, "cores": 1}
    created = client.call(
        "CreateFlowJob",
        {
            "ProjectId": project,
            "Name": "job one",
            "Type": "SPARK",
            "Description": "spark & friends: 中文",
            "Params": "--class Main x.jar",
            "RunConf": run_conf,
            "EnvConf": '{"A": "1"}',
            "MaxRetry": 3.0,
            "RetryInterval": 30.0,
            "FailAct": "STOP",
            "Mode": "YARN",
            "Adhoc": False,
            "ResourceList": [
                {"Path": "oss://bucket/x.jar", "Alias": "x.jar"},
                {"Path": "hdfs:///lib/y.jar"},
            ],
        },
    )
    jid = created["Id"]
    assert jid.startswith("FJ-")
    ident = {"Id": jid, "ProjectId": project}
    got = client.call("DescribeFlowJob", ident)
    assert got["Name"] == "job one" and got["Type"] == "SPARK"
    assert got["Description"] == "spark & friends: 中文"
    assert got["RunConf"] == '{"priority":1,"userName":"hadoop","memory":2048,"cores":1}'
    assert got["EnvConf"] == '{"A": "1"}'
    assert (got["MaxRetry"], got["RetryInterval"], got["mode"]) == (3, 30, "YARN")
    assert got["ResourceList"]["Resource"][0] == {"Path": "oss://bucket/x.jar", "Alias": "x.jar"}
    assert got["ResourceList"]["Resource"][1]["Path"] == "hdfs:///lib/y.jar"
    assert client.call(
        "ModifyFlowJob",
        {**ident, "Params": "--class Other x.jar", "MaxRetry": 5.0, "RunConf": {"cores": 2}},
    )["Data"]
    got = client.call("DescribeFlowJob", ident)
    assert (got["Params"], got["MaxRetry"], got["RunConf"]) == (
        "--class Other x.jar",
        5,
        '{"cores":2}',
    )
    listed = client.call("ListFlowJob", {"ProjectId": project, "Type": "SPARK"})
    assert [j["Id"] for j in listed["JobList"]["Job"]] == [jid]
    assert client.call("DeleteFlowJob", ident)["Data"]
    err = _api_error(lambda: client.call("DescribeFlowJob", ident))
    assert err.message == f"Flow Job does not exist [{jid}]" and err.is_not_found


def test_category_and_cluster_calls(client: EmrClient, project: str) -> None:
    cid = client.call("CreateFlowCategory", {"ProjectId": project, "Name": "f", "Type": "JOB"})[
        "Id"
    ]
    listed = client.call("ListFlowCategory", {"ProjectId": project, "Root": True})
    assert cid in [c["Id"] for c in listed["Categories"]["Category"]]
    assert client.call("DeleteFlowCategory", {"ProjectId": project, "Id": cid})["Data"]
    cluster = client.call("DescribeClusterV2", {"Id": DEFAULT_CLUSTER_ID})
    assert cluster["ClusterInfo"]["Id"] == DEFAULT_CLUSTER_ID


# ---------------------------------------------------------------- the emulator's rules


@pytest.mark.parametrize(
    ("params", "code", "fragment"),
    [
        ({"Type": "SHELL", "Description": "d"}, "MissingParameter", '"Name"'),
        ({"Name": "j", "Type": "X", "Description": "d"}, "FLOW_API_FAILED", "Invalid job type [X]"),
        (
            {"Name": "j", "Type": "SHELL", "Description": "d", "MaxRetry": 9},
            "InvalidParameter",
            "MaxRetry",
        ),
        (
            {"Name": "j", "Type": "SHELL", "Description": "d", "FailAct": "MAYBE"},
            "InvalidParameter",
            "FailAct",
        ),
        (
            {
                "Name": "j",
                "Type": "SHELL",
                "Description": "d",
                "ResourceList": [{"Path": "ftp://x"}],
            },
            "InvalidParameter",
            "ResourceList.1.Path",
        ),
    ],
)
def test_job_rules_come_back_as_api_errors(
    client: EmrClient, project: str, params: dict[str, Any], code: str, fragment: str
) -> None:
    err = _api_error(lambda: client.call("CreateFlowJob", {"ProjectId": project, **params}))
    assert err.code == code and fragment in err.message
    assert err.attempts == 1 and err.request_id


def test_project_rules(client: EmrClient) -> None:
    err = _api_error(
        lambda: client.call("CreateFlowProject", {"Name": "n" * 257, "Description": "d"})
    )
    assert err.message == "Invalid project name [Project name longer than 256]"
    err = _api_error(lambda: client.call("DescribeFlowProject", {"ProjectId": "FP-NOPE"}))
    assert err.is_not_found and "FP-NOPE" in err.message
    err = _api_error(
        lambda: client.call(
            "CreateFlowJob",
            {"ProjectId": "FP-NOPE", "Name": "j", "Type": "SHELL", "Description": "d"},
        )
    )
    assert err.is_not_found


# ---------------------------------------------------------------- signatures and STS


def test_wrong_secret_is_signature_mismatch_without_the_secret(emu: Emulator) -> None:
    wrong = "wrong-secret-/+=-value"
    client = EmrClient(Credentials(emu.access_key_id, wrong), emu.region, endpoint=emu.endpoint)
    err = _api_error(lambda: client.call("ListFlowProject", {}))
    assert err.code == "SignatureDoesNotMatch"
    assert wrong not in str(err) and "wrong-secret" not in repr(err)
    assert emu.access_key_secret not in str(err)


def test_sts_token_is_sent_as_security_token(emu: Emulator) -> None:
    token = "CAIS-sts+token/value=="
    emu.add_key("STS.test-key", "sts-secret", token)
    good = EmrClient(
        Credentials("STS.test-key", "sts-secret", token), emu.region, endpoint=emu.endpoint
    )
    assert "Projects" in good.call("ListFlowProject", {})
    tokenless = EmrClient(
        Credentials("STS.test-key", "sts-secret"), emu.region, endpoint=emu.endpoint
    )
    assert "SecurityToken" in _api_error(lambda: tokenless.call("ListFlowProject", {})).code
    other = "other-token/+="
    wrong = EmrClient(
        Credentials("STS.test-key", "sts-secret", other), emu.region, endpoint=emu.endpoint
    )
    err = _api_error(lambda: wrong.call("ListFlowProject", {}))
    assert other not in str(err) and "sts-secret" not in str(err)


# ---------------------------------------------------------------- faults and retries


def test_throttled_twice_then_success(emu: Emulator, client: EmrClient, clock: FakeClock) -> None:
    emu.set_faults(throttle_next=2)
    assert client.call("CreateFlowProject", {"Name": "t", "Description": "d"})["Id"]
    counters = emu.counters()
    assert counters["requests"]["CreateFlowProject"] == 3 and counters["throttled"] == 2
    assert len(clock.sleeps) == 2


def test_errors_of_every_kind_are_retried(
    emu: Emulator, client: EmrClient, clock: FakeClock
) -> None:
    emu.set_faults(error_next=3)  # 503 ServiceUnavailable, 500 InternalError, 502 HTML
    assert client.call("ListFlowProject", {})["Total"] == 0
    assert emu.counters()["errors"] == 3
    assert len(clock.sleeps) == 3


def test_a_server_error_to_a_create_is_an_unknown_outcome_not_a_blind_retry(
    emu: Emulator, client: EmrClient, clock: FakeClock
) -> None:
    # A 5xx may come after the object was made: repeating the create could make a second one.
    for error in ("503", "500", "502"):
        emu.set_faults(error_next=1)
        with pytest.raises(OutcomeUnknownError, match=f"HTTP {error}"):
            client.call("CreateFlowProject", {"Name": "e", "Description": "d"})
    assert emu.counters()["requests"]["CreateFlowProject"] == 3
    assert clock.sleeps == []


def test_persistent_errors_give_up_within_the_deadline(emu: Emulator) -> None:
    emu.set_faults(error_rate=1.0)
    policy = RetryPolicy(max_attempts=4, deadline=5.0, base_delay=0.01, max_delay=0.05)
    client = EmrClient.from_config({}, emu.env(), retry=policy)
    err = _api_error(lambda: client.call("ListFlowProject", {}))
    assert err.attempts == 4 and f"after {err.attempts} attempts" in str(err)
    assert err.code in ("ServiceUnavailable", "InternalError", "HttpError")
    assert emu.counters()["requests"]["ListFlowProject"] == 4


def test_dropped_create_is_outcome_unknown_and_made_once(
    emu: Emulator, client: EmrClient, project: str
) -> None:
    emu.set_faults(drop_after_commit={"CreateFlowJob": 1})
    with pytest.raises(OutcomeUnknownError) as info:
        client.call(
            "CreateFlowJob",
            {"ProjectId": project, "Name": "once", "Type": "SHELL", "Description": "d"},
        )
    assert info.value.action == "CreateFlowJob"
    assert emu.counters()["requests"]["CreateFlowJob"] == 1
    jobs = client.call("ListFlowJob", {"ProjectId": project})["JobList"]["Job"]
    assert [j["Name"] for j in jobs] == ["once"]


def test_dropped_describe_is_retried(emu: Emulator, client: EmrClient, project: str) -> None:
    emu.set_faults(drop_after_commit={"DescribeFlowProject": 2})
    assert client.call("DescribeFlowProject", {"ProjectId": project})["Id"] == project
    assert emu.counters()["requests"]["DescribeFlowProject"] == 3


def test_eight_threads_share_one_client(emu: Emulator, project: str) -> None:
    client = EmrClient.from_config({}, emu.env())
    threads, per_thread = 8, 100
    ids: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def work(worker: int) -> None:
        try:
            for n in range(per_thread):
                answer = client.call(
                    "CreateFlowJob",
                    {
                        "ProjectId": project,
                        "Name": f"w{worker}-{n}",
                        "Type": "SHELL",
                        "Description": "load",
                        "MaxRetry": float(n % 6),
                    },
                )
                with lock:
                    ids.append(answer["Id"])
        except BaseException as exc:  # reported below
            failures.append(exc)

    pool = [threading.Thread(target=work, args=(w,)) for w in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert failures == []
    assert len(ids) == len(set(ids)) == threads * per_thread
    seen: list[str] = []
    page = 1
    while True:
        answer = client.call(
            "ListFlowJob", {"ProjectId": project, "PageNumber": page, "PageSize": 100}
        )
        seen += [job["Id"] for job in answer["JobList"]["Job"]]
        if len(seen) >= answer["Total"] or not answer["JobList"]["Job"]:
            break
        page += 1
    assert answer["Total"] == threads * per_thread
    assert sorted(seen) == sorted(ids)
    assert emu.counters()["requests"]["CreateFlowJob"] == threads * per_thread
