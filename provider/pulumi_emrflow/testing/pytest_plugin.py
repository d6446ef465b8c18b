"""Pytest fixtures for the EMR Flow emulator.

One emulator runs per test session (starting a server per test would cost more than the tests)
and is reset before each test, so every test sees fresh state: no resources besides the seeded
cluster, no faults, zero counters, no used nonces. ``emrflow_program`` runs Pulumi programs
against it (``pulumi_emrflow.testing.run_program``).

Extra clusters: override the session fixture ``emrflow_clusters`` in your ``conftest.py``; it
returns cluster ids (``C-`` and 16 upper-case hex digits, as the service has them), each
``C-ID`` (in the emulator's region) or ``REGION:C-ID``, or a mapping of those to cluster names::

    @pytest.fixture(scope="session")
    def emrflow_clusters():
        return {"C-5EC0DE0000000001": "prod-hadoop", "cn-shanghai:C-5EC0DE0000000002": None}

They are seeded like the default one (they survive the reset between tests). One test can add a
cluster of its own with ``emrflow_emulator.backend.add_cluster("C-...", "name")`` (forgotten at
the next reset).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from pulumi_emrflow.emulator import Emulator

if TYPE_CHECKING:
    from pulumi_emrflow.testing.program import ProgramRun


@pytest.fixture(scope="session")
def emrflow_clusters() -> Iterable[str] | Mapping[str, str | None]:
    """Extra clusters of the session's emulator (none); override it to add some (see above)."""
    return ()


@pytest.fixture(scope="session")
def _emrflow_session_emulator(
    emrflow_clusters: Iterable[str] | Mapping[str, str | None],
) -> Iterator[Emulator]:
    named: dict[str, str | None] = (
        dict(emrflow_clusters)
        if isinstance(emrflow_clusters, Mapping)
        else dict.fromkeys(emrflow_clusters)
    )
    with Emulator(clusters=list(named)) as emulator:
        for text, name in named.items():
            if name:
                region, _, cluster_id = text.rpartition(":")
                backend = emulator.backends[emulator.account_id, region or emulator.region]
                backend.add_cluster(cluster_id, name, seeded=True)
        yield emulator


@pytest.fixture
def emrflow_emulator(_emrflow_session_emulator: Emulator) -> Emulator:
    """A running emulator with fresh state (default key pair, cluster ``C-1234567890ABCDEF`` and
    the ``emrflow_clusters``)."""
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
