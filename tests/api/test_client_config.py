"""Credentials, region and endpoint resolution: precedence tables and error texts."""

from __future__ import annotations

import json
import pickle

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import (
    ACCESS_KEY_ID_ENV,
    ACCESS_KEY_SECRET_ENV,
    DEFAULT_REGION,
    REGION_ENV,
    SECURITY_TOKEN_ENV,
    Credentials,
    resolve_credentials,
    resolve_region,
)
from pulumi_emrflow.api.endpoints import (
    alicloud_emr_endpoint,
    host_for_region,
    normalize_endpoint,
    resolve_endpoint,
)
from pulumi_emrflow.api.errors import ConfigurationError, CredentialsError

SECRET = "s3cr3t-VALUE/+="
TOKEN = "sts-TOKEN/with+chars=="


# ---------------------------------------------------------------- credentials


@pytest.mark.parametrize(
    ("explicit", "config", "env", "expected"),
    [
        ("arg", {"alicloud:accessKey": "cfg"}, {"ALICLOUD_ACCESS_KEY": "env"}, "arg"),
        (None, {"alicloud:accessKey": "cfg"}, {"ALICLOUD_ACCESS_KEY": "env"}, "cfg"),
        ("", {"alicloud:accessKey": ""}, {"ALICLOUD_ACCESS_KEY": "env"}, "env"),
        (None, {}, {n: f"env{i}" for i, n in enumerate(ACCESS_KEY_ID_ENV)}, "env0"),
        (None, {}, {ACCESS_KEY_ID_ENV[1]: "b", ACCESS_KEY_ID_ENV[2]: "c"}, "b"),
        (None, {}, {ACCESS_KEY_ID_ENV[2]: "c"}, "c"),
    ],
)
def test_access_key_id_precedence(
    explicit: str | None, config: dict[str, str], env: dict[str, str], expected: str
) -> None:
    creds = resolve_credentials(config, {**env, "ALICLOUD_SECRET_KEY": "x"}, access_key_id=explicit)
    assert creds.access_key_id == expected


def test_secret_and_token_orders() -> None:
    env = {n: f"s{i}" for i, n in enumerate(ACCESS_KEY_SECRET_ENV)} | {"ALICLOUD_ACCESS_KEY": "a"}
    env |= {n: f"t{i}" for i, n in enumerate(SECURITY_TOKEN_ENV)}
    creds = resolve_credentials({}, env)
    assert (creds.access_key_secret, creds.security_token) == ("s0", "t0")
    env.pop(ACCESS_KEY_SECRET_ENV[0])
    env.pop(SECURITY_TOKEN_ENV[0])
    creds = resolve_credentials({}, env)
    assert (creds.access_key_secret, creds.security_token) == ("s1", "t1")
    creds = resolve_credentials({"alicloud:secretKey": "cs", "alicloud:securityToken": "ct"}, env)
    assert (creds.access_key_secret, creds.security_token) == ("cs", "ct")
    creds = resolve_credentials({}, env, access_key_secret="xs", security_token="xt")
    assert (creds.access_key_secret, creds.security_token) == ("xs", "xt")


def test_no_token_means_none() -> None:
    creds = resolve_credentials({}, {"ALICLOUD_ACCESS_KEY": "a", "ALICLOUD_SECRET_KEY": "s"})
    assert creds.security_token is None


def test_env_defaults_to_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ACCESS_KEY_ID_ENV + ACCESS_KEY_SECRET_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "from-os")
    monkeypatch.setenv("ALIBABACLOUD_ACCESS_KEY_SECRET", "x")
    assert resolve_credentials().access_key_id == "from-os"


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "access key ID and access key secret"),
        ({"ALICLOUD_ACCESS_KEY": "a"}, "access key secret"),
        ({"ALICLOUD_SECRET_KEY": SECRET}, "access key ID"),
    ],
)
def test_missing_credentials_names_every_source_on_one_line(
    env: dict[str, str], missing: str
) -> None:
    with pytest.raises(CredentialsError) as info:
        resolve_credentials({}, env)
    text = str(info.value)
    assert f"No Alibaba Cloud {missing} found" in text
    assert "\n" not in text
    assert SECRET not in text
    for name in (
        "alicloud:accessKey",
        "alicloud:secretKey",
        "alicloud:securityToken",
        *ACCESS_KEY_ID_ENV,
        *ACCESS_KEY_SECRET_ENV,
        *SECURITY_TOKEN_ENV,
    ):
        assert name in text


def test_credentials_hide_secrets() -> None:
    creds = Credentials("AKID", SECRET, TOKEN)
    for text in (repr(creds), str(creds), f"{creds!r}"):
        assert "AKID" in text
        assert SECRET not in text and TOKEN not in text
    assert "security_token=None" in repr(Credentials("AKID", SECRET))
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(creds)
    with pytest.raises(AttributeError):
        creds.access_key_id = "other"  # type: ignore[misc]
    assert creds == Credentials("AKID", SECRET, TOKEN)


def test_redact_removes_raw_and_encoded_forms() -> None:
    creds = Credentials("AKID", SECRET, TOKEN)
    text = (
        f"raw {TOKEN} once sts-TOKEN%2Fwith%2Bchars%3D%3D "
        f"twice sts-TOKEN%252Fwith%252Bchars%253D%253D secret {SECRET} id AKID"
    )
    redacted = creds.redact(text)
    assert "TOKEN" not in redacted and "s3cr3t" not in redacted
    assert "AKID" in redacted


# ---------------------------------------------------------------- region


@pytest.mark.parametrize(
    ("explicit", "config", "env", "expected"),
    [
        ("eu-west-1", {"alicloud:region": "cn-shanghai"}, {"ALICLOUD_REGION": "x"}, "eu-west-1"),
        (None, {"alicloud:region": "cn-shanghai"}, {"ALICLOUD_REGION": "x"}, "cn-shanghai"),
        (None, {}, {n: f"r{i}" for i, n in enumerate(REGION_ENV)}, "r0"),
        (None, {}, {"ALIBABA_CLOUD_REGION_ID": "r2", "ALIBABACLOUD_REGION_ID": "r3"}, "r2"),
        (None, {}, {"ALIBABACLOUD_REGION_ID": "r3"}, "r3"),
        (None, {}, {}, DEFAULT_REGION),
    ],
)
def test_region_precedence(
    explicit: str | None, config: dict[str, str], env: dict[str, str], expected: str
) -> None:
    assert resolve_region(config, env, region=explicit) == expected


def test_default_region_is_terraforms() -> None:
    assert DEFAULT_REGION == "cn-beijing"


# ---------------------------------------------------------------- endpoints


@pytest.mark.parametrize(
    ("region", "host"),
    [
        ("cn-hangzhou", "emr.aliyuncs.com"),
        ("cn-beijing", "emr.aliyuncs.com"),
        ("us-west-1", "emr.aliyuncs.com"),
        ("cn-shanghai-finance-1", "emr.aliyuncs.com"),
        ("cn-qingdao", "emr.cn-qingdao.aliyuncs.com"),
        ("eu-central-1", "emr.eu-central-1.aliyuncs.com"),
    ],
)
def test_region_table(region: str, host: str) -> None:
    assert host_for_region(region) == host
    assert resolve_endpoint(region, env={}) == f"https://{host}"


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("emr.example.com", "https://emr.example.com"),
        (" emr.example.com:8443 ", "https://emr.example.com:8443"),
        ("HTTPS://Emr.Example.com", "https://Emr.Example.com"),
    ],
)
def test_normalize_endpoint(value: str, url: str) -> None:
    assert normalize_endpoint(value) == url


@pytest.mark.parametrize("value", ["", "ftp://x", "http://", "http://h/path", "http://h/?a=1"])
def test_bad_endpoints(value: str) -> None:
    with pytest.raises(ConfigurationError):
        normalize_endpoint(value)


ALICLOUD = json.dumps([{"ecs": "ecs.example.com"}, {"emr": "emr.alicloud.example"}])


@pytest.mark.parametrize(
    ("explicit", "config", "env", "expected"),
    [
        (
            "http://arg",
            {"emrflow:endpoint": "http://cfg", "alicloud:endpoints": ALICLOUD},
            {"EMRFLOW_ENDPOINT": "http://env"},
            "http://arg",
        ),
        (
            None,
            {"emrflow:endpoint": "http://cfg", "alicloud:endpoints": ALICLOUD},
            {"EMRFLOW_ENDPOINT": "http://env"},
            "http://cfg",
        ),
        (
            None,
            {"alicloud:endpoints": ALICLOUD},
            {"EMRFLOW_ENDPOINT": "http://env"},
            "http://env",
        ),
        (None, {"alicloud:endpoints": ALICLOUD}, {}, "https://emr.alicloud.example"),
        (None, {"alicloud:endpoints": '[{"emr": ""}]'}, {}, "https://emr.cn-qingdao.aliyuncs.com"),
        (None, {}, {}, "https://emr.cn-qingdao.aliyuncs.com"),
    ],
)
def test_endpoint_precedence(
    explicit: str | None, config: dict[str, str], env: dict[str, str], expected: str
) -> None:
    assert resolve_endpoint("cn-qingdao", explicit=explicit, config=config, env=env) == expected


def test_alicloud_endpoints_shapes() -> None:
    assert alicloud_emr_endpoint('{"emr": "h"}') == "h"
    assert alicloud_emr_endpoint([{"emr": "h"}]) == "h"
    assert alicloud_emr_endpoint('[{"ecs": "e"}]') is None
    assert alicloud_emr_endpoint("") is None
    with pytest.raises(ConfigurationError, match="alicloud:endpoints"):
        alicloud_emr_endpoint("emr=h")
    with pytest.raises(ConfigurationError, match="alicloud:endpoints"):
        alicloud_emr_endpoint("5")


def test_a_bad_alicloud_value_does_not_matter_when_overridden() -> None:
    config = {"alicloud:endpoints": "not json"}
    assert resolve_endpoint("cn-hangzhou", explicit="h", config=config, env={}) == "https://h"


# ---------------------------------------------------------------- client construction


def test_from_config_wires_everything() -> None:
    client = EmrClient.from_config(
        {"alicloud:accessKey": "AK", "alicloud:secretKey": SECRET, "alicloud:region": "cn-qingdao"},
        {"EMRFLOW_ENDPOINT": "http://127.0.0.1:1"},
    )
    assert client.region == "cn-qingdao"
    assert client.endpoint == "http://127.0.0.1:1"
    assert client.access_key_id == "AK"
    assert SECRET not in repr(client)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(client)


def test_from_config_defaults() -> None:
    client = EmrClient.from_config({}, {"ALICLOUD_ACCESS_KEY": "AK", "ALICLOUD_SECRET_KEY": "S"})
    assert (client.region, client.endpoint) == ("cn-beijing", "https://emr.aliyuncs.com")
    client = EmrClient(Credentials("AK", "S"), "me-east-1")
    assert client.endpoint == "https://emr.me-east-1.aliyuncs.com"
    client = EmrClient(Credentials("AK", "S"), "me-east-1", endpoint="localhost:9")
    assert client.endpoint == "https://localhost:9"
