"""When no service answers: the error names the endpoint and where it came from, says what kind
of failure it was, and gives advice for that cause."""

from __future__ import annotations

import pickle
import socket
from typing import Any

import pytest
import requests
from scripted_server import SECRET, FakeClock, ScriptedServer, fake_policy
from urllib3.exceptions import MaxRetryError, NewConnectionError

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials
from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.api.transport import network_failure
from pulumi_emrflow.api.unreachable import ServiceUnreachableError, advice_for

KEYS = {"ALICLOUD_ACCESS_KEY": "AK", "ALICLOUD_SECRET_KEY": SECRET, "ALICLOUD_REGION": "eu-west-1"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unreachable(client: EmrClient) -> ServiceUnreachableError:
    with pytest.raises(ApiError) as info:
        client.call("ListFlowProject", {})
    assert isinstance(info.value, ServiceUnreachableError)
    return info.value


def _client(clock: FakeClock, config: dict[str, Any] | None = None, **env: str) -> EmrClient:
    return EmrClient.from_config(config, {**KEYS, **env}, retry=fake_policy(clock, max_attempts=2))


def test_a_refused_connection_names_the_url_and_the_variable_it_came_from(
    clock: FakeClock,
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    error = _unreachable(_client(clock, EMRFLOW_ENDPOINT=url))
    assert (error.code, error.cause, error.attempts) == ("ConnectionFailed", "refused", 2)
    assert str(error) == (
        f"ListFlowProject failed: ConnectionFailed: connection refused at {url} "
        "(endpoint from EMRFLOW_ENDPOINT) (after 2 attempts)"
    )
    assert "check EMRFLOW_ENDPOINT" in error.advice and "start the service" in error.advice
    assert "fix the value" not in error.advice and SECRET not in str(error) + error.advice


def test_the_stack_config_origin_is_named_too(clock: FakeClock) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    config = {"emrflow:endpoint": url}
    error = _unreachable(_client(clock, config, EMRFLOW_ENDPOINT="http://ignored:1"))
    assert error.endpoint == url and error.origin == "stack config emrflow:endpoint"
    assert "(endpoint from stack config emrflow:endpoint)" in str(error)


def test_https_to_a_plain_http_server_is_a_tls_failure(
    clock: FakeClock, server: ScriptedServer
) -> None:
    url = server.endpoint.replace("http://", "https://")
    error = _unreachable(_client(clock, EMRFLOW_ENDPOINT=url))
    assert (error.cause, error.attempts) == ("tls", 1)  # not retried: it will not change
    assert "TLS handshake failed" in str(error) and "http://, not https://" in error.advice


def test_each_cause_is_told_apart() -> None:
    dns = NewConnectionError(None, "x")  # type: ignore[arg-type]
    dns.__context__ = socket.gaierror(-2, "Name or service not known")
    failure = network_failure(
        requests.exceptions.ConnectionError(MaxRetryError(None, "/?SecurityToken=LEAK", dns))  # type: ignore[arg-type]
    )
    assert (failure.cause, failure.reason) == (
        "dns",
        "host name not found (Name or service not known)",
    )
    unreachable = NewConnectionError(None, "x")  # type: ignore[arg-type]
    unreachable.__context__ = OSError(101, "Network is unreachable")
    failure = network_failure(requests.exceptions.ConnectionError(unreachable))
    assert (failure.cause, failure.reason) == (
        "other",
        "could not connect (Network is unreachable)",
    )
    assert network_failure(requests.exceptions.ConnectTimeout("x")).cause == "connect-timeout"
    assert network_failure(requests.exceptions.ReadTimeout("x")).cause == "read-timeout"
    assert network_failure(requests.exceptions.ChunkedEncodingError("x")).cause == "dropped"


def test_advice_for_the_region_default_points_at_the_region() -> None:
    advice = advice_for("dns", "the default for region eu-west-1")
    assert "alicloud:region" in advice and "emrflow:endpoint" in advice
    assert "retry" not in advice_for("refused", "EMRFLOW_ENDPOINT")


def test_every_client_knows_where_its_endpoint_came_from() -> None:
    assert EmrClient.from_config(env=KEYS)._endpoint_origin == "the default for region eu-west-1"
    direct = EmrClient(Credentials("AK", SECRET), "eu-west-1", endpoint="h:1")
    assert direct._endpoint_origin == "the endpoint argument"


def test_the_error_survives_pickling() -> None:
    error = ServiceUnreachableError(
        "ListFlowProject",
        "ConnectionFailed",
        "connection refused",
        endpoint="http://h:1",
        origin="EMRFLOW_ENDPOINT",
        cause="refused",
        attempts=3,
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ServiceUnreachableError and str(copy) == str(error)
    assert (copy.cause, copy.advice, copy.attempts) == ("refused", error.advice, 3)
