"""Bad input of any kind gets a documented error shape and code, never a 500 of our own."""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlencode

import pytest
from emulator_wire import Wire, error_body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_emrflow.api import signing
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.emulator.protocol import Reply
from pulumi_emrflow.emulator.responses import ACTIONS

GATEWAY_KEYS = {"RequestId", "HostId", "Code", "Message", "Recommend"}
FLOW_KEYS = {"code", "message", "requestId", "successResponse", "Code", "Message", "RequestId"}
PARAM_NAMES = [
    "ProjectId",
    "Id",
    "Name",
    "Type",
    "Description",
    "FailAct",
    "MaxRetry",
    "RetryInterval",
    "MaxRunningTimeSec",
    "Params",
    "EnvConf",
    "RunConf",
    "Mode",
    "Adhoc",
    "ClusterId",
    "ParentCategory",
    "ParentId",
    "Root",
    "PageNumber",
    "PageSize",
    "DefaultUser",
    "UserList.1",
    "UserList.x",
    "QueueList.3",
    "HostList.1",
    "ResourceList.1.Path",
    "ResourceList.1.Alias",
    "ResourceList.2.Alias",
    "ResourceList",
    "ProductType",
]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "5",
            "300",
            "301",
            "249",
            "250",
            "true",
            "FALSE",
            "YARN",
            "SHELL",
            "JOB",
            "oss://b/k",
            "hdfs://x",
            "FP-0000000000000000",
            DEFAULT_CLUSTER_ID,
            "9" * 30,
            "1e3",
            " 7",
        ]
    ),
)
ABUSE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_documented(reply: Reply) -> None:
    """200, or a 400/404 error whose JSON body has exactly one of the two documented shapes."""
    assert reply.error_code != "InternalError"
    assert reply.status in (200, 400, 404, 413), reply.body
    document = _document(reply)
    assert document["RequestId"]
    if reply.status != 200:
        keys = set(document)
        assert keys in (GATEWAY_KEYS, FLOW_KEYS), keys


def _document(reply: Reply) -> dict[str, Any]:
    """The body's top-level fields; an unreadable request can only be answered in XML."""
    if reply.headers["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(reply.body)
        return {child.tag: child.text for child in root}
    document: dict[str, Any] = json.loads(reply.body)
    return document


def _signed(emu: Emulator, action: str, params: dict[str, str]) -> dict[str, str]:
    wire = Wire(emu.endpoint, emu.access_key_id, emu.access_key_secret)
    return wire.signed_params(action, params)


@ABUSE
@given(
    action=st.sampled_from(sorted(ACTIONS)),
    params=st.dictionaries(st.sampled_from(PARAM_NAMES), VALUES, max_size=8),
)
def test_random_signed_parameters(
    emrflow_emulator: Emulator, action: str, params: dict[str, str]
) -> None:
    project = emrflow_emulator.backend.create_flow_project("p", "d").id
    params = {k: v.replace("FP-0000000000000000", project) for k, v in params.items()}
    signed = _signed(emrflow_emulator, action, params)
    query = urlencode({k: v for k, v in signed.items() if k not in params})
    body = urlencode({k: v for k, v in signed.items() if k in params}).encode()
    reply = emrflow_emulator.protocol.handle(
        "POST", "/", query, {"Content-Type": "application/x-www-form-urlencoded"}, body
    )
    assert_documented(reply)


@ABUSE
@given(
    query=st.text(max_size=200),
    body=st.binary(max_size=300),
    content_type=st.sampled_from(
        ["", "application/json", "application/x-www-form-urlencoded", "text/plain"]
    ),
)
def test_random_raw_requests(
    emrflow_emulator: Emulator, query: str, body: bytes, content_type: str
) -> None:
    reply = emrflow_emulator.protocol.handle(
        "POST", "/", query + "&Format=JSON", {"Content-Type": content_type}, body
    )
    assert reply.status != 200
    assert_documented(reply)


@ABUSE
@given(
    document=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_random_json_bodies(emrflow_emulator: Emulator, document: Any) -> None:
    signed = _signed(emrflow_emulator, "ListFlowProject", {})
    body = json.dumps(document).encode()
    reply = emrflow_emulator.protocol.handle(
        "POST", "/", urlencode(signed), {"Content-Type": "application/json"}, body
    )
    assert_documented(reply)


@pytest.mark.parametrize(
    ("query", "body", "content_type", "code"),
    [
        (
            "Format=JSON",
            b"\xff\xfe\x00garbage",
            "application/x-www-form-urlencoded",
            "InvalidParameter",
        ),
        ("Format=JSON&Name=%ff%fe", b"", "", "InvalidParameter"),
        ("Format=JSON&%zz=%", b"", "", "MissingParameter"),
        ("Format=JSON", b"{not json", "application/json", "InvalidParameter"),
        ("Format=JSON", b"[1, 2]", "application/json", "InvalidParameter"),
        ("Format=JSON", b'{"Action": "\\ud800"}', "application/json", "InvalidParameter"),
        ("Format=JSON", b"[" * 100_000, "application/json", "InvalidParameter"),
        ("Format=JSON", b"&".join(b"k%d=v" % i for i in range(5000)), "", "InvalidParameter"),
        ("Format=JSON", b"", "", "MissingParameter"),
    ],
)
def test_garbage(
    emrflow_emulator: Emulator, query: str, body: bytes, content_type: str, code: str
) -> None:
    reply = emrflow_emulator.protocol.handle(
        "POST", "/", query, {"Content-Type": content_type}, body
    )
    assert_documented(reply)
    assert _document(reply)["Code"] == code


def test_other_http_methods_are_refused(wire: Wire) -> None:
    response = wire.session.put(wire.endpoint + "/?Format=JSON", data=b"x")
    assert (response.status_code, response.json()["Code"]) == (400, "UnsupportedHTTPMethod")


def test_huge_value_gets_a_short_error(wire: Wire, project: str) -> None:
    status, body = wire.error(
        "CreateFlowJob",
        {"ProjectId": project, "Name": "n", "Type": "S" * 100_000, "Description": ""},
    )
    assert body["Code"] == "FLOW_API_FAILED" and status == 400
    big = wire.call(
        "CreateFlowJob",
        {
            "ProjectId": project,
            "Name": "n",
            "Type": "SHELL",
            "Description": "",
            "MaxRetry": "7" * 100_000,
        },
    )
    assert big.status_code == 400 and len(big.content) < 1000


def _raw_http(emu: Emulator, request: bytes) -> bytes:
    with socket.create_connection((emu.host, emu.port), timeout=5) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_oversized_content_length_is_refused_without_reading(emrflow_emulator: Emulator) -> None:
    answer = _raw_http(
        emrflow_emulator, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n"
    )
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"<Code>InvalidParameter.BodyTooLarge</Code>" in answer


def test_chunked_body_is_read(emrflow_emulator: Emulator) -> None:
    params = _signed(emrflow_emulator, "ListFlowProject", {})
    body = urlencode(params).encode()
    request = (
        b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
        + b"%x\r\n" % len(body)
        + body
        + b"\r\n0\r\n\r\n"
    )
    answer = _raw_http(emrflow_emulator, request)
    assert answer.startswith(b"HTTP/1.1 200"), answer


def test_error_body_helper_reads_xml(wire: Wire) -> None:
    response = wire.call("ListFlowProject", {}, fmt="XML", Version="1999-01-01")
    assert error_body(response)["Code"] == "NoSuchVersion"


def test_signed_non_ascii_and_reserved_characters(wire: Wire) -> None:
    name = "名前 a+b=c&d/e*f~g%h"
    project = wire.ok("CreateFlowProject", Name=name, Description="")["Id"]
    assert wire.ok("DescribeFlowProject", ProjectId=project)["Name"] == name
    params = wire.signed_params("ListFlowProject", {"Name": name}, method="GET")
    assert signing.percent_encode(name) != name
    assert wire.send("GET", params).json()["Total"] == 1


V3_HEADER_NAMES = [
    "authorization",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-security-token",
    "host",
]
V3_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "ACS3-HMAC-SHA256 Credential=emrflow-emulator-key,SignedHeaders=host,Signature=00",
            "ACS3-HMAC-SHA256 Credential=,SignedHeaders=;;,Signature=",
            "ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=ab",
            "ACS3-",
            "ListFlowProject",
            "2016-04-08",
            "2024-01-01T00:00:00Z",
        ]
    ),
)


@ABUSE
@given(headers=st.dictionaries(st.sampled_from(V3_HEADER_NAMES), V3_VALUES, max_size=8))
def test_random_v3_headers(emrflow_emulator: Emulator, headers: dict[str, str]) -> None:
    headers.setdefault("authorization", "ACS3-HMAC-SHA256")
    reply = emrflow_emulator.protocol.handle("POST", "/", "RegionId=cn-hangzhou", headers, b"{}")
    assert reply.status != 200
    assert_documented(reply)
