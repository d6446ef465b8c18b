"""The ``pulumi.runtime.Mocks`` behind ``run_program``: emrflow registrations go through the real
provider server (Check then Create, or Read for a ``get``); everything else gets a mock id.

``new_resource`` is called synchronously from the Pulumi runtime's executor threads, several at a
time: the records and the failure flag are guarded by a lock, and the provider calls themselves
run concurrently (one gRPC channel, as the engine's up to four workers do).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pulumi
from pulumi.runtime import rpc

from pulumi_emrflow.providers.lifecycle import plain
from pulumi_emrflow.testing.engine import (
    PROVIDER_KEY,
    CheckOutcome,
    ProviderCallError,
    ProviderServer,
)

if TYPE_CHECKING:
    from pulumi_emrflow.specs.resource import ResourceSpec

__all__ = ["EMRFLOW_TYPE_PREFIX", "DeclaredResource", "ProviderMocks", "ResourceStatus"]

EMRFLOW_TYPE_PREFIX = "pulumi-python:dynamic/emrflow:"
_MOCK_PREFIXES = {"alicloud:emr/cluster:Cluster": "C-"}


ResourceStatus = Literal["created", "read", "recorded", "mocked"]
"""What happened to a declared resource (see ``DeclaredResource.status``)."""


@dataclass(frozen=True)
class DeclaredResource:
    """One resource the program registered.

    ``status`` says what happened to it: ``created`` (Check and Create through the provider),
    ``read`` (a ``get``: Read through the provider), ``recorded`` (an emrflow resource in
    record-only mode: a mock id shaped like the service's) or ``mocked`` (another provider's
    resource: a mock id, inputs echoed as outputs). ``inputs`` are the program's inputs with
    secrets unwrapped (``secret_inputs`` names the secret ones), ``outputs`` what the provider
    returned; neither holds ``__provider``.
    """

    type: str
    name: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    secret_inputs: frozenset[str]
    status: ResourceStatus
    urn: str = field(default="", compare=False)

    @property
    def kind(self) -> str:
        """The class name for emrflow resources (``FlowJob``), else the whole type token."""
        return self.type.removeprefix(EMRFLOW_TYPE_PREFIX)


_NOT_CREATED = "not-created"
"""The id handed back for a registration refused after a failure (nothing is created)."""


class RunFailure(Exception):
    """A registration failed; the message names the resource, and for a check, each property
    and reason. Kept by the mocks and raised to the caller as ``ProgramRunError``."""


def _specs_by_type() -> dict[str, ResourceSpec]:
    from pulumi_emrflow.specs import get_spec, spec_names

    specs = (get_spec(name) for name in spec_names())
    return {spec.type_token: spec for spec in specs}


class ProviderMocks(pulumi.runtime.Mocks):
    """Mocks that send emrflow resources to ``server`` (record only when ``server`` is None)."""

    def __init__(self, server: ProviderServer | None) -> None:
        self.server = server
        self.resources: list[DeclaredResource] = []
        self.failure: RunFailure | None = None
        self._specs = _specs_by_type()
        self._lock = threading.Lock()
        self._counter = itertools.count(1)

    def interrupt(self) -> None:
        """Refuse every registration from now on (Ctrl-C): nothing more is created."""
        self.failure = self.failure or RunFailure("interrupted (Ctrl-C)")

    # ---- Mocks ------------------------------------------------------------------------------
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        with self._lock:
            if self.failure is not None:
                return _NOT_CREATED, dict(args.inputs)  # an earlier registration failed
        if args.custom is False and not args.resource_id:
            return "", dict(args.inputs)  # a component: nothing to create
        inputs = {k: v for k, v in args.inputs.items() if k != PROVIDER_KEY}
        secret = frozenset(k for k, v in inputs.items() if rpc.is_rpc_secret(v))
        spec = self._specs.get(args.typ)
        try:
            if spec is None:
                declared = self._mocked(args, plain(inputs), secret)
            elif self.server is None:
                declared = self._recorded(args, spec, plain(inputs), secret)
            else:
                declared = self._through_provider(args, spec.name, plain(inputs), secret)
        except RunFailure as exc:
            # Kept rather than raised: raised into the Pulumi runtime, it would resurface as
            # "Future exception was never retrieved" at exit. run_program raises it afterwards.
            with self._lock:
                self.failure = self.failure or exc
            return _NOT_CREATED, dict(args.inputs)
        with self._lock:
            self.resources.append(declared)
        outputs = {
            k: rpc.wrap_rpc_secret(v) if k in secret else v for k, v in declared.outputs.items()
        }
        if PROVIDER_KEY in args.inputs:
            outputs[PROVIDER_KEY] = args.inputs[PROVIDER_KEY]
        return declared.id, outputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None

    # ---- the three ways ---------------------------------------------------------------------
    def _next_id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}{next(self._counter):016X}"

    def _mocked(
        self, args: pulumi.runtime.MockResourceArgs, inputs: dict[str, Any], secret: frozenset[str]
    ) -> DeclaredResource:
        id_ = args.resource_id or self._next_id(_MOCK_PREFIXES.get(args.typ, "X-"))
        return DeclaredResource(args.typ, args.name, id_, inputs, dict(inputs), secret, "mocked")

    def _recorded(
        self,
        args: pulumi.runtime.MockResourceArgs,
        spec: ResourceSpec,
        inputs: dict[str, Any],
        secret: frozenset[str],
    ) -> DeclaredResource:
        if args.resource_id:
            id_ = args.resource_id
        elif spec.id_fields:
            id_ = spec.compose_id(inputs)
        else:
            id_ = self._next_id(spec.id_prefix or "X-")
        return DeclaredResource(args.typ, args.name, id_, inputs, dict(inputs), secret, "recorded")

    @staticmethod
    def _checked(
        handle: ProviderServer,
        name: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        what: str,
    ) -> CheckOutcome:
        """Check ``news``; a RunFailure naming each property and reason when it fails."""
        checked = handle.check(name, olds, news)
        if checked.failures:
            reasons = "; ".join(f"{prop}: {reason}" for prop, reason in checked.failures)
            raise RunFailure(f"{what}: check failed: {reasons}")
        return checked

    def _through_provider(
        self,
        args: pulumi.runtime.MockResourceArgs,
        spec: str,
        inputs: dict[str, Any],
        secret: frozenset[str],
    ) -> DeclaredResource:
        assert self.server is not None
        handle = self.server.kind(spec)
        what = f"{args.typ.removeprefix(EMRFLOW_TYPE_PREFIX)} {args.name!r}"
        try:
            if args.resource_id:
                return self._read(handle, args, inputs, secret, what)
            checked = self._checked(handle, args.name, {}, inputs, what)
            id_, outs = handle.create(args.name, checked.inputs)
        except ProviderCallError as exc:
            raise RunFailure(f"{what}: {exc}") from None
        outputs = plain({k: v for k, v in outs.items() if k != PROVIDER_KEY})
        urn = handle.urn(args.name)
        return DeclaredResource(
            args.typ, args.name, id_, checked.inputs, outputs, secret, "created", urn
        )

    @staticmethod
    def _read(
        handle: ProviderServer,
        args: pulumi.runtime.MockResourceArgs,
        inputs: dict[str, Any],
        secret: frozenset[str],
        what: str,
    ) -> DeclaredResource:
        assert args.resource_id is not None
        id_, outs, read_inputs = handle.read(args.name, args.resource_id, None, inputs)
        if not id_:
            raise RunFailure(f"{what}: get({args.resource_id!r}) found nothing")
        outputs = plain({k: v for k, v in outs.items() if k != PROVIDER_KEY})
        kept = plain({k: v for k, v in (read_inputs or inputs).items() if k != PROVIDER_KEY})
        return DeclaredResource(
            args.typ, args.name, id_, kept, outputs, secret, "read", handle.urn(args.name)
        )
