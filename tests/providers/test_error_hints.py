"""Each class of failure gets its own advice; none is told to "fix the value the service names"
unless the service named a value."""

from __future__ import annotations

import socket

import pytest

from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.api.unreachable import ServiceUnreachableError
from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.providers.errors import hint_for
from pulumi_emrflow.testing.engine import ProviderCallError, ProviderServer, stack_config_for

FIX_VALUE = "fix the value the service names"


@pytest.mark.parametrize(
    ("error", "advice"),
    [
        (ApiError("ListFlowJob", "Throttling.User", "busy", http_status=400), "rate limit"),
        (ApiError("ListFlowJob", "InternalError", "oops", http_status=500), "server error"),
        (ApiError("ListFlowJob", "HttpError", "html", http_status=502), "server error"),
        (ApiError("ListFlowJob", "InvalidAccessKeyId.NotFound", "no"), "access key pair"),
        (
            ServiceUnreachableError(
                "ListFlowJob",
                "ConnectionFailed",
                "could not connect",
                endpoint="http://127.0.0.1:9",
                origin="emrflow:endpoint",
                cause="refused",
            ),
            "check emrflow:endpoint",
        ),
        (ApiError("CreateFlowJob", "FLOW_API_FAILED", "Invalid job type [X]"), FIX_VALUE),
    ],
)
def test_each_failure_class_has_its_own_advice(error: ApiError, advice: str) -> None:
    assert advice in hint_for(error)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_endpoint_is_named_with_its_origin_and_fitting_advice() -> None:
    with Emulator() as emu:
        endpoint = f"http://127.0.0.1:{_closed_port()}"
        config = stack_config_for(emu, **{"emrflow:endpoint": endpoint})
        with (
            ProviderServer.for_spec("flow_project", config) as server,
            pytest.raises(ProviderCallError) as failure,
        ):
            server.up("p", {"name": "p", "description": "d"})
    last = failure.value.details.strip().splitlines()[-1]
    assert endpoint in last and "emrflow:endpoint" in last
    assert "nothing accepts connections" in last and FIX_VALUE not in last


@pytest.mark.parametrize(
    ("props", "named"),
    [
        ({"project_id": "FP-0000000000000000"}, "FP-0000000000000000"),
        ({"cluster_id": "C-FFFFFFFFFFFFFFFF"}, "C-FFFFFFFFFFFFFFFF"),
        ({"parent_category": "FC-0000000000000000"}, "FC-0000000000000000"),
    ],
)
def test_a_reference_to_nothing_gets_advice_about_references(
    engine: ProviderServer, project: str, props: dict[str, str], named: str
) -> None:
    news = {"project_id": project, "name": "j", "description": "d", "type": "SHELL", **props}
    with pytest.raises(ProviderCallError) as failure:
        engine.up("j", news)
    last = failure.value.details.strip().splitlines()[-1]
    assert named in last and "pass its output (project_id=project.id)" in last
    assert "pulumi refresh" not in last
