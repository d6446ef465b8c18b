"""Resource specs: one declarative table per resource, driving validation, diff, requests,
normalisation of Describe answers and the argument documentation.

Specs are looked up by name (``get_spec("flow_job")``): that name is all a pickled provider
holds, so the modules are imported only when a spec is first needed. To add a resource, write
its module with a ``ResourceSpec``, register it in ``_REGISTRY`` (the one place: the package's
exports and its typed class are generated from here, ``python -m
pulumi_emrflow.resources.codegen``), add its operation rows to ``api.operations``, and its
emulator module.

A spec outside this package (a test's, or a resource not yet built in) is named by its import
path, ``"package.module:ATTR"``, with that path as the spec's ``name``; its ``operations`` rows
are added to the API table when it loads.
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
    "flow": ("pulumi_emrflow.specs.flow", "FLOW"),
}


def get_spec(name: str) -> ResourceSpec:
    """The spec registered under ``name``, or found at the import path ``module:ATTR``;
    KeyError naming the known ones otherwise."""
    where = _REGISTRY.get(name)
    if where is None and ":" in name:
        module, _, attr = name.partition(":")
        where = (module, attr)
    if where is None:
        raise KeyError(f"unknown resource spec {name!r}; known: {', '.join(_REGISTRY)}")
    try:
        spec: ResourceSpec = getattr(importlib.import_module(where[0]), where[1])
    except (ImportError, AttributeError) as exc:
        raise KeyError(f"resource spec {name!r} cannot be loaded: {exc}") from None
    if spec.name != name:  # the pickled provider holds spec.name: it must find the spec again
        raise KeyError(f"the spec at {name!r} is named {spec.name!r}: load a spec by its name")
    if spec.operations:
        from pulumi_emrflow.api.operations import add_operations

        add_operations(spec.operations)
    return spec


def spec_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def spec_module(name: str) -> str:
    """The module that defines the registered spec ``name``."""
    return _REGISTRY[name][0]
