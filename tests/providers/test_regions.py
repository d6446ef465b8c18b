"""The provider's region reaches the emulator, which keeps each region's resources apart: the
resource's ``region`` argument and the stack's ``alicloud:region``, through the SDK's provider
server."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

OTHER_REGION = "eu-central-1"


def project_args(**extra: Any) -> dict[str, Any]:
    return {"name": "etl", "description": "nightly ETL", **extra}


def _exists(client: EmrClient, project_id: str) -> bool:
    try:
        client.call("DescribeFlowProject", {"ProjectId": project_id})
    except ApiError as error:
        assert error.is_not_found, error
        return False
    return True


@pytest.fixture
def clients(emu: Emulator) -> tuple[EmrClient, EmrClient]:
    """Clients of the stack's region and of the other one, on a reset emulator."""
    emu.reset()
    home = EmrClient.from_config(env=emu.env())
    return home, EmrClient.from_config(env=emu.env(), region=OTHER_REGION)


def test_the_region_argument_reaches_its_region(
    projects: ProviderServer, clients: tuple[EmrClient, EmrClient]
) -> None:
    home, other = clients
    state = projects.up("p", project_args(region=OTHER_REGION))
    assert _exists(other, state.id) and not _exists(home, state.id)
    refreshed = projects.refresh(state)
    assert refreshed is not None and refreshed.id == state.id
    projects.destroy(state)
    assert not _exists(other, state.id)


def test_the_stack_region_reaches_its_region(
    emu: Emulator, projects: ProviderServer, clients: tuple[EmrClient, EmrClient]
) -> None:
    home, other = clients
    config = stack_config_for(emu, **{"alicloud:region": OTHER_REGION})
    with ProviderServer.for_spec("flow_project", config) as there:
        state = there.up("p", project_args())
        assert _exists(other, state.id) and not _exists(home, state.id)
        # The same state refreshed by a provider configured for the stack's first region: the
        # project is not found there, as the live service would answer.
        assert projects.refresh(state) is None
        assert there.refresh(state) is not None
        there.destroy(state)
    assert not _exists(other, state.id)
