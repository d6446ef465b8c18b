"""The one generic dynamic provider: every resource's lifecycle, driven by its ResourceSpec.

``EmrFlowProvider("flow_job")`` is what a FlowJob pickles into ``__provider``; the pickle holds
the spec's name and nothing else (see ``__getstate__``), so it is short, secret-free, and stays
loadable as long as this module path, the class name and the spec name exist. Credentials and
HTTP clients are made after unpickling, from the config ``configure`` receives.

STABLE: every stack's state names ``pulumi_emrflow.providers.lifecycle.EmrFlowProvider`` and
``__setstate__({"spec": <name>})`` with the registered spec names. They stay importable and
accepted for good (the code may move behind them); tests/upgrade fails otherwise. Stored state
written by earlier releases reaches the spec's ``upgrade`` (its migrations) before use.

What the engine passes (pulumi 3.272): check(olds=previous checked inputs, news=program inputs);
diff(id, olds=previous OUTPUTS, news=checked inputs); create(checked inputs, fully known);
read(id, previous outputs, or the inputs on a ``get``); update(id, previous outputs, checked
inputs); delete(id, previous outputs).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.runtime import rpc

from pulumi_emrflow.api.errors import ApiError, EmrError, OutcomeUnknownError
from pulumi_emrflow.providers import scope_reads
from pulumi_emrflow.providers.errors import ProviderError, api_failure
from pulumi_emrflow.providers.pending import PendingCreates
from pulumi_emrflow.providers.session import ClientCache, ConfigView
from pulumi_emrflow.specs import get_spec, wire
from pulumi_emrflow.specs.kinds import clip, show

if TYPE_CHECKING:
    from pulumi_emrflow.api.client import EmrClient
    from pulumi_emrflow.specs.resource import ResourceSpec

log = logging.getLogger(__name__)

_CREATE_ATTEMPTS = 3
_RECOVERY_TIMEOUT = 60.0
"""Seconds a create whose answer was lost keeps trying to look the object up (configurable
with ``emrflow:recoveryTimeout`` or EMRFLOW_RECOVERY_TIMEOUT, up to ``_MAX_RECOVERY_TIMEOUT``)."""
_MAX_RECOVERY_TIMEOUT = 600.0
_LOOKUP_PAGE_SIZE = 100
_LOOKUP_MAX_PAGES = 50


def plain(value: Any) -> Any:
    """``value`` with RPC secret wrappers removed (the server does not unwrap them for us)."""
    if rpc.is_rpc_secret(value):
        return plain(rpc.unwrap_rpc_secret(value))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class EmrFlowProvider(ResourceProvider):
    """The lifecycle of any EMR Flow resource; ``spec`` names its table in ``pulumi_emrflow.specs``.

    check and diff are pure (no API call); create makes exactly one call in the common case;
    read turns "not found" into an empty id; delete of something already gone succeeds.
    """

    serialize_as_secret_always = True

    def __init__(self, spec: str) -> None:
        super().__init__()
        self._spec_name = spec
        self._init_runtime()

    # ---- pickling: the spec name only ------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        return {"spec": self._spec_name}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self._spec_name = str(state["spec"])
        self._init_runtime()

    def _init_runtime(self) -> None:
        self._spec: ResourceSpec | None = None
        self._clients = ClientCache()
        self._pending = PendingCreates()

    @property
    def spec(self) -> ResourceSpec:
        if self._spec is None:
            self._spec = get_spec(self._spec_name)
        return self._spec

    # ---- engine entry points ---------------------------------------------------------------
    def configure(self, req: ConfigureRequest) -> None:
        """Keep the whole stack config (namespaced keys); clients are built on first use."""
        self._clients.configure(ConfigView(req.config))

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        checked, failures = self.spec.check(plain(news))
        return CheckResult(checked, [CheckFailure(f.property, f.reason) for f in failures])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        result = self.spec.diff(self.spec.upgrade(plain(_olds)), plain(_news))
        if not result.changes:
            return DiffResult(changes=False)
        return DiffResult(
            changes=True,
            replaces=list(result.replaces),
            delete_before_replace=result.delete_before_replace or None,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        props = plain(props)
        try:
            return self._create(props)
        finally:  # whatever the outcome, what was listed of the scope may be out of date
            scope_reads.forget(self.spec, props)

    def _create(self, props: dict[str, Any]) -> CreateResult:
        spec = self.spec
        client = self._client(props)
        if spec.adopt_field and props.get(spec.adopt_field):
            try:
                found = self._lookup(client, props, "adopt")
            except EmrError as exc:
                raise ProviderError(
                    f"Could not create {self._what(props)}: looking for an existing one to adopt "
                    f"failed: {exc}"
                ) from None
            if found is not None:
                return self._adopt(client, found, props, "adopt")
        if self._pending_elsewhere(props):
            # An earlier run lost this create's answer and could not look: look now.
            found = self._recover(client, props, None)
            if found is not None:
                return self._adopt(client, found, props, "recover")
        params = wire.create_params(spec, props)
        unknown: OutcomeUnknownError | None = None
        for _attempt in range(_CREATE_ATTEMPTS):
            try:
                answer = client.call(spec.create_action, params)
            except OutcomeUnknownError as exc:
                unknown = exc
                found = self._recover(client, props, exc)
                if found is not None:
                    log.warning("%s: %s; the object exists: adopting it", self._what(props), exc)
                    return self._adopt(client, found, props, "recover")
                continue
            except ApiError as exc:
                if self._is_conflict(exc):
                    adopted = self._reconcile_conflict(client, props, after_unknown=unknown)
                    if adopted is not None:
                        return adopted
                raise self._create_failure(props, exc) from None
            except EmrError as exc:
                raise ProviderError(f"Could not create {self._what(props)}: {exc}") from None
            self._forget_pending(props)
            id_ = spec.compose_id(props) if spec.id_fields else str(answer[spec.create_id_key])
            self._set_modify_only(client, id_, props)
            return CreateResult(id_, wire.outputs(spec, id_, props))
        raise ProviderError(
            f"Could not create {self._what(props)}: no answer said whether "
            f"{spec.create_action} took effect, {_CREATE_ATTEMPTS} times, and no such object "
            "exists; run `pulumi up` again"
        )

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        spec, props = self.spec, self._addressed(id_, self.spec.upgrade(plain(props)))
        self._require_scope(props, id_)
        client = self._client(props)
        item = scope_reads.listed_item(client, spec, id_, props) if self._lists() else None
        if item is not None:
            outs = wire.state_from_api(spec, id_, item, props)
            return ReadResult(id_, outs, inputs=wire.inputs_of(spec, outs))
        # Not listed (or no List reads): Describe decides, and only Describe says "gone".
        try:
            answer = client.call(spec.describe_action, wire.key_params(spec, id_, props))
        except ApiError as exc:
            if exc.reports(*spec.messages.not_found):
                return ReadResult("", {})
            raise api_failure(f"read {self._what(props, id_)}", exc) from None
        except EmrError as exc:  # no request could be made (credentials, configuration)
            raise ProviderError(f"Could not read {self._what(props, id_)}: {exc}") from None
        if not spec.is_of_kind(answer):
            return ReadResult("", {})  # the id names something else (a job's folder node)
        outs = wire.state_from_api(spec, id_, answer, props)
        return ReadResult(id_, outs, inputs=wire.inputs_of(spec, outs))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        spec, news = self.spec, self._addressed(_id, plain(_news))
        olds = spec.upgrade(plain(_olds))
        client = self._client(news)
        try:
            client.call(spec.modify_action, wire.modify_params(spec, _id, news, olds))
        except ApiError as exc:
            raise api_failure(f"update {self._what(news, _id)}", exc) from None
        except EmrError as exc:
            raise ProviderError(f"Could not update {self._what(news, _id)}: {exc}") from None
        finally:
            scope_reads.forget(spec, news)
        return UpdateResult(wire.outputs(spec, _id, news, olds))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        spec, props = self.spec, self._addressed(_id, self.spec.upgrade(plain(_props)))
        client = self._client(props)
        try:
            client.call(spec.delete_action, wire.key_params(spec, _id, props))
        except ApiError as exc:
            if exc.reports(*spec.messages.not_found):
                return
            if exc.reports(spec.messages.not_empty):
                raise ProviderError(
                    f"Could not delete {self._what(props, _id)}: it still holds "
                    f"{spec.dependents}. Destroy or remove those first (declared in the same "
                    f"program with this {spec.type_name}'s id, Pulumi deletes them first), "
                    "then run the command again."
                ) from None
            raise api_failure(f"delete {self._what(props, _id)}", exc) from None
        except EmrError as exc:
            raise ProviderError(f"Could not delete {self._what(props, _id)}: {exc}") from None
        finally:
            scope_reads.forget(spec, props)

    # ---- helpers ---------------------------------------------------------------------------
    def _client(self, props: Mapping[str, Any]) -> EmrClient:
        region = props.get(self.spec.region_field) if self.spec.region_field else None
        return self._clients.client(region if isinstance(region, str) else None)

    def _what(self, props: Mapping[str, Any], id_: str = "") -> str:
        name = props.get("name")
        text = self.spec.type_name + (f" {show(name)}" if name else "")
        scope = ", ".join(f"{k} {clip(str(props[k]))}" for k in self.spec.scope if props.get(k))
        if self.spec.id_fields:  # the id repeats the scope
            id_ = ""
        details = ", ".join(x for x in (id_, scope) if x)
        return f"{text} ({details})" if details else text

    def _addressed(self, id_: str, props: dict[str, Any]) -> dict[str, Any]:
        """``props`` with the fields a composite id holds taken from ``id_`` (a ``get`` passes
        nothing else); a malformed id is refused with the form it should have."""
        if not self.spec.id_fields:
            return props
        try:
            return {**props, **self.spec.parse_id(id_)}
        except ValueError as exc:
            raise ProviderError(f"{exc}; use the id that `pulumi up` reported") from None

    def _require_scope(self, props: Mapping[str, Any], id_: str) -> None:
        missing = [k for k in self.spec.scope if not props.get(k)]
        if missing:
            raise ProviderError(
                f"Cannot read {self.spec.type_name} {id_}: {', '.join(missing)} is needed to "
                f"address it; pass it to {self.spec.type_name}.get(..., {missing[0]}=...)"
            )

    def _set_modify_only(self, client: EmrClient, id_: str, props: dict[str, Any]) -> None:
        """Right after Create: set what only Modify takes (when any of it is declared). If that
        fails, the new object is deleted again, so that no object is left that state lacks."""
        spec = self.spec
        if not any(props.get(f.name) is not None for f in spec.modify_only):
            return
        try:
            client.call(spec.modify_action, wire.modify_params(spec, id_, props, {}))
        except EmrError as exc:
            undone = "it was deleted again"
            try:
                client.call(spec.delete_action, wire.key_params(spec, id_, props))
            except EmrError:
                undone = f"deleting it again failed too: delete {id_} by hand"
            fields = ", ".join(f.name for f in spec.modify_only)
            raise ProviderError(
                f"Could not create {self._what(props, id_)}: it was created, but setting "
                f"{fields} (which only {spec.modify_action} takes) failed: {exc}; {undone}."
            ) from None

    def _is_conflict(self, exc: ApiError) -> bool:
        return exc.reports(self.spec.messages.conflict)

    def _create_failure(self, props: Mapping[str, Any], exc: ApiError) -> ProviderError:
        spec = self.spec
        if self._is_conflict(exc):
            names = " and ".join(f"{k}={props.get(k)!r}" for k in spec.identity)
            return ProviderError(
                f"Could not create {self._what(props)}: one with {names} already exists and "
                "differs from this declaration. Choose another name, or set adopt=True to take "
                "the existing one over."
            )
        return api_failure(f"create {self._what(props)}", exc)

    # ---- writes whose outcome is unknown -------------------------------------------------
    def _reconcile_conflict(
        self, client: EmrClient, props: Mapping[str, Any], *, after_unknown: Exception | None
    ) -> CreateResult | None:
        """The object with this identity exists. Right after an attempt whose outcome was
        unknown it is ours; otherwise it is taken over only when it is exactly what is declared
        (an earlier run's create whose answer was lost looks just like that)."""
        found = self._recover(client, props, after_unknown)
        if found is None:
            return None
        if after_unknown is None and not self._matches_declaration(found, props):
            return None
        log.warning("%s already exists as declared: adopting it", self._what(props))
        return self._adopt(client, found, props, "recover")

    def _matches_declaration(self, item: Mapping[str, Any], props: Mapping[str, Any]) -> bool:
        """True when every declared property that ``item`` reports has the declared value."""
        from pulumi_emrflow.specs import wire

        spec = self.spec
        current = wire.state_from_api(spec, spec.id_of(item), item, props)
        for f in spec.inputs:
            want = props.get(f.name)
            if want is None or not f.echoed or f.read_key is None or f.read_key not in item:
                continue
            if f.kind.canonical(current.get(f.name), current) != f.kind.canonical(want, props):
                return False
        return True

    def _recover(
        self, client: EmrClient, props: Mapping[str, Any], unknown: Exception | None
    ) -> dict[str, Any] | None:
        """Look the object up by identity, trying for up to the recovery timeout while the
        service cannot be reached; a ProviderError saying that it may exist after that."""
        from pulumi_emrflow.api.errors import EmrError

        timeout = self._recovery_timeout()
        deadline = time.monotonic() + timeout
        delay = 0.5
        while True:
            try:
                return self._lookup(client, props, "recover", deadline=deadline)
            except EmrError as exc:
                if time.monotonic() + delay > deadline:
                    self._remember_pending(props)
                    raise ProviderError(self._undecided(props, unknown, exc, timeout)) from None
                log.warning("%s: lookup failed (%s); retrying", self._what(props), exc)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)

    def _undecided(
        self, props: Mapping[str, Any], unknown: Exception | None, exc: Exception, timeout: float
    ) -> str:
        spec = self.spec
        identity = " and ".join(f"{k}={props.get(k)!r}" for k in spec.identity)
        reason = getattr(unknown, "reason", unknown)
        lost = f"the answer to {spec.create_action} was lost ({reason}) and " if unknown else ""
        return (
            f"Could not create {self._what(props)}: {lost}looking it up by "
            f"{identity} failed for {timeout:.0f} s ({exc}). The {spec.type_name} may exist. "
            "Run `pulumi up` again once the service is reachable: it looks for the object first "
            "and takes it over if it matches this declaration (no adopt=True needed)."
        )

    def _recovery_timeout(self) -> float:
        raw = self._clients.setting("emrflow:recoveryTimeout", "EMRFLOW_RECOVERY_TIMEOUT")
        try:
            value = float(raw) if raw is not None else _RECOVERY_TIMEOUT
        except ValueError:
            value = _RECOVERY_TIMEOUT
        return min(max(value, 0.0), _MAX_RECOVERY_TIMEOUT)

    def _lists(self) -> bool:
        """Whether reads may be answered from a scope's List (``emrflow:listReads`` or
        EMRFLOW_LIST_READS set to false turns that off: one Describe per read, as before)."""
        raw = self._clients.setting("emrflow:listReads", "EMRFLOW_LIST_READS")
        return raw is None or raw.strip().lower() not in ("false", "0", "no", "off")

    def _identity(self, props: Mapping[str, Any]) -> dict[str, Any]:
        return {k: props.get(k) for k in self.spec.identity}

    def _region(self, props: Mapping[str, Any]) -> str | None:
        region = props.get(self.spec.region_field) if self.spec.region_field else None
        return region if isinstance(region, str) else None

    def _remembers_pending(self) -> bool:
        # Kinds whose identity the service keeps unique reconcile through the conflict instead.
        return not self.spec.unique_identity and bool(self.spec.identity)

    def _remember_pending(self, props: Mapping[str, Any]) -> None:
        if self._remembers_pending():
            try:
                self._pending.remember(self.spec.name, self._region(props), self._identity(props))
            except OSError as exc:
                log.warning("could not record the pending create of %s: %s", self._what(props), exc)

    def _pending_elsewhere(self, props: Mapping[str, Any]) -> bool:
        return self._remembers_pending() and self._pending.is_pending(
            self.spec.name, self._region(props), self._identity(props)
        )

    def _forget_pending(self, props: Mapping[str, Any]) -> None:
        if self._remembers_pending():
            with contextlib.suppress(OSError):
                self._pending.forget(self.spec.name, self._region(props), self._identity(props))

    def _lookup(
        self,
        client: EmrClient,
        props: Mapping[str, Any],
        why: str,
        *,
        deadline: float | None = None,
    ) -> dict[str, Any] | None:
        """The one existing object with the identity of ``props`` (List, paged), or None;
        ProviderError when several match (nothing can tell which one was meant)."""
        spec = self.spec
        params = wire.lookup_params(spec, props)
        found: list[dict[str, Any]] = []
        for page in range(1, _LOOKUP_MAX_PAGES + 1):
            answer = client.call(
                spec.list_action,
                {**params, "PageNumber": page, "PageSize": _LOOKUP_PAGE_SIZE},
                deadline=None if deadline is None else deadline - time.monotonic(),
            )
            items = wire.list_items(spec, answer)
            found += [item for item in items if wire.matches_identity(spec, item, props)]
            total = int(answer.get("Total") or 0)
            if len(items) < _LOOKUP_PAGE_SIZE or page * _LOOKUP_PAGE_SIZE >= total:
                break
        if len(found) > 1:
            ids = ", ".join(spec.id_of(item) for item in found)
            names = " and ".join(f"{k}={props.get(k)!r}" for k in spec.identity)
            raise ProviderError(
                f"Cannot {why} {self._what(props)}: {len(found)} objects have {names} ({ids}). "
                f"Rename or delete all but one, or use {spec.type_name}.get with the id you mean."
            )
        return found[0] if found else None

    def _adopt(
        self, client: EmrClient, item: Mapping[str, Any], props: Mapping[str, Any], why: str
    ) -> CreateResult:
        """Take over ``item``: refuse when a fixed property differs, then Modify it to ``props``
        (an explicit adopt of an object already as declared makes no write)."""
        spec = self.spec
        id_ = spec.id_of(item)
        # Read against the declaration: a declared False, 0 or "" that the service reports as
        # its empty value is that value, not an absence.
        current = wire.state_from_api(spec, id_, item, props)
        mismatches = []
        for f in spec.inputs:
            if not f.replace or not f.echoed or props.get(f.name) is None:
                continue
            have, want = current.get(f.name), props.get(f.name)
            if f.kind.canonical(have, current) != f.kind.canonical(want, props):
                mismatches.append(f"{f.name} is {have!r} there but {want!r} here")
        for f in spec.computed:
            want = props.get(f.from_field) if f.from_field else None
            if want is not None and current.get(f.name) not in (None, want):
                have = current.get(f.name)
                mismatches.append(f"{f.from_field} is {have!r} there but {want!r} here")
        if mismatches:
            raise ProviderError(
                f"Cannot adopt the existing {self._what(props, id_)}: {'; '.join(mismatches)}. "
                "These cannot change in place: declare the existing values, or use another name."
            )
        try:
            # An object adopted as declared (a program `export` wrote) is taken over without
            # a write: the adopting `up` of an unchanged project changes nothing. Recovery
            # keeps its Modify (it is one call, and the object may be half made).
            if why != "adopt" or not self._as_declared(client, id_, item, props):
                client.call(spec.modify_action, wire.modify_params(spec, id_, props, current))
        except ApiError as exc:
            raise api_failure(f"{why} {self._what(props, id_)}", exc) from None
        except EmrError as exc:
            raise ProviderError(f"Could not {why} {self._what(props, id_)}: {exc}") from None
        self._forget_pending(props)
        return CreateResult(id_, wire.outputs(spec, id_, props, current))

    def _as_declared(
        self, client: EmrClient, id_: str, item: Mapping[str, Any], props: Mapping[str, Any]
    ) -> bool:
        """True when a Modify to ``props`` would change nothing: every property Modify takes
        reads back as declared (or is unset on both sides). A List item lacking some of them
        is completed by a Describe; a declared value no read reports (a job's cluster_id)
        cannot be checked, so it is written."""
        spec = self.spec
        fields = [f for f in spec.inputs if f.in_modify and f.name not in spec.scope]
        if any(not f.echoed and props.get(f.name) is not None for f in fields):
            return False
        if any(f.echoed and f.read_key not in item for f in fields):
            item = client.call(spec.describe_action, wire.key_params(spec, id_, props))
        current = wire.state_from_api(spec, id_, item, props)
        for f in fields:
            if not f.echoed:
                continue
            have, want = current.get(f.name), props.get(f.name)
            if f.kind.is_empty(have) and f.kind.is_empty(want):
                continue
            if f.kind.canonical(have, current) != f.kind.canonical(want, props):
                return False
        return True
