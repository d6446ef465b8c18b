"""The emulator's STS (AssumeRole, AssumeRoleWithOIDC), its expiring temporary keys, and the ECS
metadata and credentials-URI stand-ins; Alibaba's own credentials library is the client."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from alibabacloud_credentials.provider import (
    EcsRamRoleCredentialsProvider,
    OIDCRoleArnCredentialsProvider,
    RamRoleArnCredentialsProvider,
    StaticAKCredentialsProvider,
    URLCredentialsProvider,
)

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials
from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.emulator import DEFAULT_ACCOUNT_ID, Emulator

ROLE = f"acs:ram::{DEFAULT_ACCOUNT_ID}:role/deployer"
OIDC_PROVIDER = f"acs:ram::{DEFAULT_ACCOUNT_ID}:oidc-provider/ack"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


def assume_role(emu: Emulator, **extra: Any) -> Any:
    source = StaticAKCredentialsProvider(
        access_key_id=emu.access_key_id, access_key_secret=emu.access_key_secret
    )
    provider = RamRoleArnCredentialsProvider(
        credentials_provider=source,
        role_arn=ROLE,
        role_session_name="test",
        sts_endpoint=emu.endpoint,
        **extra,
    )
    return provider.get_credentials()


def client_with(emu: Emulator, keys: Any) -> EmrClient:
    credentials = Credentials(
        keys.get_access_key_id(), keys.get_access_key_secret(), keys.get_security_token()
    )
    return EmrClient(credentials, emu.region, endpoint=emu.endpoint)


def sts_get(emu: Emulator, **params: str) -> requests.Response:
    query = {"Version": "2015-04-01", "Format": "JSON", **params}
    return requests.get(emu.endpoint + "/", params=query, timeout=5)


def test_assume_role_keys_work_with_their_token_until_they_expire(emu: Emulator) -> None:
    emu.sts.expiry_seconds = 1
    keys = assume_role(emu)
    assert keys.get_access_key_id().startswith("STS.")
    assert keys.get_expiration() <= time.time() + 2
    client = client_with(emu, keys)
    project = client.call("CreateFlowProject", {"Name": "p", "Description": "d"})["Id"]
    # The role is of the emulator's account: the default key sees what the role made.
    owner = EmrClient.from_config(env=emu.env())
    assert owner.call("DescribeFlowProject", {"ProjectId": project})["Name"] == "p"
    without_token = Credentials(keys.get_access_key_id(), keys.get_access_key_secret())
    with pytest.raises(ApiError, match=r"InvalidSecurityToken\.MismatchWithAccessKey"):
        EmrClient(without_token, emu.region, endpoint=emu.endpoint).call("ListFlowProject", {})
    time.sleep(1.1)
    with pytest.raises(ApiError) as info:
        client.call("ListFlowProject", {})
    assert (info.value.code, info.value.message) == (
        "InvalidSecurityToken.Expired",
        "Specified SecurityToken is expired.",
    )
    assert emu.auth.expired_refusals == 1


def test_expiry_is_the_duration_asked_for_unless_cut(emu: Emulator) -> None:
    keys = assume_role(emu, duration_seconds=900)
    assert 890 <= keys.get_expiration() - time.time() <= 900
    emu.sts.late_expiration_seconds = 60
    emu.sts.expiry_seconds = 5
    keys = assume_role(emu, duration_seconds=900)
    assert 60 <= keys.get_expiration() - time.time() <= 65


def test_assume_role_must_be_signed_and_well_formed(emu: Emulator) -> None:
    answer = sts_get(emu, Action="AssumeRole", RoleArn=ROLE, RoleSessionName="s")
    assert answer.json()["Code"] == "MissingParameter"
    with pytest.raises(Exception, match=r"InvalidParameter\.RoleArn"):
        RamRoleArnCredentialsProvider(
            access_key_id=emu.access_key_id,
            access_key_secret=emu.access_key_secret,
            role_arn="arn:aws:iam::1:role/x",
            sts_endpoint=emu.endpoint,
        ).get_credentials()
    answer = sts_get(emu, Action="GetCallerIdentity")
    assert (answer.status_code, answer.json()["Code"]) == (404, "InvalidApi.NotFound")


def test_oidc_needs_no_signature_but_a_known_token(emu: Emulator, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("eyJ.good")
    emu.sts.oidc_tokens = frozenset({"eyJ.good"})
    provider = OIDCRoleArnCredentialsProvider(
        role_arn=ROLE,
        oidc_provider_arn=OIDC_PROVIDER,
        oidc_token_file_path=str(token),
        sts_endpoint=emu.endpoint,
    )
    keys = provider.get_credentials()
    assert client_with(emu, keys).call("ListFlowProject", {})["RequestId"]
    common = {"RoleArn": ROLE, "OIDCProviderArn": OIDC_PROVIDER}
    answer = sts_get(emu, Action="AssumeRoleWithOIDC", OIDCToken="eyJ.bad", **common)
    assert answer.json()["Code"] == "InvalidParameter.OIDCToken"
    answer = sts_get(
        emu, Action="AssumeRoleWithOIDC", OIDCToken="eyJ.good", RoleArn=ROLE, OIDCProviderArn="x"
    )
    assert answer.json()["Code"] == "InvalidParameter.OIDCProviderArn"
    answer = sts_get(
        emu, Action="AssumeRoleWithOIDC", OIDCToken="eyJ.good", DurationSeconds="60", **common
    )
    assert answer.json()["Code"] == "InvalidParameter.DurationSeconds"


def test_ecs_metadata_stand_in_through_the_proxy(emu: Emulator) -> None:
    proxies = {"http": emu.endpoint}
    base = "http://100.100.100.200/latest"
    token = requests.put(f"{base}/api/token", proxies=proxies, timeout=5)
    assert token.status_code == 200 and token.text
    role = requests.get(f"{base}/meta-data/ram/security-credentials/", proxies=proxies, timeout=5)
    assert role.text == emu.ecs_metadata.role_name
    other = requests.get(f"{base}/meta-data/ram/security-credentials/x", proxies=proxies, timeout=5)
    assert other.status_code == 404


def test_ecs_role_through_the_library(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", emu.endpoint)
    monkeypatch.setenv("http_proxy", emu.endpoint)
    provider = EcsRamRoleCredentialsProvider(
        role_name=emu.ecs_metadata.role_name, async_update_enabled=False
    )
    keys = provider.get_credentials()
    monkeypatch.delenv("HTTP_PROXY")
    monkeypatch.delenv("http_proxy")
    assert client_with(emu, keys).call("ListFlowProject", {})["RequestId"]


def test_credentials_uri_stand_in(emu: Emulator) -> None:
    keys = URLCredentialsProvider(uri=emu.credentials_uri).get_credentials()
    assert client_with(emu, keys).call("ListFlowProject", {})["RequestId"]
    assert requests.post(emu.credentials_uri, timeout=5).status_code == 405


def test_cli_sts_expiry_flag() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_emrflow.emulator", "--port", "0", "--sts-expiry", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        endpoint = process.stdout.readline().strip()
        uri = URLCredentialsProvider(uri=f"{endpoint}/__credentials")
        assert uri.get_credentials().get_expiration() <= time.time() + 1
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert "Traceback" not in stderr
