"""The emulator's backend: every action as a typed method, composed from one class per resource.

Methods are named after the API actions in snake_case, take typed Python arguments, return model
objects (models.py) and raise ``EmulatorError``; nothing here knows about HTTP, so tests may seed
and inspect state directly through ``Emulator.backend`` (the default account in the emulator's
region) or ``Emulator.backends[account_id, region_id]``.

State is kept per (account, region), as moto's ``BackendDict`` keeps one backend per account
and region: a backend object is a view of the shared store limited to its ``Scope``, and the
protocol picks it from the caller's key and the request's ``RegionId``.
"""

from __future__ import annotations

import threading

from .categories import CategoriesBackend
from .cluster_settings import ClusterSettingsBackend
from .clusters import ClustersBackend
from .defaults import DEFAULT_ACCOUNT_ID, DEFAULT_REGION
from .flows import FlowsBackend
from .jobs import JobsBackend
from .models import Scope
from .projects import ProjectsBackend
from .regions import require_region
from .store import Store


class EmrFlowBackend(
    ProjectsBackend,
    JobsBackend,
    FlowsBackend,
    ClusterSettingsBackend,
    CategoriesBackend,
    ClustersBackend,
):
    """All Flow resources of one account and region, over the shared store."""

    def __init__(
        self, store: Store, scope: Scope | None = None, *, file_nodes: bool = True
    ) -> None:
        self.store = store
        self.scope = scope or Scope(DEFAULT_ACCOUNT_ID, DEFAULT_REGION)
        self.file_nodes = file_nodes

    def reset(self) -> None:
        """Forget every resource, in every account and region, except seeded clusters."""
        self.store.reset()


class Backends:
    """``backends[account_id, region_id]``: the backend of that scope, made on first use.

    An unknown region raises the gateway's ``InvalidRegionId`` (regions.py); any account id is
    accepted (accounts come from the keys the emulator knows).
    """

    def __init__(self, store: Store, *, file_nodes: bool = True) -> None:
        self.store = store
        self.file_nodes = file_nodes
        self._backends: dict[tuple[str, str], EmrFlowBackend] = {}
        self._lock = threading.Lock()

    def __getitem__(self, key: tuple[str, str]) -> EmrFlowBackend:
        backend = self._backends.get(key)
        if backend is None:
            account_id, region_id = key
            require_region(region_id)
            with self._lock:
                backend = self._backends.setdefault(
                    key,
                    EmrFlowBackend(
                        self.store, Scope(account_id, region_id), file_nodes=self.file_nodes
                    ),
                )
        return backend
