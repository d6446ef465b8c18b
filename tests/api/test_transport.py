"""The client's seam to the network: any ``Transport`` can stand in for HTTP, and what a
failure with no answer means for the call is the client's decision."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl

import pytest
from scripted_server import SECRET, FakeClock, fake_policy

import pulumi_emrflow
from pulumi_emrflow.api import client as client_module
from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials
from pulumi_emrflow.api.errors import ApiError, OutcomeUnknownError
from pulumi_emrflow.api.transport import (
    USER_AGENT,
    Answer,
    HttpTransport,
    NoAnswer,
    shared_session,
)


class FakeTransport:
    def __init__(self, *outcomes: Answer | NoAnswer) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[tuple[dict[str, str], dict[str, str], bytes]] = []

    def send(self, query: str, headers: Mapping[str, str], body: bytes) -> Answer:
        self.sent.append((dict(parse_qsl(query)), dict(headers), body))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, NoAnswer):
            raise outcome
        return outcome


def _client(transport: FakeTransport, clock: FakeClock) -> EmrClient:
    return EmrClient(
        Credentials("AKID-test", SECRET),
        "cn-hangzhou",
        retry=fake_policy(clock),
        transport=transport,
    )


def test_a_transport_stands_in_for_the_network(clock: FakeClock) -> None:
    fake = FakeTransport(Answer(200, {}, b'{"RequestId": "R", "Id": "FP-1"}'))
    assert _client(fake, clock).call("CreateFlowProject", {"Name": "p", "Description": "d"}) == {
        "RequestId": "R",
        "Id": "FP-1",
    }
    ((query, headers, body),) = fake.sent
    assert query["Action"] == "CreateFlowProject" and query["Name"] == "p"
    assert query["Signature"] and query["RegionId"] == "cn-hangzhou"
    assert headers["x-acs-action"] == "CreateFlowProject" and body == b"Description=d"


def test_no_answer_is_the_clients_to_judge(clock: FakeClock) -> None:
    lost = NoAnswer(sent=True, retryable=True, reason="connection dropped (X)")
    with pytest.raises(OutcomeUnknownError, match="connection dropped"):
        _client(FakeTransport(lost), clock).call("CreateFlowProject", {"Name": "p"})
    refused = NoAnswer(sent=False, retryable=True, reason="could not connect (refused)")
    fake = FakeTransport(refused, Answer(200, {}, b'{"Id": "FP-2"}'))
    assert _client(fake, clock).call("CreateFlowProject", {"Name": "p"})["Id"] == "FP-2"
    fake = FakeTransport(NoAnswer(sent=False, retryable=False, reason="TLS handshake failed"))
    with pytest.raises(ApiError) as info:
        _client(fake, clock).call("ListFlowProject", {})
    assert (info.value.code, info.value.attempts) == ("ConnectionFailed", 1)


def test_the_default_transport_and_the_old_names() -> None:
    client = EmrClient(Credentials("AKID-test", SECRET), "eu-central-1")
    assert repr(client._transport) == (
        "HttpTransport('https://emr.eu-central-1.aliyuncs.com', timeout=(5.0, 30.0))"
    )
    assert isinstance(client._transport, HttpTransport)
    # Importable from the client module as before the transport had a module of its own.
    assert client_module.shared_session is shared_session
    assert client_module.POOL_SIZE >= 16 and client_module.DEFAULT_TIMEOUT == (5.0, 30.0)


def test_the_user_agent_names_this_release() -> None:
    assert USER_AGENT.startswith(f"pulumi-emrflow/{pulumi_emrflow.__version__} python-requests/")
