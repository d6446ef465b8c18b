from __future__ import annotations

from collections.abc import Iterator

import pytest
from sdk_project import SECOND_CLUSTER

from pulumi_emrflow.emulator import Emulator


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(clusters=[SECOND_CLUSTER]) as emulator:
        yield emulator
