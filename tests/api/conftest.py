"""Fixtures for the API-layer tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from scripted_server import SECRET, FakeClock, ScriptedServer, fake_policy

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    srv = ScriptedServer()
    yield srv
    srv.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(server: ScriptedServer, clock: FakeClock) -> Iterator[Callable[..., EmrClient]]:
    def make(
        *, token: str | None = None, timeout: tuple[float, float] = (2.0, 5.0), **retry: Any
    ) -> EmrClient:
        return EmrClient(
            Credentials("AKID-test", SECRET, token),
            "cn-hangzhou",
            endpoint=server.endpoint,
            timeout=timeout,
            retry=fake_policy(clock, **retry),
        )

    yield make
