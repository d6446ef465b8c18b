"""Pytest fixtures for the EMR Flow emulator.

One emulator runs per test session (starting a server per test would cost more than the tests)
and is reset before each test, so every test sees fresh state: no resources besides the seeded
cluster, no faults, zero counters, no used nonces.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pulumi_emrflow.emulator import Emulator


@pytest.fixture(scope="session")
def _emrflow_session_emulator() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def emrflow_emulator(_emrflow_session_emulator: Emulator) -> Emulator:
    """A running emulator with fresh state (default key pair, cluster ``C-1234567890ABCDEF``)."""
    _emrflow_session_emulator.reset()
    return _emrflow_session_emulator


@pytest.fixture
def emrflow_env(emrflow_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Set ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_REGION and EMRFLOW_ENDPOINT for the
    test (undone afterwards) so the client talks to the emulator; returns the variables."""
    env = emrflow_emulator.env()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
