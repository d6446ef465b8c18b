"""The current official Tea SDK (alibabacloud_tea_openapi + alibabacloud_emr20160408 1.0.2) against
the emulator at its DEFAULT config, which signs every call with V3 (ACS3-HMAC-SHA256), and hand-
built V3 requests signed by the Tea runtime's own helpers as the oracle."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from alibabacloud_emr20160408 import models as emr
from alibabacloud_emr20160408.client import Client
from alibabacloud_tea_openapi import models as openapi
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.utils import (
    Utils,
    get_canonical_query_string,
    get_canonicalized_headers,
)

from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator

PREFIX = "Specified signature is not matched with our calculation. server string to sign is:"
REGION = "cn-hangzhou"


def tea_client(emu: Emulator, **config: Any) -> Client:
    settings: dict[str, Any] = {
        "access_key_id": emu.access_key_id,
        "access_key_secret": emu.access_key_secret,
        "endpoint": emu.endpoint.removeprefix("http://"),
        "protocol": "http",
        "region_id": emu.region,
        **config,
    }
    return Client(openapi.Config(**settings))


@pytest.fixture
def tea(emrflow_emulator: Emulator) -> Client:
    client = tea_client(emrflow_emulator)
    assert client._signature_algorithm is None  # the default: V3 for every call
    return client


def test_the_whole_lifecycle_of_the_four_resources(tea: Client) -> None:
    at = {"region_id": REGION}
    pid = tea.create_flow_project(emr.CreateFlowProjectRequest(name="p", description="d", **at))
    project = pid.body.id
    key = {"project_id": project, **at}
    tea.modify_flow_project(emr.ModifyFlowProjectRequest(name="p2", description="", **key))
    described = tea.describe_flow_project(emr.DescribeFlowProjectRequest(**key)).body
    assert (described.name, described.description) == ("p2", "")
    listed = tea.list_flow_project(emr.ListFlowProjectRequest(name="p2", **at)).body
    assert [p.id for p in listed.projects.project] == [project]

    setting = {"cluster_id": DEFAULT_CLUSTER_ID, **key}
    tea.create_flow_project_cluster_setting(
        emr.CreateFlowProjectClusterSettingRequest(
            user_list=["alice"], default_user="alice", **setting
        )
    )
    tea.modify_flow_project_cluster_setting(
        emr.ModifyFlowProjectClusterSettingRequest(queue_list=["q1", "q2"], **setting)
    )
    got = tea.describe_flow_project_cluster_setting(
        emr.DescribeFlowProjectClusterSettingRequest(**setting)
    ).body
    assert (got.user_list.user, got.queue_list.queue) == (["alice"], ["q1", "q2"])
    settings = tea.list_flow_project_cluster_setting(
        emr.ListFlowProjectClusterSettingRequest(**key)
    )
    assert settings.body.total == 1

    folder = tea.create_flow_category(emr.CreateFlowCategoryRequest(name="f", type="JOB", **key))
    folder_id = folder.body.id
    tea.modify_flow_category(emr.ModifyFlowCategoryRequest(id=folder_id, name="g", **key))
    category = tea.describe_flow_category(emr.DescribeFlowCategoryRequest(id=folder_id, **key))
    assert category.body.name == "g"
    listed_folders = tea.list_flow_category(emr.ListFlowCategoryRequest(root=True, **key)).body
    assert [c.id for c in listed_folders.categories.category] == [folder_id]

    resources = [emr.CreateFlowJobRequestResourceList(path="oss://b/x.jar", alias="x.jar")]
    job = tea.create_flow_job(
        emr.CreateFlowJobRequest(
            name="j", type="SHELL", description="x", params="echo 中文 a+b&c=d", adhoc=False,
            parent_category=folder_id, cluster_id=DEFAULT_CLUSTER_ID, resource_list=resources,
            run_conf=json.dumps({"priority": 1}), max_retry=2, **key,
        )
    )  # fmt: skip
    job_id = job.body.id
    tea.modify_flow_job(
        emr.ModifyFlowJobRequest(id=job_id, name="j2", params="ls", max_retry=0, **key)
    )
    detail = tea.describe_flow_job(emr.DescribeFlowJobRequest(id=job_id, **key)).body
    assert (detail.name, detail.params, detail.max_retry, detail.adhoc) == ("j2", "ls", 0, "false")
    assert detail.resource_list.resource[0].path == "oss://b/x.jar"
    assert tea.list_flow_job(emr.ListFlowJobRequest(**key)).body.total == 1

    tea.delete_flow_job(emr.DeleteFlowJobRequest(id=job_id, **key))
    tea.delete_flow_category(emr.DeleteFlowCategoryRequest(id=folder_id, **key))
    tea.delete_flow_project_cluster_setting(emr.DeleteFlowProjectClusterSettingRequest(**setting))
    tea.delete_flow_project(emr.DeleteFlowProjectRequest(**key))
    assert tea.list_flow_project(emr.ListFlowProjectRequest(**at)).body.total == 0


def test_errors_reach_the_tea_client_with_their_codes(
    emrflow_emulator: Emulator, tea: Client
) -> None:
    missing = emr.DescribeFlowProjectRequest(project_id="FP-0000000000000000", region_id=REGION)
    with pytest.raises(ClientException) as failed:
        tea.describe_flow_project(missing)
    assert failed.value.code == "FLOW_API_FAILED"
    assert "Project does not exist [FP-0000000000000000]" in failed.value.message
    with pytest.raises(ClientException) as failed:
        tea.list_flow_project(emr.ListFlowProjectRequest(region_id="xx-nowhere-1"))
    assert (failed.value.status_code, failed.value.code) == (404, "InvalidRegionId")
    wrong = tea_client(emrflow_emulator, access_key_secret="wrong-secret")
    with pytest.raises(ClientException) as failed:
        wrong.list_flow_project(emr.ListFlowProjectRequest(region_id=REGION))
    assert failed.value.code == "SignatureDoesNotMatch"
    assert "wrong-secret" not in str(failed.value)


def test_sts_credentials_travel_in_v3_headers(emrflow_emulator: Emulator) -> None:
    emrflow_emulator.add_key("STS.tea-key", "tea-secret", "tea-token")
    sts = {"access_key_id": "STS.tea-key", "access_key_secret": "tea-secret"}
    good = tea_client(emrflow_emulator, security_token="tea-token", **sts)
    assert good.list_flow_project(emr.ListFlowProjectRequest(region_id=REGION)).body.total == 0
    bad = tea_client(emrflow_emulator, security_token="other-token", **sts)
    with pytest.raises(ClientException) as failed:
        bad.list_flow_project(emr.ListFlowProjectRequest(region_id=REGION))
    assert failed.value.code == "InvalidSecurityToken.MismatchWithAccessKey"


def test_the_v1_path_of_the_same_client_still_works(emrflow_emulator: Emulator) -> None:
    v1 = tea_client(emrflow_emulator, signature_algorithm="v2")
    created = v1.create_flow_project(
        emr.CreateFlowProjectRequest(name="p", description="", region_id=REGION)
    )
    assert created.body.id.startswith("FP-")


# Hand-built V3 requests: signed with the Tea runtime's get_authorization, the oracle.


class V3:
    """Builds, signs (with the oracle) and sends one V3 request; fields may be spoiled first."""

    def __init__(self, emu: Emulator, action: str, query: Mapping[str, str], body: bytes = b""):
        self.emu = emu
        self.method = "POST"
        self.query = {"RegionId": REGION, **query}
        self.body = body
        self.access_key_id = emu.access_key_id
        self.secret = emu.access_key_secret
        self.algorithm = "ACS3-HMAC-SHA256"
        self.headers: dict[str, str] = {
            "host": emu.endpoint.removeprefix("http://"),
            "x-acs-action": action,
            "x-acs-version": "2016-04-08",
            "x-acs-date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "x-acs-signature-nonce": uuid.uuid4().hex,
            "accept": "application/json",
        }
        self.payload_hash = hashlib.sha256(body).hexdigest()

    def sign(self) -> V3:
        self.headers["x-acs-content-sha256"] = self.payload_hash
        request = SimpleNamespace(
            method=self.method, pathname="/", query=self.query, headers=self.headers
        )
        self.headers["Authorization"] = Utils.get_authorization(
            request, self.algorithm, self.payload_hash, self.access_key_id, self.secret
        )
        return self

    def canonical_request(self) -> str:
        """The canonical request as the Tea runtime builds it (the oracle for the message)."""
        signed = {k: v for k, v in self.headers.items() if k != "Authorization"}
        lines, names = get_canonicalized_headers(signed)
        query = get_canonical_query_string(self.query)
        return f"{self.method}\n/\n{query}\n{lines}\n{names}\n{self.payload_hash}"

    def send(self, body: bytes | None = None) -> tuple[int, dict[str, Any]]:
        response = requests.post(
            self.emu.endpoint + "/?" + urlencode(self.query),
            data=self.body if body is None else body,
            headers=self.headers,
            timeout=10,
        )
        return response.status_code, response.json()


@pytest.fixture
def emu(emrflow_emulator: Emulator) -> Iterator[Emulator]:
    yield emrflow_emulator


def test_a_hand_signed_request_is_answered_in_json(emu: Emulator) -> None:
    name = "a b*c~d/e+f=g&h 中文"
    status, body = V3(emu, "CreateFlowProject", {"Name": name, "Description": ""}).sign().send()
    assert status == 200, body
    status, body = V3(emu, "ListFlowProject", {"Name": name}).sign().send()
    assert (status, body["Total"]) == (200, 1)


def test_a_signed_form_body_is_read_and_covered(emu: Emulator) -> None:
    form = urlencode({"Name": "from body", "Description": "x y"}).encode()
    call = V3(emu, "CreateFlowProject", {}, form)
    call.headers["content-type"] = "application/x-www-form-urlencoded"
    status, body = call.sign().send()
    assert status == 200, body
    listed = V3(emu, "ListFlowProject", {"Name": "from body"}).sign().send()[1]
    assert listed["Projects"]["Project"][0]["Description"] == "x y"


def test_a_wrong_secret_shows_the_canonical_request(emu: Emulator) -> None:
    call = V3(emu, "ListFlowProject", {"Name": "x y/中"})
    call.secret = "wrong"
    status, body = call.sign().send()
    assert (status, body["Code"]) == (400, "SignatureDoesNotMatch")
    assert body["Message"] == PREFIX + call.canonical_request()
    assert "wrong" not in body["Message"]


def test_a_body_that_is_not_the_signed_one_is_refused(emu: Emulator) -> None:
    form = b"Name=signed&Description="
    call = V3(emu, "CreateFlowProject", {}, form)
    call.headers["content-type"] = "application/x-www-form-urlencoded"
    status, body = call.sign().send(b"Name=swapped&Description=")
    assert (status, body["Code"]) == (400, "SignatureDoesNotMatch")
    assert body["Message"].endswith(hashlib.sha256(b"Name=swapped&Description=").hexdigest())


def test_a_tampered_query_or_header_is_refused(emu: Emulator) -> None:
    call = V3(emu, "ListFlowProject", {"Name": "a"}).sign()
    call.query["Name"] = "b"
    assert call.send()[1]["Code"] == "SignatureDoesNotMatch"
    call = V3(emu, "ListFlowProject", {}).sign()
    call.headers["x-acs-action"] = "ListFlowJob"
    assert call.send()[1]["Code"] == "SignatureDoesNotMatch"


def test_a_replayed_request_is_refused(emu: Emulator) -> None:
    call = V3(emu, "ListFlowProject", {}).sign()
    assert call.send()[0] == 200
    status, body = call.send()
    assert (status, body["Code"]) == (400, "SignatureNonceUsed")


def test_format_xml_is_honoured(emu: Emulator) -> None:
    call = V3(emu, "ListFlowProject", {"Format": "XML"}).sign()
    response = requests.post(
        emu.endpoint + "/?" + urlencode(call.query), headers=call.headers, timeout=10
    )
    assert response.text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?><ListFlowProjectResponse>'
    )


def _spoil(name: str, call: V3) -> V3:
    if name == "unknown key":
        call.access_key_id = "no-such-key"
    elif name == "other algorithm":
        call.algorithm = "ACS3-HMAC-SM3"
    elif name == "no nonce":
        del call.headers["x-acs-signature-nonce"]
    elif name == "no date":
        del call.headers["x-acs-date"]
    elif name == "expired date":
        stale = datetime.now(UTC) - timedelta(minutes=20)
        call.headers["x-acs-date"] = stale.strftime("%Y-%m-%dT%H:%M:%SZ")
    elif name == "malformed date":
        call.headers["x-acs-date"] = "Sun, 29 Nov 2026 10:00:00 GMT"
    return call.sign()


@pytest.mark.parametrize(
    ("spoiled", "status", "code"),
    [
        ("unknown key", 404, "InvalidAccessKeyId.NotFound"),
        ("other algorithm", 400, "InvalidSignatureMethod"),
        ("no nonce", 400, "MissingParameter"),
        ("no date", 400, "MissingParameter"),
        ("expired date", 400, "InvalidTimeStamp.Expired"),
        ("malformed date", 400, "InvalidTimeStamp.Format"),
    ],
)
def test_gateway_checks_answer_as_for_v1(
    emu: Emulator, spoiled: str, status: int, code: str
) -> None:
    got_status, body = _spoil(spoiled, V3(emu, "ListFlowProject", {})).send()
    assert (got_status, body["Code"]) == (status, code)


def test_an_unsigned_required_header_or_a_malformed_authorization_is_incomplete(
    emu: Emulator,
) -> None:
    call = V3(emu, "ListFlowProject", {}).sign()
    action = call.headers.pop("x-acs-action")
    call.sign()  # signed without x-acs-action ...
    call.headers["x-acs-action"] = action  # ... which is sent anyway
    assert call.send()[1]["Code"] == "IncompleteSignature"
    call = V3(emu, "ListFlowProject", {}).sign()
    call.headers["Authorization"] = "ACS3-HMAC-SHA256 Credential=x"
    assert call.send()[1]["Code"] == "IncompleteSignature"
