"""The client on the wire, against a scripted server: what it sends, how it reads answers,
what it retries, and that no secret leaks."""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Callable
from typing import Any

import pytest
import requests
from scripted_server import DROP, SECRET, TOKEN, FakeClock, Reply, ScriptedServer
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

from pulumi_emrflow.api import signing
from pulumi_emrflow.api import transport as transport_module
from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials
from pulumi_emrflow.api.errors import ApiError, InvalidRequestError, OutcomeUnknownError
from pulumi_emrflow.api.transport import describe_network_error, shared_session

MakeClient = Callable[..., EmrClient]

JOB = {
    "ProjectId": "FP-257A173659F59685",
    "Name": "my job",
    "Type": "SHELL",
    "Description": "a b*c~d/e+f=g&h 中文",
    "Params": "ls -l",
    "RunConf": {"priority": 1, "memory": 2048.0},
    "MaxRetry": 3.0,
    "ResourceList": [{"Path": "oss://path/demo.jar", "Alias": "demo.jar"}],
}


def _gateway_error(code: str, status: int = 400, message: str = "nope") -> Reply:
    return Reply(
        status,
        {"Code": code, "Message": message, "RequestId": "REQ-1", "HostId": "emr.aliyuncs.com"},
    )


# ---------------------------------------------------------------- what goes out


def test_create_flow_job_request_shape_and_signature(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    server.script.append(Reply(body={"RequestId": "R", "Id": "FJ-1"}))
    assert make_client(token=TOKEN).call("CreateFlowJob", JOB) == {"RequestId": "R", "Id": "FJ-1"}
    (seen,) = server.seen
    assert seen.method == "POST"
    assert seen.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert seen.headers["x-acs-action"] == "CreateFlowJob"
    assert seen.headers["x-acs-version"] == "2016-04-08"
    assert set(seen.body) == {
        "Description",
        "Params",
        "RunConf",
        "ResourceList.1.Path",
        "ResourceList.1.Alias",
    }
    assert seen.body["Description"] == JOB["Description"]
    assert seen.body["RunConf"] == '{"priority":1,"memory":2048.0}'
    q = seen.query
    assert {k: q[k] for k in ("ProjectId", "Name", "Type", "MaxRetry")} == {
        "ProjectId": "FP-257A173659F59685",
        "Name": "my job",
        "Type": "SHELL",
        "MaxRetry": "3",
    }
    assert q["Action"] == "CreateFlowJob"
    assert q["Version"] == "2016-04-08"
    assert q["Format"] == "JSON"
    assert q["AccessKeyId"] == "AKID-test"
    assert q["SignatureMethod"] == "HMAC-SHA1"
    assert q["SignatureVersion"] == "1.0"
    assert q["RegionId"] == "cn-hangzhou"
    assert q["SecurityToken"] == TOKEN
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", q["Timestamp"])
    assert re.fullmatch(r"[0-9a-f]{32}", q["SignatureNonce"])
    union = {**q, **seen.body}
    assert q["Signature"] == signing.signature("POST", union, SECRET)


def test_other_calls_keep_everything_in_the_query(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    client = make_client()
    client.call("DescribeFlowJob", {"Id": "FJ-1", "ProjectId": "FP-1", "RegionId": "eu-west-1"})
    client.call("DescribeFlowJob", {"Id": "FJ-1", "ProjectId": "FP-1"})
    first, second = server.seen
    assert first.body == {} and "content-type" not in first.headers
    assert first.query["RegionId"] == "eu-west-1"
    assert second.query["RegionId"] == "cn-hangzhou"
    assert "SecurityToken" not in first.query
    assert first.query["SignatureNonce"] != second.query["SignatureNonce"]
    assert first.query["Signature"] == signing.signature("POST", first.query, SECRET)


def test_bad_parameters_fail_before_sending(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    with pytest.raises(InvalidRequestError, match="MaxRetry"):
        make_client().call("CreateFlowJob", {**JOB, "MaxRetry": 2.5})
    with pytest.raises(InvalidRequestError, match="unknown action"):
        make_client().call("UpdateFlowProject", {})
    assert server.seen == []


# ---------------------------------------------------------------- reading answers


def test_gateway_error_shape(server: ScriptedServer, make_client: MakeClient) -> None:
    server.script.append(_gateway_error("InvalidParameter", message="bad\nthing"))
    with pytest.raises(ApiError) as info:
        make_client().call("DescribeFlowProject", {"ProjectId": "FP-1"})
    err = info.value
    assert (err.action, err.code, err.message) == (
        "DescribeFlowProject",
        "InvalidParameter",
        "bad thing",
    )
    assert (err.request_id, err.http_status, err.host_id, err.attempts) == (
        "REQ-1",
        400,
        "emr.aliyuncs.com",
        1,
    )
    assert len(server.seen) == 1


@pytest.mark.parametrize("status", [200, 400])
def test_flow_business_error_shape(
    server: ScriptedServer, make_client: MakeClient, status: int
) -> None:
    body = {
        "code": "FLOW_API_FAILED",
        "message": "Flow Job does not exist [FJ-X]",
        "requestId": "REQ-2",
        "successResponse": False,
    }
    server.script.append(Reply(status, body))
    with pytest.raises(ApiError) as info:
        make_client().call("DescribeFlowJob", {"Id": "FJ-X", "ProjectId": "FP-1"})
    err = info.value
    assert (err.code, err.request_id, err.http_status) == ("FLOW_API_FAILED", "REQ-2", status)
    assert err.is_not_found


def test_non_json_error_body_becomes_http_error(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    html = b"<html><head><title>502 Bad Gateway</title></head><body>" + b"x" * 500 + b"</body>"
    server.script.extend(Reply(502, html) for _ in range(4))
    with pytest.raises(ApiError) as info:
        make_client().call("ListFlowProject", {})
    err = info.value
    assert (err.code, err.http_status, err.attempts) == ("HttpError", 502, 4)
    assert "502 Bad Gateway" in err.message and len(err.message) < 250
    assert "after 4 attempts" in str(err)
    assert len(clock.sleeps) == 3


def test_success_that_is_not_json(server: ScriptedServer, make_client: MakeClient) -> None:
    server.script.append(Reply(200, b"<xml/>"))
    with pytest.raises(ApiError, match="InvalidResponse"):
        make_client().call("ListFlowProject", {})


# ---------------------------------------------------------------- retries


def test_throttling_is_retried_with_growing_jitter(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    server.script.extend([_gateway_error("Throttling.User"), _gateway_error("Throttling", 429)])
    assert make_client().call("CreateFlowProject", {"Name": "n", "Description": "d"})["Data"]
    assert len(server.seen) == 3
    assert clock.sleeps == pytest.approx([0.5, 1.0])  # random 0.5 x throttle base 1.0 x 2^n


def test_retry_after_header_is_honoured_in_milliseconds(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    throttled = _gateway_error("Throttling.Api")
    throttled.headers["x-acs-retry-after"] = "1500"
    server.script.append(throttled)
    make_client().call("ListFlowProject", {})
    assert clock.sleeps == [1.5]


def test_transient_errors_exhaust_max_attempts(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    server.script.extend(_gateway_error("ServiceUnavailable", 503) for _ in range(10))
    with pytest.raises(ApiError) as info:
        make_client(max_attempts=3).call("ListFlowProject", {})
    assert (info.value.code, info.value.attempts) == ("ServiceUnavailable", 3)
    assert clock.sleeps == pytest.approx([0.05, 0.1])


def test_deadline_stops_retrying_early(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    for _ in range(10):
        reply = _gateway_error("Throttling")
        reply.headers["x-acs-retry-after"] = "4000"
        server.script.append(reply)
    with pytest.raises(ApiError) as info:
        make_client(max_attempts=10, deadline=10.0).call("ListFlowProject", {})
    assert info.value.attempts == 3  # waits at 0 s and 4 s fit; a third wait would end at 12 s
    assert clock.sleeps == [4.0, 4.0]


def test_fatal_errors_are_not_retried(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    server.script.append(_gateway_error("MissingParameter"))
    with pytest.raises(ApiError, match="MissingParameter"):
        make_client().call("ListFlowProject", {})
    assert clock.sleeps == []


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("action", ["CreateFlowProject", "DescribeFlowProject"])
def test_connection_refused_is_retried_for_every_call(clock: FakeClock, action: str) -> None:
    from scripted_server import fake_policy

    client = EmrClient(
        Credentials("AK", SECRET, TOKEN),
        "cn-hangzhou",
        endpoint=f"http://127.0.0.1:{_closed_port()}",
        retry=fake_policy(clock, max_attempts=3),
    )
    params = (
        {"Name": "n", "Description": "d"} if action.startswith("Create") else {"ProjectId": "P"}
    )
    with pytest.raises(ApiError) as info:
        client.call(action, params)
    err = info.value
    assert (err.code, err.attempts, err.http_status) == ("ConnectionFailed", 3, 0)
    assert "refused" in err.message.lower()
    assert TOKEN not in str(err) and SECRET not in str(err)
    assert err.__context__ is None or err.__suppress_context__


def test_dropped_create_is_outcome_unknown_and_not_retried(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    server.script.append(DROP)
    with pytest.raises(OutcomeUnknownError) as info:
        make_client(token=TOKEN).call("CreateFlowJob", JOB)
    assert len(server.seen) == 1
    assert info.value.action == "CreateFlowJob"
    assert "RemoteDisconnected" in info.value.reason
    assert TOKEN not in str(info.value) and "Signature" not in str(info.value)


def test_dropped_describe_is_retried(
    server: ScriptedServer, make_client: MakeClient, clock: FakeClock
) -> None:
    server.script.extend([DROP, DROP])
    assert make_client().call("DescribeFlowJob", {"Id": "FJ-1", "ProjectId": "P"})["Data"]
    assert len(server.seen) == 3
    assert len(clock.sleeps) == 2


def test_dropped_idempotent_call_exhausted_reports_no_response(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    server.script.extend([DROP] * 5)
    with pytest.raises(ApiError) as info:
        make_client(max_attempts=2).call("DeleteFlowJob", {"Id": "FJ-1", "ProjectId": "P"})
    assert (info.value.code, info.value.attempts) == ("NoResponse", 2)


def test_read_timeout(server: ScriptedServer, make_client: MakeClient) -> None:
    server.script.append(Reply(delay=0.5))
    with pytest.raises(OutcomeUnknownError, match="read timed out"):
        make_client(timeout=(1.0, 0.15)).call("CreateFlowProject", {"Name": "n"})
    server.script.append(Reply(delay=0.5))
    client = make_client(timeout=(1.0, 0.15))
    assert client.call("DescribeFlowProject", {"ProjectId": "P"})["Data"]
    assert len(server.seen) == 3


def test_gateway_timeout_on_create_is_outcome_unknown(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    server.script.extend([Reply(504, b"Gateway Timeout"), Reply(504, b"Gateway Timeout")])
    with pytest.raises(OutcomeUnknownError, match="504"):
        make_client().call("CreateFlowCategory", {"ProjectId": "P", "Name": "n", "Type": "JOB"})
    assert make_client().call("ListFlowCategory", {"ProjectId": "P"})["Data"]
    assert len(server.seen) == 3


def test_network_error_descriptions() -> None:
    refused = requests.exceptions.ConnectionError(
        MaxRetryError(None, "/?SecurityToken=LEAK", NewConnectionError(None, "refused"))  # type: ignore[arg-type]
    )
    sent, retry, reason = describe_network_error(refused)
    assert (sent, retry) == (False, True) and "LEAK" not in reason
    dropped = requests.exceptions.ConnectionError(
        ProtocolError("Connection aborted.", ConnectionResetError(104, "reset"))
    )
    assert describe_network_error(dropped) == (
        True,
        True,
        "connection dropped (ConnectionResetError)",
    )
    assert describe_network_error(requests.exceptions.ConnectTimeout("x"))[:2] == (False, True)
    assert describe_network_error(requests.exceptions.SSLError("x"))[:2] == (False, False)


# ---------------------------------------------------------------- secrets


def test_signature_mismatch_echo_is_redacted(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    once = signing.percent_encode(TOKEN)
    message = (
        "Specified signature is not matched with our calculation. server string to sign is:"
        f"POST&%2F&AccessKeyId%3DAKID-test%26SecurityToken%3D{signing.percent_encode(once)}"
    )
    server.script.append(_gateway_error("SignatureDoesNotMatch", message=message))
    with pytest.raises(ApiError) as info:
        make_client(token=TOKEN).call("ListFlowProject", {})
    text = str(info.value)
    assert "SignatureDoesNotMatch" in text and "AKID-test" in text
    assert "STS-token" not in text and SECRET not in text


def test_debug_log_has_no_values_or_secrets(
    server: ScriptedServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    server.script.extend([_gateway_error("Throttling"), Reply(headers={"x-acs-request-id": "RQ"})])
    # Every logger, urllib3's included: it logs request lines, whose query holds the STS token.
    with caplog.at_level(logging.DEBUG):
        make_client(token=TOKEN).call("CreateFlowJob", JOB)
    text = caplog.text
    assert "CreateFlowJob attempt 1" in text and "attempt 2: HTTP 200 RequestId RQ" in text
    for value in (TOKEN, SECRET, "oss://path", "my job", "FP-257A"):
        assert value not in text


# ---------------------------------------------------------------- the session


def test_one_pooled_session_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    first = shared_session()
    assert shared_session() is first
    adapter: Any = first.get_adapter("http://127.0.0.1")
    assert adapter._pool_maxsize >= 16
    monkeypatch.setattr(transport_module.os, "getpid", lambda: -1)
    assert shared_session() is not first


def test_connections_are_kept_alive_across_calls_and_clients(
    server: ScriptedServer, make_client: MakeClient
) -> None:
    for _ in range(3):
        make_client().call("ListFlowProject", {})
    assert len(server.seen) == 3
    assert len({seen.peer for seen in server.seen}) == 1
