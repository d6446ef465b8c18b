"""Clusters every test's emulator knows besides the default one (the plugin's documented way)."""

from __future__ import annotations

import pytest

PROD_CLUSTER = "C-5EC0DE0000000001"
"""examples/multi-env's prod cluster (Pulumi.prod.yaml)."""


@pytest.fixture(scope="session")
def emrflow_clusters() -> dict[str, str | None]:
    return {PROD_CLUSTER: "analytics-prod"}
