"""Gateway checks: signature, timestamp, nonce, keys, STS, Action, Version and Format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from emulator_wire import Wire

from pulumi_emrflow.api import signing
from pulumi_emrflow.emulator import Emulator

PREFIX = "Specified signature is not matched with our calculation. server string to sign is:"


def _send_raw(
    wire: Wire, params: dict[str, str], method: str = "POST"
) -> tuple[int, dict[str, str]]:
    response = wire.send(method, params)
    return response.status_code, response.json()


def test_wrong_secret_message_carries_the_exact_string_to_sign(wire: Wire) -> None:
    params = wire.signed_params("ListFlowProject", {"Name": "a b*c~/+=&中"}, secret="wrong")
    status, body = _send_raw(wire, params)
    assert (status, body["Code"]) == (400, "SignatureDoesNotMatch")
    unsigned = {k: v for k, v in params.items() if k != "Signature"}
    assert body["Message"] == PREFIX + signing.string_to_sign("POST", unsigned)


def test_signature_uses_the_real_method(wire: Wire) -> None:
    params = wire.signed_params("ListFlowProject", {}, method="GET")
    _, body = _send_raw(wire, params, "POST")
    assert body["Code"] == "SignatureDoesNotMatch"
    assert body["Message"].startswith(PREFIX + "POST&%2F&")


def test_tampered_parameter_is_detected(wire: Wire) -> None:
    params = wire.signed_params("ListFlowProject", {"Name": "a"})
    params["Name"] = "b"
    assert _send_raw(wire, params)[1]["Code"] == "SignatureDoesNotMatch"


def test_form_parameters_are_signed_too(wire: Wire, project: str) -> None:
    params = wire.signed_params("DescribeFlowProject", {"ProjectId": project})
    query = {k: v for k, v in params.items() if k != "ProjectId"}
    extra = wire.session.post(
        wire.endpoint + "/", params=query, data={"ProjectId": project, "X": "1"}
    )
    assert extra.json()["Code"] == "SignatureDoesNotMatch"
    good = wire.session.post(wire.endpoint + "/", params=query, data={"ProjectId": project})
    assert good.status_code == 200


def test_timestamp_spelled_timestamp_with_capital_s_is_accepted(wire: Wire) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = wire.signed_params("ListFlowProject", {}, Timestamp=None, TimeStamp=stamp)  # type: ignore[arg-type]
    assert "Timestamp" not in params
    assert wire.send("POST", params).status_code == 200


@pytest.mark.parametrize(
    ("delta", "code"),
    [
        (timedelta(minutes=16), "InvalidTimeStamp.Expired"),
        (timedelta(minutes=-16), "InvalidTimeStamp.Expired"),
    ],
)
def test_skewed_timestamp(wire: Wire, delta: timedelta, code: str) -> None:
    stamp = (datetime.now(UTC) + delta).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, body = _send_raw(wire, wire.signed_params("ListFlowProject", {}, Timestamp=stamp))
    assert (status, body["Code"]) == (400, code)


@pytest.mark.parametrize(
    "stamp",
    [
        "2024-01-01 00:00:00",
        "2024-01-01T00:00:00.123Z",
        "2024-1-1T0:0:0Z",
        "yesterday",
        "2024-01-01T00:00:00+08:00",
    ],
)
def test_malformed_timestamp(wire: Wire, stamp: str) -> None:
    status, body = _send_raw(wire, wire.signed_params("ListFlowProject", {}, Timestamp=stamp))
    assert (status, body["Code"]) == (400, "InvalidTimeStamp.Format")


def test_nonce_replay_is_refused_but_a_bad_signature_does_not_burn_it(wire: Wire) -> None:
    params = wire.signed_params("ListFlowProject", {}, SignatureNonce="fixed-nonce")
    forged = {**params, "Signature": "AAAA"}
    assert _send_raw(wire, forged)[1]["Code"] == "SignatureDoesNotMatch"
    assert wire.send("POST", params).status_code == 200
    status, body = _send_raw(wire, params)
    assert (status, body["Code"]) == (400, "SignatureNonceUsed")


def test_reset_forgets_nonces(wire: Wire, emrflow_emulator: Emulator) -> None:
    params = wire.signed_params("ListFlowProject", {})
    assert wire.send("POST", params).status_code == 200
    emrflow_emulator.reset()
    assert wire.send("POST", params).status_code == 200


def test_unknown_access_key(wire: Wire) -> None:
    status, body = _send_raw(wire, wire.signed_params("ListFlowProject", {}, AccessKeyId="nobody"))
    assert (status, body["Code"]) == (404, "InvalidAccessKeyId.NotFound")
    assert body["Message"] == "Specified access key is not found."


@pytest.mark.parametrize(
    ("override", "status", "code"),
    [
        ({"SignatureMethod": "HMAC-SHA256"}, 400, "InvalidSignatureMethod"),
        ({"SignatureVersion": "2.0"}, 400, "IncompleteSignature"),
        ({"SignatureVersion": ""}, 400, "MissingParameter"),
        ({"SignatureNonce": ""}, 400, "MissingParameter"),
        ({"AccessKeyId": ""}, 400, "MissingParameter"),
        ({"Timestamp": ""}, 400, "MissingParameter"),
        ({"Version": "2021-03-20"}, 400, "NoSuchVersion"),
        ({"Version": ""}, 400, "MissingParameter"),
        ({"Action": ""}, 400, "MissingParameter"),
        ({"Action": "RunClusterServiceAction"}, 404, "InvalidApi.NotFound"),
        ({"Format": "YAML"}, 400, "InvalidParameter.Format"),
    ],
)
def test_common_parameter_errors(
    wire: Wire, override: dict[str, str], status: int, code: str
) -> None:
    got_status, body = wire.error("ListFlowProject", override)
    assert (got_status, body["Code"]) == (status, code)


def test_missing_signature(wire: Wire) -> None:
    params = wire.signed_params("ListFlowProject", {})
    del params["Signature"]
    status, body = _send_raw(wire, params)
    assert (status, body["Code"]) == (400, "MissingParameter")
    assert '"Signature"' in body["Message"]


def test_unknown_action_message(wire: Wire) -> None:
    status, body = wire.error("DescribeFlowJobs", {})
    assert status == 404
    assert body["Message"] == "Specified api is not found, please check your url and method."


def test_sts_token_must_match(emrflow_emulator: Emulator) -> None:
    emrflow_emulator.add_key("sts-key", "sts-secret", security_token="token-1")
    wire = Wire(emrflow_emulator.endpoint, "sts-key", "sts-secret")
    assert wire.call("ListFlowProject", {}, SecurityToken="token-1").status_code == 200
    for token in ("token-2", None):
        body = wire.call("ListFlowProject", {}, SecurityToken=token).json()  # type: ignore[arg-type]
        assert body["Code"] == "InvalidSecurityToken.MismatchWithAccessKey"
    plain = Wire(
        emrflow_emulator.endpoint,
        emrflow_emulator.access_key_id,
        emrflow_emulator.access_key_secret,
    )
    body = plain.call("ListFlowProject", {}, SecurityToken="token-1").json()
    assert body["Code"] == "InvalidSecurityToken.MismatchWithAccessKey"


def test_host_id_echoes_the_host_header(wire: Wire) -> None:
    params = wire.signed_params("ListFlowProject", {}, Action="Nope")
    response = wire.session.post(
        wire.endpoint + "/", params=params, headers={"Host": "emr.example"}
    )
    assert response.json()["HostId"] == "emr.example"
