"""Registering a spec-driven dynamic resource without the SDK's per-resource pickling.

``pulumi.dynamic.Resource.__init__`` calls ``serialize_provider`` for every resource, and that
function leaves its pickle patches stacked (``pickle._Pickler._batch_setitems`` is wrapped once
more on each call): construction gets slower with every resource and a program dies with
RecursionError near its ~975th dynamic resource (pulumi 3.272). Our provider's pickle depends only
on the spec name, so it is made once per spec (``pulumi_emrflow.providers.pickled``) and every
resource registers through ``CustomResource.__init__`` directly, doing what
``dynamic.Resource.__init__`` does otherwise: the reserved-key check, the secret ``__provider``
input and the ``pulumi-python:dynamic/<module>:<name>`` type token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pulumi

from pulumi_emrflow.providers.pickled import serialized_provider

if TYPE_CHECKING:
    from pulumi_emrflow.specs.resource import ResourceSpec

PROVIDER_KEY = "__provider"


def register(
    resource: pulumi.dynamic.Resource,
    spec: ResourceSpec,
    resource_name: str,
    props: dict[str, Any],
    opts: pulumi.ResourceOptions | None,
) -> None:
    """Register ``resource`` with the engine as ``dynamic.Resource.__init__`` would."""
    if PROVIDER_KEY in props:
        raise ValueError("A dynamic resource must not define the __provider key")
    props[PROVIDER_KEY] = pulumi.Output.secret(serialized_provider(spec.name))
    pulumi.CustomResource.__init__(
        resource,
        f"pulumi-python:{type(resource)._resource_type_name}",
        resource_name,
        props,
        opts,
    )
