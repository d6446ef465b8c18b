"""Drive a dynamic provider the way the Pulumi engine does, without the Pulumi CLI.

``ProviderServer`` spawns the SDK's own provider server (``python -u -m pulumi.dynamic``), reads
its port from the first stdout line, and talks to it with
``pulumi.runtime.proto.provider_pb2_grpc.ResourceProviderStub``: ``Configure`` with a whole stack
config, then ``Check``/``Diff``/``Create``/``Update``/``Read``/``Delete`` with ``Struct`` payloads
built by ``pulumi.runtime.rpc.serialize_properties``. On top of the single calls it replays the
engine's sequences: ``preview``, ``up`` (create, update, or replace), ``refresh`` and ``destroy``.

Example (a test against the local emulator)::

    from pulumi_emrflow.emulator import Emulator
    from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

    with Emulator() as emu, ProviderServer.for_spec("flow_job", stack_config_for(emu)) as engine:
        state = engine.up("job", {"project_id": ..., "name": "j", "type": "SHELL", ...})
        assert state.id.startswith("FJ-")
        state = engine.refresh(state)          # None when the job is gone
        engine.destroy(state)
        projects = engine.kind("flow_project")  # the same process, another resource kind

Values are plain Python; pass ``pulumi.output.Unknown()`` (or ``rpc.UNKNOWN``) for a value that
is not known yet (a preview input from another resource). A failing RPC raises
``ProviderCallError`` whose ``details`` is the text the engine would print.

What the engine passes (pulumi 3.272): Check(olds = previous checked inputs, ``{}`` on create or
replace), Diff(olds = previous OUTPUTS, news = checked inputs), Update(olds = previous outputs),
Read(properties = previous outputs, inputs = previous inputs), Delete(properties = outputs).
The engine sends no secrets to a dynamic provider (its Configure answers acceptSecrets=False), so
neither does this harness.

This module is the one to import. It holds the engine's sequences; the layers under them are
``pulumi_emrflow.testing.calls`` (the server process and one method per RPC, whose names are
all re-exported here) and ``pulumi_emrflow.testing.wire`` (properties to and from the wire).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_emrflow.testing.calls import (
    DIFF_NONE,
    DIFF_SOME,
    DIFF_UNKNOWN,
    CheckOutcome,
    DiffOutcome,
    EmulatorLike,
    ProviderCallError,
    ProviderCalls,
    clean_environment,
    stack_config_for,
)
from pulumi_emrflow.testing.wire import PROVIDER_KEY, without_provider

__all__ = [
    "DIFF_NONE",
    "DIFF_SOME",
    "DIFF_UNKNOWN",
    "PROVIDER_KEY",
    "CheckOutcome",
    "DiffOutcome",
    "EmulatorLike",
    "ProviderCallError",
    "ProviderServer",
    "ResourceState",
    "clean_environment",
    "stack_config_for",
]


@dataclass(frozen=True)
class ResourceState:
    """What the engine keeps for a resource: its id, checked inputs and outputs."""

    name: str
    urn: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    operations: tuple[str, ...] = field(default=(), compare=False)
    """The provider calls of the sequence that produced this state (e.g. Check, Diff, Update)."""


class ProviderServer(ProviderCalls):
    """A running ``python -m pulumi.dynamic`` server plus a stub, used as a context manager.

    ``provider`` is the ``__provider`` string resources carry (``for_spec`` makes the one our
    resources use). ``config`` is the whole stack config (namespaced keys) sent in Configure.
    The child's environment is ``env`` or, by default, this process's without ``ALICLOUD_*``,
    ``ALIBABA_CLOUD_*`` and ``EMRFLOW_*`` variables, so a test proves the config is used.

    The single calls (``configure``, ``check``, ``diff``, ``create``, ``update``, ``read``,
    ``delete``), ``for_spec``, ``kind``, ``urn`` and ``stub`` come from ``ProviderCalls``; this
    class adds the sequences the engine runs for one resource.
    """

    def preview(
        self, name: str, news: Mapping[str, Any], state: ResourceState | None = None
    ) -> tuple[CheckOutcome, DiffOutcome | None]:
        """``pulumi preview``: Check, then Diff when the resource exists. Nothing is changed."""
        checked = self.check(name, state.inputs if state else {}, news)
        if state is None or checked.failures:
            return checked, None
        return checked, self.diff(name, state.id, state.outputs, checked.inputs, state.inputs)

    def up(
        self, name: str, news: Mapping[str, Any], state: ResourceState | None = None
    ) -> ResourceState:
        """``pulumi up`` for one resource: Check, then Create, or Diff and Update or replace.

        Raises ``ProviderCallError`` on failed calls and ``ValueError`` on check failures.
        """
        checked = self.check(name, state.inputs if state else {}, news)
        if checked.failures:
            raise ValueError(f"check failed: {checked.failures}")
        if state is None:
            id_, outs = self.create(name, checked.inputs)
            return self._state(name, id_, checked.inputs, outs, ("Check", "Create"))
        diff = self.diff(name, state.id, state.outputs, checked.inputs, state.inputs)
        if not diff.changed:
            return ResourceState(
                name, state.urn, state.id, state.inputs, state.outputs, ("Check", "Diff")
            )
        if diff.replaces:
            return self.replace(name, news, state, diff)
        outs = self.update(name, state.id, state.outputs, checked.inputs, state.inputs)
        return self._state(name, state.id, checked.inputs, outs, ("Check", "Diff", "Update"))

    def replace(
        self, name: str, news: Mapping[str, Any], state: ResourceState, diff: DiffOutcome
    ) -> ResourceState:
        """The engine's replacement: Check(olds={}), then Create and Delete (Delete first when
        the diff asked for delete-before-replace)."""
        checked = self.check(name, {}, news)
        if checked.failures:
            raise ValueError(f"check failed: {checked.failures}")
        if diff.delete_before_replace:
            self.delete(name, state.id, state.outputs)
            id_, outs = self.create(name, checked.inputs)
            ops = ("Check", "Diff", "Check", "Delete", "Create")
        else:
            id_, outs = self.create(name, checked.inputs)
            self.delete(name, state.id, state.outputs)
            ops = ("Check", "Diff", "Check", "Create", "Delete")
        return self._state(name, id_, checked.inputs, outs, ops)

    def refresh(self, state: ResourceState) -> ResourceState | None:
        """``pulumi refresh``: Read; None when the object is gone (empty id)."""
        id_, outs, inputs = self.read(state.name, state.id, state.outputs, state.inputs)
        if not id_:
            return None
        new_inputs = without_provider(inputs) if inputs is not None else state.inputs
        return self._state(state.name, id_, new_inputs, outs, ("Read",))

    def destroy(self, state: ResourceState) -> None:
        """``pulumi destroy`` for one resource: Delete with its outputs."""
        self.delete(state.name, state.id, state.outputs)

    def _state(
        self,
        name: str,
        id_: str,
        inputs: Mapping[str, Any],
        outs: Mapping[str, Any],
        ops: tuple[str, ...],
    ) -> ResourceState:
        return ResourceState(
            name, self.urn(name), id_, without_provider(inputs), without_provider(outs), ops
        )
