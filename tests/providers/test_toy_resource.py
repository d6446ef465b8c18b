"""The proof that a new resource is one description: a toy kind whose spec and operation rows
live in this folder (toy_resource.py), served by a test-only service (toy_service.py), driven
through the SDK's own provider server with the engine's calls. No generic module knows it."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import toy_service
from toy_resource import TOY

from pulumi_emrflow.providers.pickled import serialized_provider
from pulumi_emrflow.testing.engine import ProviderServer, clean_environment

HERE = Path(__file__).resolve().parent


@pytest.fixture
def service() -> Iterator[toy_service.ToyService]:
    with toy_service.running() as service:
        yield service


@pytest.fixture
def toys(service: toy_service.ToyService) -> Iterator[ProviderServer]:
    config = {
        "alicloud:accessKey": "toy-key",
        "alicloud:secretKey": "toy-secret",
        "alicloud:region": "cn-hangzhou",
        "emrflow:endpoint": service.endpoint,
    }
    env = clean_environment()
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
    provider = serialized_provider(TOY.name)
    with ProviderServer(provider, config, type_token=TOY.type_token, env=env) as server:
        yield server


def test_a_toy_resource_goes_through_its_whole_lifecycle(
    service: toy_service.ToyService, toys: ProviderServer
) -> None:
    checked, _ = toys.preview("t", {"name": "a", "size": 11})
    assert checked.failures == [("size", "11 is out of range; expected an integer from 0 to 10")]

    state = toys.up("t", {"name": "a", "size": 1, "status": "ON"})
    assert state.id == "T-1" and state.outputs["toy_id"] == "T-1"
    # Create does not take status: it is set by a Modify right after.
    assert [action for action, _ in service.calls] == ["CreateToy", "ModifyToy"]
    assert "Status" not in service.calls[0][1] and service.calls[1][1]["Status"] == "ON"

    state = toys.up("t", {"name": "a", "size": 2, "status": "ON"}, state)
    assert state.operations == ("Check", "Diff", "Update")
    assert service.toys["T-1"]["Size"] == "2"
    refreshed = toys.refresh(state)
    assert refreshed is not None and refreshed.outputs["size"] == 2

    toys.destroy(state)
    assert service.toys == {} and toys.refresh(state) is None  # "Toy does not exist": gone
    toys.destroy(state)  # deleting what is gone succeeds


def test_without_a_modify_only_field_create_is_one_call(
    service: toy_service.ToyService, toys: ProviderServer
) -> None:
    toys.up("t", {"name": "b"})
    assert [action for action, _ in service.calls] == ["CreateToy"]


@pytest.mark.parametrize(
    ("next_spec", "migrated"), [("TOY_NEXT", True), ("TOY_NEXT_UNMIGRATED", False)]
)
def test_a_renamed_property_needs_its_migration(
    service: toy_service.ToyService, toys: ProviderServer, next_spec: str, migrated: bool
) -> None:
    old = toys.up("t", {"name": "a", "size": 2})  # state as the earlier release wrote it
    upgraded = copy.copy(toys)  # the same server process; the state now loads the newer spec
    upgraded.provider = serialized_provider(f"toy_resource:{next_spec}")
    program = {"name": "a", "dimension": 2}
    _, diff = upgraded.preview("t", program, old)
    assert diff is not None and diff.changed is not migrated
    # Without the migration the upgrade shows a spurious update of every such resource.
    refreshed = upgraded.refresh(old)
    assert refreshed is not None and refreshed.outputs["dimension"] == 2
    assert "size" not in refreshed.outputs
    upgraded.destroy(old)
    assert service.toys == {}
