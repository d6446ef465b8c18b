"""Shared fixtures: one emulator and one real provider server per module, fresh state per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def engine(emu: Emulator) -> Iterator[ProviderServer]:
    with ProviderServer.for_spec("flow_job", stack_config_for(emu)) as server:
        yield server


@pytest.fixture
def client(emu: Emulator) -> EmrClient:
    return EmrClient.from_config(env=emu.env())


@pytest.fixture
def project(emu: Emulator, client: EmrClient) -> str:
    """A fresh project in a reset emulator (no faults, zeroed counters)."""
    emu.reset()
    project_id = str(client.call("CreateFlowProject", {"Name": "p", "Description": "d"})["Id"])
    return project_id


@pytest.fixture
def requests_since(emu: Emulator) -> Callable[[dict[str, Any]], dict[str, int]]:
    """``requests_since(snapshot)``: requests per action since an ``emu.counters()`` snapshot."""

    def since(before: dict[str, Any]) -> dict[str, int]:
        now = emu.counters()["requests"]
        old = before["requests"]
        return {k: v - old.get(k, 0) for k, v in now.items() if v - old.get(k, 0)}

    return since


@pytest.fixture(scope="module")
def projects(engine: ProviderServer) -> ProviderServer:
    """FlowProject requests to the same server process (the engine runs one for a stack)."""
    return engine.kind("flow_project")


@pytest.fixture(scope="module")
def settings(engine: ProviderServer) -> ProviderServer:
    return engine.kind("flow_project_cluster_setting")


@pytest.fixture(scope="module")
def categories(engine: ProviderServer) -> ProviderServer:
    return engine.kind("flow_category")
