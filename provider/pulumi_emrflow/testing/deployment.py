"""The mocks behind a whole-stack preview or up: each emrflow registration is compared with the
stack's previous state the way the engine does it, and the resulting ``Step`` is recorded.

For a resource the previous state does not hold: Check(olds={}), then Create (up) or nothing
(preview: the id and the outputs not given as inputs are unknown). For one it holds (same type
and logical name): Check(olds = previous inputs), Diff(previous outputs, checked inputs), then
nothing (same), Update, or a replacement: Check(olds={}), then Create and a Delete of the old
object, the Delete first when the provider asked for delete-before-replace and otherwise after
the program, with the resources it no longer declares (``finish``). Preview calls only Check and
Diff, which are pure in this provider: it makes no API call. Other providers' resources keep
their previous mock id, so a re-run does not see a new cluster id.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_emrflow.providers.lifecycle import plain
from pulumi_emrflow.testing.engine import (
    PROVIDER_KEY,
    ProviderCallError,
    ProviderServer,
)
from pulumi_emrflow.testing.mocks import (
    EMRFLOW_TYPE_PREFIX,
    DeclaredResource,
    ProviderMocks,
    RunFailure,
)
from pulumi_emrflow.testing.plan import Plan, Step, changed_properties

__all__ = ["StackMocks", "StateKey", "state_key"]

StateKey = tuple[str, str]
"""A resource's identity across runs: its type token and logical name (its URN, less the
parent chain, which ``MockResourceArgs`` does not carry)."""


def state_key(resource: DeclaredResource) -> StateKey:
    return resource.type, resource.name


def _without_provider(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != PROVIDER_KEY}


class StackMocks(ProviderMocks):
    """``ProviderMocks`` that deploy against ``prior`` (the previous state; empty for a new
    stack), or only plan when ``preview``. ``steps`` and ``deleted`` are filled as it goes."""

    def __init__(
        self, server: ProviderServer, prior: list[DeclaredResource], *, preview: bool
    ) -> None:
        super().__init__(server)
        self.prior = {state_key(r): r for r in prior}
        self._prior_order = list(prior)
        self.preview = preview
        self.steps: list[Step] = []
        self.deferred: list[DeclaredResource] = []
        """Old objects of replacements, deleted after the program (create-before-delete)."""
        self.deleted: list[DeclaredResource] = []
        self._seen: set[StateKey] = set()
        self._steps_lock = threading.Lock()

    # ---- recording -------------------------------------------------------------------------
    def _record(self, step: Step) -> None:
        with self._steps_lock:
            self.steps.append(step)
            self._seen.add((step.type, step.name))

    def plan(self) -> Plan:
        return Plan(tuple(self.steps))

    # ---- other providers' resources keep their ids -----------------------------------------
    def _mocked(
        self, args: pulumi.runtime.MockResourceArgs, inputs: dict[str, Any], secret: frozenset[str]
    ) -> DeclaredResource:
        old = self.prior.get((args.typ, args.name))
        if old is not None and not args.resource_id:
            declared = DeclaredResource(
                args.typ, args.name, old.id, inputs, dict(inputs), secret, "mocked"
            )
        elif self.preview and not args.resource_id:
            declared = DeclaredResource(
                args.typ, args.name, "", inputs, dict(inputs), secret, "mocked"
            )
        else:
            declared = super()._mocked(args, inputs, secret)
        with self._steps_lock:
            self._seen.add((args.typ, args.name))
        return declared

    # ---- emrflow resources -----------------------------------------------------------------
    def _through_provider(
        self,
        args: pulumi.runtime.MockResourceArgs,
        spec: str,
        inputs: dict[str, Any],
        secret: frozenset[str],
    ) -> DeclaredResource:
        assert self.server is not None
        if args.resource_id:
            declared = super()._through_provider(args, spec, inputs, secret)
            self._record(Step("read", args.typ, args.name, declared.id, inputs=declared.inputs))
            return declared
        handle = self.server.kind(spec)
        what = f"{args.typ.removeprefix(EMRFLOW_TYPE_PREFIX)} {args.name!r}"
        old = self.prior.get((args.typ, args.name))
        try:
            if old is None:
                return self._create(handle, args, inputs, secret, what)
            return self._change(handle, args, inputs, secret, what, old)
        except ProviderCallError as exc:
            raise RunFailure(f"{what}: {exc}") from None

    def _declared(
        self,
        args: pulumi.runtime.MockResourceArgs,
        handle: ProviderServer,
        id_: str,
        inputs: dict[str, Any],
        outputs: Mapping[str, Any],
        secret: frozenset[str],
    ) -> DeclaredResource:
        outs = plain(_without_provider(outputs))
        return DeclaredResource(
            args.typ, args.name, id_, inputs, outs, secret, "created", handle.urn(args.name)
        )

    def _create(
        self,
        handle: ProviderServer,
        args: pulumi.runtime.MockResourceArgs,
        inputs: dict[str, Any],
        secret: frozenset[str],
        what: str,
    ) -> DeclaredResource:
        checked = self._checked(handle, args.name, {}, inputs, what)
        if self.preview:
            id_, outs = "", dict(checked.inputs)
        else:
            id_, outs = handle.create(args.name, checked.inputs)
        self._record(Step("create", args.typ, args.name, inputs=checked.inputs))
        return self._declared(args, handle, id_, checked.inputs, outs, secret)

    def _change(
        self,
        handle: ProviderServer,
        args: pulumi.runtime.MockResourceArgs,
        inputs: dict[str, Any],
        secret: frozenset[str],
        what: str,
        old: DeclaredResource,
    ) -> DeclaredResource:
        checked = self._checked(handle, args.name, old.inputs, inputs, what)
        diff = handle.diff(args.name, old.id, old.outputs, checked.inputs, old.inputs)
        diffs = changed_properties(old.inputs, checked.inputs)
        step = Step("same", args.typ, args.name, old.id, inputs=checked.inputs)
        if not diff.changed:
            self._record(step)
            return self._declared(args, handle, old.id, old.inputs, old.outputs, secret)
        if not diff.replaces:
            self._record(Step("update", args.typ, args.name, old.id, diffs, inputs=checked.inputs))
            if self.preview:
                return self._declared(
                    args, handle, old.id, checked.inputs, {**old.outputs, **checked.inputs}, secret
                )
            outs = handle.update(args.name, old.id, old.outputs, checked.inputs, old.inputs)
            return self._declared(args, handle, old.id, checked.inputs, outs, secret)
        replaces = tuple(diff.replaces)
        dbr = diff.delete_before_replace
        self._record(
            Step("replace", args.typ, args.name, old.id, diffs, replaces, dbr, checked.inputs)
        )
        fresh = self._checked(handle, args.name, {}, inputs, what)
        if self.preview:
            return self._declared(args, handle, "", fresh.inputs, dict(fresh.inputs), secret)
        if dbr:
            handle.delete(args.name, old.id, old.outputs)
        id_, outs = handle.create(args.name, fresh.inputs)
        if not dbr:
            with self._steps_lock:
                self.deferred.append(old)
        return self._declared(args, handle, id_, fresh.inputs, outs, secret)

    # ---- after the program -----------------------------------------------------------------
    def finish(self) -> None:
        """Plan (preview) or run (up) the Deletes of what the program no longer declares and of
        the old objects of replacements, dependents first (the reverse of the previous
        registration order). A failing Delete raises ``RunFailure``; ``deleted`` has the rest."""
        assert self.server is not None
        removed = [r for r in self._prior_order if state_key(r) not in self._seen]
        for resource in removed:
            self.steps.append(Step("delete", resource.type, resource.name, resource.id))
        if self.preview:
            return
        order = {id(r): i for i, r in enumerate(self._prior_order)}
        doomed = sorted(
            [*removed, *self.deferred], key=lambda r: order.get(id(r), -1), reverse=True
        )
        for resource in doomed:
            if resource.status == "created":
                spec = self._specs[resource.type].name
                try:
                    self.server.kind(spec).delete(resource.name, resource.id, resource.outputs)
                except ProviderCallError as exc:
                    raise RunFailure(f"{resource.kind} {resource.name!r}: {exc}") from None
            self.deleted.append(resource)
