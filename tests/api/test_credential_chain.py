"""The mapping of pulumi-alicloud's credential keys onto alibabacloud-credentials: which source
wins, the one-line errors, keeping fetched keys until near expiry, the expired-token retry, and
that static keys never import the library."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credential_sources import (
    RefreshingSource,
    StaticSource,
    describe_failure,
)
from pulumi_emrflow.api.credentials import Credentials, resolve_source
from pulumi_emrflow.api.errors import ApiError, CredentialsError
from pulumi_emrflow.api.transport import Answer

SECRET = "s3cr3t-VALUE/+="
ROLE = "acs:ram::1234567890123456:role/deployer"
OIDC_PROVIDER = "acs:ram::1234567890123456:oidc-provider/ack"
KEYS = {"alicloud:accessKey": "AK", "alicloud:secretKey": SECRET}


def profile_file(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "config.json"
    document = {
        "current": "dev",
        "profiles": [{"name": "dev", "mode": "AK", "access_key_id": "P", "access_key_secret": "Q"}],
    }
    path.write_text(text if text is not None else json.dumps(document))
    return path


# ---------------------------------------------------------------- which source wins


def test_static_keys_win_and_stay_static(tmp_path: Path) -> None:
    config = {**KEYS, "alicloud:profile": "dev", "alicloud:ecsRoleName": "r"}
    env = {"ALICLOUD_SHARED_CREDENTIALS_FILE": str(profile_file(tmp_path))}
    source = resolve_source(config, env)
    assert isinstance(source, StaticSource)
    assert source.current() == Credentials("AK", SECRET)
    assert source.origin == "the access key from stack config alicloud:accessKey"


@pytest.mark.parametrize(
    ("config", "env", "origin"),
    [
        (
            {"alicloud:profile": "dev"},
            {},
            "profile 'dev' of {file} (stack config alicloud:profile)",
        ),
        ({}, {"ALIBABA_CLOUD_PROFILE": "dev"}, "profile 'dev' of {file} (ALIBABA_CLOUD_PROFILE)"),
        ({}, {}, "profile 'dev' of {file} (the file's current profile (ALICLOUD_SHARED_"),
        ({"alicloud:ecsRoleName": "r"}, {"ALICLOUD_ECS_ROLE_NAME": "s"}, "ECS RAM role 'r'"),
        ({}, {"ALIBABA_CLOUD_ECS_METADATA": "s"}, "ECS RAM role 's' (ALIBABA_CLOUD_ECS_METADATA)"),
        ({"alicloud:credentialsUri": "http://h:1/c?token=t0k"}, {}, "URI http://h:1/c (stack"),
        ({}, {"ALICLOUD_CREDENTIALS_URI": "http://h/c"}, "URI http://h/c (ALICLOUD_CREDENTIALS"),
    ],
)
def test_the_order_after_static_keys(
    tmp_path: Path, config: dict[str, str], env: dict[str, str], origin: str
) -> None:
    path = profile_file(tmp_path)
    env = {"ALICLOUD_SHARED_CREDENTIALS_FILE": str(path), **env}
    if "Profile" not in origin and "profile" not in origin:
        env.pop("ALICLOUD_SHARED_CREDENTIALS_FILE")
    source = resolve_source(config, env)
    assert isinstance(source, RefreshingSource)
    assert origin.format(file=path) in source.origin
    assert "t0k" not in source.origin


def test_profile_beats_ecs_role_which_beats_uri(tmp_path: Path) -> None:
    path = str(profile_file(tmp_path))
    both = {"alicloud:ecsRoleName": "r", "alicloud:credentialsUri": "http://h/c"}
    source = resolve_source({**both, "alicloud:sharedCredentialsFile": path}, {})
    assert source.origin.startswith("profile 'dev'")
    assert resolve_source(both, {}).origin.startswith("the ECS RAM role 'r'")


def test_assume_role_goes_on_top_of_the_base() -> None:
    block = {"roleArn": ROLE, "sessionName": "ci", "sessionExpiration": 900}
    source = resolve_source({**KEYS, "alicloud:assumeRole": json.dumps(block)}, {})
    assert source.origin == (
        f"the role {ROLE} (stack config alicloud:assumeRole), assumed with the access key from "
        "stack config alicloud:accessKey"
    )
    from_env = resolve_source(KEYS, {"ALICLOUD_ASSUME_ROLE_ARN": ROLE})
    assert from_env.origin.startswith(f"the role {ROLE} (ALICLOUD_ASSUME_ROLE_ARN)")


def test_an_oidc_block_replaces_the_keys_but_the_variables_come_after_them() -> None:
    block = {"roleArn": ROLE, "oidcProviderArn": OIDC_PROVIDER, "oidcTokenFile": "/t"}
    source = resolve_source({**KEYS, "alicloud:assumeRoleWithOidc": json.dumps(block)}, {})
    assert source.origin.startswith(f"the OIDC role {ROLE} (stack config")
    env = {
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": "/t",
        "ALIBABA_CLOUD_ROLE_ARN": ROLE,
    }
    assert isinstance(resolve_source(KEYS, env), RefreshingSource)  # the role is assumed ...
    assert resolve_source(KEYS, env).origin.startswith(f"the role {ROLE} (ALIBABA_CLOUD_ROLE_ARN)")
    # ... while without keys the same variables are the OIDC role, not a role on top of it.
    alone = resolve_source({}, env)
    assert alone.origin.startswith(f"the OIDC role {ROLE} (the ALIBABA_CLOUD_OIDC_* variables)")
    # An OIDC block whose role comes from ALIBABA_CLOUD_ROLE_ARN does not assume it twice.
    partial = {"oidcProviderArn": OIDC_PROVIDER, "oidcTokenFile": "/t"}
    config = {"alicloud:assumeRoleWithOidc": json.dumps(partial)}
    assert resolve_source(config, {"ALIBABA_CLOUD_ROLE_ARN": ROLE}).origin == (
        f"the OIDC role {ROLE} (stack config alicloud:assumeRoleWithOidc)"
    )


# ---------------------------------------------------------------- one-line errors


def error_of(config: Mapping[str, Any], env: Mapping[str, str] | None = None) -> str:
    with pytest.raises(CredentialsError) as info:
        resolve_source(config, env or {})
    text = str(info.value)
    assert "\n" not in text
    assert SECRET not in text
    return text


def test_profile_file_errors_name_the_key_and_what_to_do(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    text = error_of({"alicloud:profile": "dev", "alicloud:sharedCredentialsFile": missing})
    assert f"the profile file {missing} (stack config alicloud:sharedCredentialsFile)" in text
    assert "does not exist" in text and "aliyun configure" in text
    broken = str(profile_file(tmp_path, '{"profiles": [,]}'))
    text = error_of({"alicloud:profile": "dev"}, {"ALIBABA_CLOUD_CREDENTIALS_FILE": broken})
    assert "is not valid JSON at line 1" in text and "(ALIBABA_CLOUD_CREDENTIALS_FILE)" in text
    path = str(profile_file(tmp_path))
    text = error_of({"alicloud:sharedCredentialsFile": path}, {"ALICLOUD_PROFILE": "prod"})
    assert "profile 'prod' (ALICLOUD_PROFILE) is not in" in text and "(it has: 'dev')" in text


@pytest.mark.parametrize(
    ("config", "env", "expected"),
    [
        ({"alicloud:assumeRole": "[1]"}, {}, "config alicloud:assumeRole must be an object"),
        ({"alicloud:assumeRole": '{"sessionName": "x"}'}, {}, "alicloud:assumeRole.roleArn is"),
        (
            {**KEYS, "alicloud:assumeRole": json.dumps({"roleArn": ROLE, "sessionExpiration": 60})},
            {},
            "alicloud:assumeRole.sessionExpiration must be a number of seconds from 900",
        ),
        ({"alicloud:assumeRole": json.dumps({"roleArn": ROLE})}, {}, "No credentials to assume"),
        (
            {"alicloud:assumeRoleWithOidc": json.dumps({"roleArn": ROLE, "oidcToken": "eyJ"})},
            {},
            "oidcToken: a token given as a value is not supported yet",
        ),
        (
            {},
            {"ALIBABA_CLOUD_OIDC_TOKEN_FILE": "/t"},
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
        ),
        ({"alicloud:credentialsUri": "ftp://h/x"}, {}, "is not an http(s) URL"),
        ({"alicloud:accessKey": "AK"}, {}, "No Alibaba Cloud access key secret found"),
        ({}, {}, "No Alibaba Cloud credentials found"),
    ],
)
def test_malformed_or_missing_configuration(
    config: dict[str, str], env: dict[str, str], expected: str
) -> None:
    assert expected in error_of(config, env)


def test_nothing_found_lists_every_key_and_variable() -> None:
    text = error_of({})
    for name in (
        "alicloud:accessKey",
        "alicloud:profile",
        "alicloud:sharedCredentialsFile",
        "alicloud:ecsRoleName",
        "alicloud:credentialsUri",
        "alicloud:assumeRoleWithOidc",
        "ALICLOUD_PROFILE",
        "ALIBABA_CLOUD_ECS_METADATA",
        "ALIBABA_CLOUD_CREDENTIALS_URI",
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    ):
        assert name in text


# ---------------------------------------------------------------- the refreshing source


class FakeAnswer:
    def __init__(self, n: int, expiration: int | None) -> None:
        self.n, self.expiration = n, expiration

    def get_access_key_id(self) -> str:
        return f"STS.{self.n}"

    def get_access_key_secret(self) -> str:
        return f"secret-{self.n}"

    def get_security_token(self) -> str:
        return f"token-{self.n}"

    def get_expiration(self) -> int | None:
        return self.expiration


class FakeProvider:
    """Hands out key n with a life of ``life`` seconds (None: no expiry given)."""

    def __init__(self, clock: list[float], life: int | None) -> None:
        self.clock, self.life, self.calls = clock, life, 0

    def get_credentials(self) -> FakeAnswer:
        self.calls += 1
        expiration = None if self.life is None else int(self.clock[0]) + self.life
        return FakeAnswer(self.calls, expiration)


def test_fetched_keys_are_kept_until_shortly_before_they_expire() -> None:
    now = [1000.0]
    provider = FakeProvider(now, life=100)
    source = RefreshingSource(lambda: provider, "o", clock=lambda: now[0])
    assert source.current().access_key_id == "STS.1"
    now[0] = 1079.0  # a fifth of the life is the margin: kept until 1080
    assert source.current().access_key_id == "STS.1"
    now[0] = 1080.0
    assert source.current().access_key_id == "STS.2"
    assert source.refresh().access_key_id == "STS.3"
    assert provider.calls == 3


@pytest.mark.parametrize(("life", "renewed_at"), [(3600, 2880), (43200, 42300)])
def test_long_tokens_are_renewed_a_fifth_of_their_life_but_at_most_15_minutes_early(
    life: int, renewed_at: float
) -> None:
    now = [0.0]
    provider = FakeProvider(now, life=life)
    source = RefreshingSource(lambda: provider, "o", clock=lambda: now[0])
    source.current()
    now[0] = renewed_at - 1
    source.current()
    assert provider.calls == 1
    now[0] = renewed_at
    source.current()
    assert provider.calls == 2


def test_keys_without_an_expiry_are_kept_a_minute() -> None:
    now = [0.0]
    provider = FakeProvider(now, life=None)
    source = RefreshingSource(lambda: provider, "o", clock=lambda: now[0])
    assert source.current().access_key_id == "STS.1"
    now[0] = 59.9
    assert source.current().access_key_id == "STS.1"
    now[0] = 60.0
    assert source.current().access_key_id == "STS.2"


def test_sources_refuse_pickling() -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(RefreshingSource(lambda: None, "o"))
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(StaticSource(Credentials("AK", SECRET)))


class CredentialException(Exception):
    """Named as the library's, which ``describe_failure`` recognises by name."""


class RetryError(Exception):
    """Named as Tea's network failure wrapper."""


def test_library_failures_are_reduced_to_code_and_message() -> None:
    body = json.dumps(
        {
            "Code": "SignatureDoesNotMatch",
            "Message": "Specified signature is not matched with our calculation. server string "
            "to sign is:GET&%2F&SecurityToken%3Dsource-token-value",
            "RequestId": "R",
        }
    )
    text = describe_failure(
        CredentialException(f"error refreshing credentials, http_code: 400, result: {body}")
    )
    assert text == (
        "the service answered HTTP 400 SignatureDoesNotMatch: "
        "Specified signature is not matched with our calculation."
    )
    leaked = '{"Credentials": {"AccessKeySecret": "leak"}}'
    text = describe_failure(CredentialException(f"error retrieving: result: {leaked}"))
    assert "leak" not in text and "not shown" in text
    text = describe_failure(RetryError("Max retries exceeded with url: /?OIDCToken=eyJsecret"))
    assert "eyJsecret" not in text and "could not reach" in text
    assert describe_failure(FileNotFoundError(2, "No such file", "/var/t")) == (
        "the file /var/t does not exist"
    )
    assert describe_failure(KeyError("x")) == "KeyError while fetching credentials"


def test_known_secrets_are_redacted_from_any_message() -> None:
    def build() -> Any:
        raise ValueError(f"bad key {SECRET}")

    source = RefreshingSource(build, "origin", advice="check it", secrets=[SECRET])
    with pytest.raises(CredentialsError) as info:
        source.current()
    assert str(info.value) == "origin: bad key ***; check it"


# ---------------------------------------------------------------- the client


class Rotating:
    """A source whose keys change on refresh()."""

    origin = "test"

    def __init__(self) -> None:
        self.n = 1

    def current(self) -> Credentials:
        return Credentials(f"STS.{self.n}", SECRET, f"token-{self.n}")

    def refresh(self) -> Credentials:
        self.n += 1
        return self.current()


EXPIRED = json.dumps(
    {"Code": "InvalidSecurityToken.Expired", "Message": "Specified SecurityToken is expired."}
).encode()
OK = json.dumps({"RequestId": "R", "Projects": {"Project": []}}).encode()


class Scripted:
    def __init__(self, *answers: bytes) -> None:
        self.answers = list(answers)
        self.tokens: list[str] = []

    def send(self, query: str, headers: Mapping[str, str], body: bytes) -> Answer:
        self.tokens.append(parse_qs(query)["SecurityToken"][0])
        content = self.answers.pop(0)
        return Answer(400 if content is EXPIRED else 200, {}, content)


def test_an_expired_token_is_renewed_and_the_request_sent_once_more() -> None:
    source, transport = Rotating(), Scripted(EXPIRED, OK)
    client = EmrClient(source, "cn-hangzhou", endpoint="http://h:1", transport=transport)
    assert client.call("ListFlowProject", {})["RequestId"] == "R"
    assert transport.tokens == ["token-1", "token-2"]


def test_only_once_per_call() -> None:
    transport = Scripted(EXPIRED, EXPIRED, OK)
    client = EmrClient(Rotating(), "cn-hangzhou", endpoint="http://h:1", transport=transport)
    with pytest.raises(ApiError) as info:
        client.call("ListFlowProject", {})
    assert info.value.code == "InvalidSecurityToken.Expired"
    assert transport.tokens == ["token-1", "token-2"]


def test_static_keys_do_not_import_the_library() -> None:
    code = (
        "import sys; import pulumi_emrflow.providers.lifecycle;"
        "from pulumi_emrflow.api.client import EmrClient;"
        "c = EmrClient.from_config({'alicloud:accessKey': 'a', 'alicloud:secretKey': 'b'}, {});"
        "c.access_key_id;"
        "print(sorted(m for m in sys.modules if m.startswith(('alibabacloud_credentials', 'Tea'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_readme_table_names_every_key_and_variable() -> None:
    from pulumi_emrflow.api import credentials

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Authentication") : readme.index("## Preview, up")]
    names: list[str] = []
    for attribute, value in vars(credentials).items():
        if attribute.endswith("_CONFIG"):
            names.append(value)
        elif attribute.endswith("_ENV"):
            names.extend(value)
    assert len(names) > 30
    for name in names:
        assert f"`{name}" in section, name


def test_loading_the_library_turns_its_loggers_off() -> None:
    import logging

    from pulumi_emrflow.api.credential_sources import credential_library

    credential_library()
    for name in ("credentials", "alibabacloud-tea"):
        assert not logging.getLogger(name).isEnabledFor(logging.CRITICAL)
