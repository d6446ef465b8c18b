"""Every way pulumi-alicloud authenticates, end to end through the SDK's provider server against
the emulator: a profile file, an assumed role whose tokens expire during a run of 300 creates,
an OIDC token file, a credentials URI and an ECS RAM role. The provider gets only stack config
(and, for the ECS role, the emulator as its HTTP proxy), as in a real stack."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from pulumi_emrflow.emulator import DEFAULT_ACCOUNT_ID, Emulator
from pulumi_emrflow.testing.engine import ProviderCallError, ProviderServer, clean_environment

ROLE_ARN = f"acs:ram::{DEFAULT_ACCOUNT_ID}:role/deployer"
OIDC_PROVIDER_ARN = f"acs:ram::{DEFAULT_ACCOUNT_ID}:oidc-provider/ack-rrsa"
CREATES = 300


@pytest.fixture
def emu() -> Iterator[Emulator]:
    # Its own emulator: these tests change how long temporary keys live.
    with Emulator() as emulator:
        yield emulator


def base_config(emu: Emulator, **extra: Any) -> dict[str, Any]:
    """Region and endpoints only: the credentials come from ``extra``."""
    return {
        "alicloud:region": emu.region,
        "emrflow:endpoint": emu.endpoint,
        "alicloud:endpoints": json.dumps([{"sts": emu.endpoint}]),
        **extra,
    }


def server(config: Mapping[str, Any], env: Mapping[str, str] | None = None) -> ProviderServer:
    return ProviderServer.for_spec("flow_project", config, env=env)


def project(name: str) -> dict[str, Any]:
    return {"name": name, "description": "d", "product_type": "EMR"}


def assert_nothing_secret_stored(state_text: str, *values: str) -> None:
    for value in values:
        assert value not in state_text


def profile_file(tmp_path: Path, emu: Emulator) -> Path:
    path = tmp_path / "config.json"
    profiles = [
        {"name": "other", "mode": "AK", "access_key_id": "nope", "access_key_secret": "nope"},
        {
            "name": "dev",
            "mode": "AK",
            "access_key_id": emu.access_key_id,
            "access_key_secret": emu.access_key_secret,
        },
    ]
    path.write_text(json.dumps({"current": "other", "profiles": profiles}))
    return path


def test_profile_from_the_aliyun_cli_file(emu: Emulator, tmp_path: Path) -> None:
    path = profile_file(tmp_path, emu)
    config = base_config(emu, **{"alicloud:profile": "dev"})
    env = {**clean_environment(), "ALICLOUD_SHARED_CREDENTIALS_FILE": str(path)}
    with server(config, env) as p:
        state = p.up("p", project("from-profile"))
        assert state.id.startswith("FP-")
        assert p.refresh(state) is not None
        p.destroy(state)
    text = json.dumps([state.inputs, state.outputs])
    assert_nothing_secret_stored(text, "dev", str(path), emu.access_key_secret)


def test_assumed_role_tokens_expire_during_300_creates_without_a_failure(emu: Emulator) -> None:
    # Keys live a quarter of a second, but STS announces them a minute longer (the caller's
    # clock behind the service's): the provider keeps a token past its real end, meets
    # InvalidSecurityToken.Expired, fetches new keys and sends the request again.
    emu.sts.expiry_seconds = 0.25
    emu.sts.late_expiration_seconds = 60
    config = base_config(
        emu,
        **{
            "alicloud:accessKey": emu.access_key_id,
            "alicloud:secretKey": emu.access_key_secret,
            "alicloud:assumeRole": json.dumps({"roleArn": ROLE_ARN, "sessionName": "ci"}),
        },
    )
    started = time.monotonic()
    with server(config) as p:
        states = [p.up(f"p{i}", project(f"p{i}")) for i in range(CREATES)]
        elapsed = time.monotonic() - started
        assert len({s.id for s in states}) == CREATES
        assert elapsed > 1, "the run must outlast several tokens for this test to mean anything"
        assert emu.sts.issued >= 3
        assert emu.auth.expired_refusals >= 2
        listed = p.refresh(states[0])
        assert listed is not None
    text = json.dumps([[s.inputs, s.outputs] for s in states])
    assert_nothing_secret_stored(text, ROLE_ARN, emu.access_key_secret, "STS.")


def test_assumed_role_refreshed_before_expiry_when_clocks_agree(emu: Emulator) -> None:
    emu.sts.expiry_seconds = 1
    config = base_config(
        emu,
        **{
            "alicloud:accessKey": emu.access_key_id,
            "alicloud:secretKey": emu.access_key_secret,
            "alicloud:assumeRole": json.dumps({"roleArn": ROLE_ARN}),
        },
    )
    with server(config) as p:
        first = p.up("a", project("a"))
        time.sleep(1.2)
        second = p.up("b", project("b"))
    assert first.id != second.id
    assert emu.sts.issued >= 2
    assert emu.auth.expired_refusals == 0


def test_oidc_token_file(emu: Emulator, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("eyJhbGciOi.oidc.token-value")
    emu.sts.oidc_tokens = frozenset({"eyJhbGciOi.oidc.token-value"})
    env = {
        **clean_environment(),
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER_ARN,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": str(token),
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
    }
    with server(base_config(emu), env) as p:
        state = p.up("p", project("from-oidc"))
        p.destroy(state)
    assert emu.sts.issued == 1
    text = json.dumps([state.inputs, state.outputs])
    assert_nothing_secret_stored(text, "oidc.token-value", ROLE_ARN)


def test_oidc_token_file_that_does_not_exist_is_one_clear_line(
    emu: Emulator, tmp_path: Path
) -> None:
    block = {
        "roleArn": ROLE_ARN,
        "oidcProviderArn": OIDC_PROVIDER_ARN,
        "oidcTokenFile": str(tmp_path / "missing"),
    }
    config = base_config(emu, **{"alicloud:assumeRoleWithOidc": json.dumps(block)})
    with server(config) as p, pytest.raises(ProviderCallError) as info:
        p.up("p", project("x"))
    assert f"the file {tmp_path / 'missing'} does not exist" in info.value.details
    assert "alicloud:assumeRoleWithOidc.oidcTokenFile" in info.value.details


def test_credentials_uri(emu: Emulator) -> None:
    emu.sts.expiry_seconds = 1
    config = base_config(emu, **{"alicloud:credentialsUri": emu.credentials_uri})
    with server(config) as p:
        first = p.up("a", project("a"))
        time.sleep(1.2)
        p.up("b", project("b"))
        p.destroy(first)
    assert emu.sts.issued >= 2


def test_ecs_ram_role_from_the_instance_metadata(emu: Emulator) -> None:
    proxy = {"HTTP_PROXY": emu.endpoint, "http_proxy": emu.endpoint, "NO_PROXY": "", "no_proxy": ""}
    config = base_config(emu, **{"alicloud:ecsRoleName": emu.ecs_metadata.role_name})
    with server(config, {**clean_environment(), **proxy}) as p:
        state = p.up("p", project("from-ecs"))
        p.destroy(state)
    assert emu.sts.issued >= 1


def test_a_failing_role_is_one_line_without_secrets(emu: Emulator) -> None:
    config = base_config(
        emu,
        **{
            "alicloud:accessKey": emu.access_key_id,
            "alicloud:secretKey": "wrong-secret-value",
            "alicloud:assumeRole": json.dumps({"roleArn": ROLE_ARN}),
        },
    )
    with server(config) as p, pytest.raises(ProviderCallError) as info:
        p.up("p", project("x"))
    details = info.value.details
    assert "SignatureDoesNotMatch" in details and ROLE_ARN in details
    assert "wrong-secret-value" not in details
    assert "string to sign" not in details


def test_a_missing_profile_names_the_key_and_what_to_do(emu: Emulator, tmp_path: Path) -> None:
    path = profile_file(tmp_path, emu)
    config = base_config(
        emu, **{"alicloud:profile": "prod", "alicloud:sharedCredentialsFile": str(path)}
    )
    with server(config) as p, pytest.raises(ProviderCallError) as info:
        p.up("p", project("x"))
    details = info.value.details
    assert "profile 'prod' (stack config alicloud:profile)" in details
    assert "aliyun configure --profile prod" in details
    assert emu.access_key_secret not in details


def test_credentials_that_fail_mid_run_name_the_resource(emu: Emulator, tmp_path: Path) -> None:
    # The token file disappears between two runs' worth of calls (a rotated mount, a CI step
    # that cleaned up): the next refresh and destroy say which resource and why, in one line.
    token = tmp_path / "token"
    token.write_text("eyJhbGciOi.oidc.token-value")
    emu.sts.oidc_tokens = frozenset({"eyJhbGciOi.oidc.token-value"})
    emu.sts.expiry_seconds = 0.25
    emu.sts.late_expiration_seconds = 60  # kept as valid, then refused: new keys are needed
    env = {
        **clean_environment(),
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER_ARN,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": str(token),
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
    }
    with server(base_config(emu), env) as p:
        state = p.up("p", project("rotated"))
        token.unlink()
        time.sleep(0.5)  # the keys expire; new ones need the file
        for step in (lambda: p.refresh(state), lambda: p.destroy(state)):
            with pytest.raises(ProviderCallError) as info:
                step()
            last = info.value.details.strip().splitlines()[-1]
            assert "ProviderError: Could not" in last and "'rotated'" in last
            assert str(token) in last and "oidc.token-value" not in info.value.details
