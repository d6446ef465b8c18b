"""Pytest fixtures for the EMR Flow emulator.

One emulator runs per test session (starting a server per test would cost more than the tests)
and is reset before each test, so every test sees fresh state: no resources besides the seeded
cluster, no faults, zero counters, no used nonces. ``emrflow_program`` runs Pulumi programs
against it (``pulumi_emrflow.testing.run_program``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from pulumi_emrflow.emulator import Emulator

if TYPE_CHECKING:
    from pulumi_emrflow.testing.program import ProgramRun


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


@pytest.fixture
def emrflow_program(emrflow_emulator: Emulator) -> Iterator[Callable[..., ProgramRun]]:
    """``run_program`` bound to the test's emulator: ``emrflow_program("path/to/project",
    stack="dev", config={...})``. What the runs created is destroyed after the test."""
    from pulumi_emrflow.testing.program import ProgramRunError, run_program

    runs: list[ProgramRun] = []

    def run(directory: str | os.PathLike[str], **kwargs: Any) -> ProgramRun:
        try:
            result = run_program(directory, emulator=emrflow_emulator, **kwargs)
        except ProgramRunError as exc:
            runs.append(exc.run)
            raise
        runs.append(result)
        return result

    yield run
    for done in reversed(runs):
        done.destroy()
