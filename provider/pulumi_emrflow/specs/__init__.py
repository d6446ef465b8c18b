"""Resource specs: one declarative table per resource, driving validation, diff, requests,
normalisation of Describe answers and the argument documentation.

Specs are looked up by name (``get_spec("flow_job")``): that name is all a pickled provider
holds, so the modules are imported only when a spec is first needed. To add a resource, write
its module with a ``ResourceSpec`` and register it in ``_REGISTRY``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pulumi_emrflow.specs.resource import ResourceSpec

_REGISTRY: dict[str, tuple[str, str]] = {
    "flow_job": ("pulumi_emrflow.specs.flow_job", "FLOW_JOB"),
    "flow_project": ("pulumi_emrflow.specs.flow_project", "FLOW_PROJECT"),
    "flow_project_cluster_setting": (
        "pulumi_emrflow.specs.flow_project_cluster_setting",
        "FLOW_PROJECT_CLUSTER_SETTING",
    ),
    "flow_category": ("pulumi_emrflow.specs.flow_category", "FLOW_CATEGORY"),
}


def get_spec(name: str) -> ResourceSpec:
    """The spec registered under ``name``; KeyError naming the known ones otherwise."""
    try:
        module, attr = _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown resource spec {name!r}; known: {', '.join(_REGISTRY)}") from None
    spec: ResourceSpec = getattr(importlib.import_module(module), attr)
    return spec


def spec_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)
