"""Provider RPCs with the ``__provider`` each side really carries after an upgrade.

``ProviderCalls`` puts its own ``__provider`` on every request. After an upgrade the engine sends
the state's (the old release's pickle) in olds and properties, and the new program's in news;
the SDK's server unpickles olds' for Read and Delete and news' for Check, Diff and Update. These
helpers send the props exactly as given, so a golden state reaches the server as the engine
would send it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import grpc
from pulumi.runtime.proto import provider_pb2

from pulumi_emrflow.testing.calls import ProviderCallError, ProviderCalls
from pulumi_emrflow.testing.wire import deserialize, serialize

__all__ = ["ProviderCallError", "Rpc"]


class Rpc:
    """Raw provider calls on ``server``'s process; every props mapping carries ``__provider``."""

    def __init__(self, server: ProviderCalls, project: str = "golden", stack: str = "golden"):
        self.server = server
        self.project = project
        self.stack = stack

    def urn(self, type_: str, name: str) -> str:
        return f"urn:pulumi:{self.stack}::{self.project}::{type_}::{name}"

    def _call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.server.stub, method)(request, timeout=self.server.timeout)
        except grpc.RpcError as exc:
            raise ProviderCallError(method, exc.code(), exc.details() or "") from None

    def check(
        self, type_: str, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        response = self._call(
            "Check",
            provider_pb2.CheckRequest(
                urn=self.urn(type_, name), olds=serialize(olds), news=serialize(news)
            ),
        )
        return deserialize(response.inputs), [(f.property, f.reason) for f in response.failures]

    def diff(
        self,
        type_: str,
        name: str,
        id_: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        old_inputs: Mapping[str, Any],
    ) -> tuple[int, list[str]]:
        response = self._call(
            "Diff",
            provider_pb2.DiffRequest(
                id=id_,
                urn=self.urn(type_, name),
                olds=serialize(olds),
                news=serialize(news),
                old_inputs=serialize(old_inputs),
            ),
        )
        return response.changes, list(response.replaces)

    def create(self, type_: str, name: str, props: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        response = self._call(
            "Create",
            provider_pb2.CreateRequest(urn=self.urn(type_, name), properties=serialize(props)),
        )
        return response.id, deserialize(response.properties)

    def read(
        self, type_: str, name: str, id_: str, props: Mapping[str, Any], inputs: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        response = self._call(
            "Read",
            provider_pb2.ReadRequest(
                id=id_,
                urn=self.urn(type_, name),
                properties=serialize(props),
                inputs=serialize(inputs),
            ),
        )
        new_inputs = deserialize(response.inputs) if response.HasField("inputs") else None
        return response.id, deserialize(response.properties), new_inputs

    def update(
        self,
        type_: str,
        name: str,
        id_: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        old_inputs: Mapping[str, Any],
    ) -> dict[str, Any]:
        response = self._call(
            "Update",
            provider_pb2.UpdateRequest(
                id=id_,
                urn=self.urn(type_, name),
                olds=serialize(olds),
                news=serialize(news),
                old_inputs=serialize(old_inputs),
            ),
        )
        return deserialize(response.properties)

    def delete(
        self, type_: str, name: str, id_: str, props: Mapping[str, Any], inputs: Mapping[str, Any]
    ) -> None:
        self._call(
            "Delete",
            provider_pb2.DeleteRequest(
                id=id_,
                urn=self.urn(type_, name),
                properties=serialize(props),
                old_inputs=serialize(inputs),
            ),
        )
