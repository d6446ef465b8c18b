"""Property values as the Pulumi engine puts them on the wire to a dynamic provider.

The engine sends resource properties as a ``google.protobuf.struct_pb2.Struct`` built by the SDK's
own ``pulumi.runtime.rpc.serialize_properties``, and every request to a dynamic provider carries
the resource's ``__provider`` (its pickled provider object). ``pulumi_emrflow.testing.engine``
uses these helpers for every call; they are public for tests (and benchmarks) that build raw
``provider_pb2`` requests themselves::

    from pulumi.runtime.proto import provider_pb2
    from pulumi_emrflow.testing.wire import serialize

    request = provider_pb2.CreateRequest(urn=server.urn("job"), properties=serialize(
        {**props, "__provider": server.provider}))

Values are plain Python; ``pulumi.output.Unknown()`` (or ``rpc.UNKNOWN``) stands for a value that
is not known yet and survives a round trip (``deserialize`` keeps unknowns).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping
from typing import Any

from google.protobuf import struct_pb2
from pulumi.runtime import rpc

__all__ = ["PROVIDER_KEY", "deserialize", "serialize", "without_provider"]

PROVIDER_KEY = "__provider"
"""The property every dynamic-provider request carries: the serialized provider object."""

_LOCAL = threading.local()


def serialize(props: Mapping[str, Any]) -> struct_pb2.Struct:
    """``props`` as the engine sends them (one private event loop per calling thread, so this
    may be called from worker threads and from code that is not itself async)."""
    loop = getattr(_LOCAL, "loop", None)
    if loop is None:
        loop = _LOCAL.loop = asyncio.new_event_loop()
    struct: struct_pb2.Struct = loop.run_until_complete(rpc.serialize_properties(dict(props), {}))
    return struct


def deserialize(struct: struct_pb2.Struct) -> dict[str, Any]:
    """A provider's answer back as plain Python (unknown values kept)."""
    value = rpc.deserialize_properties(struct, keep_unknowns=True)
    return dict(value) if isinstance(value, Mapping) else {}


def without_provider(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` without ``__provider`` (the harness adds it back to every request)."""
    return {k: v for k, v in props.items() if k != PROVIDER_KEY}
