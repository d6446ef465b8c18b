from __future__ import annotations

from typing import Any

import pytest
from emulator_wire import Wire

from pulumi_emrflow.emulator import Emulator


@pytest.fixture
def wire(emrflow_emulator: Emulator) -> Wire:
    return Wire(
        emrflow_emulator.endpoint,
        emrflow_emulator.access_key_id,
        emrflow_emulator.access_key_secret,
    )


@pytest.fixture
def project(wire: Wire) -> str:
    """A fresh project's id."""
    return str(wire.ok("CreateFlowProject", Name="proj", Description="a project")["Id"])


@pytest.fixture
def job(wire: Wire, project: str) -> dict[str, Any]:
    """A SHELL job in ``project``: its create parameters plus its Id."""
    params = {"ProjectId": project, "Name": "job1", "Type": "SHELL", "Description": "d"}
    params["Id"] = wire.ok("CreateFlowJob", **params)["Id"]
    return params
