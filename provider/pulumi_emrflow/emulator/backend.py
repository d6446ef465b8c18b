"""The emulator's backend: every action as a typed method, composed from one class per resource.

Methods are named after the API actions in snake_case, take typed Python arguments, return model
objects (models.py) and raise ``EmulatorError``; nothing here knows about HTTP, so tests may seed
and inspect state directly through ``Emulator.backend``.
"""

from __future__ import annotations

from .categories import CategoriesBackend
from .cluster_settings import ClusterSettingsBackend
from .clusters import ClustersBackend
from .jobs import JobsBackend
from .projects import ProjectsBackend
from .store import Store


class EmrFlowBackend(
    ProjectsBackend, JobsBackend, ClusterSettingsBackend, CategoriesBackend, ClustersBackend
):
    """All Flow resources over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def reset(self) -> None:
        """Forget every resource except clusters seeded at start."""
        self.store.reset()
