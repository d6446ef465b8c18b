"""The one generic dynamic provider: every resource's lifecycle, driven by its ResourceSpec.

``EmrFlowProvider("flow_job")`` is what a FlowJob pickles into ``__provider``; the pickle holds
the spec's name and nothing else (see ``__getstate__``), so it is short, secret-free, and stays
loadable as long as this module path, the class name and the spec name exist. Credentials and
HTTP clients are made after unpickling, from the config ``configure`` receives.

What the engine passes (pulumi 3.272): check(olds=previous checked inputs, news=program inputs);
diff(id, olds=previous OUTPUTS, news=checked inputs); create(checked inputs, fully known);
read(id, previous outputs, or the inputs on a ``get``); update(id, previous outputs, checked
inputs); delete(id, previous outputs).
"""

from __future__ import annotations

import logging
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
from pulumi_emrflow.providers.errors import ProviderError, api_failure
from pulumi_emrflow.providers.session import ClientCache, ConfigView
from pulumi_emrflow.specs import get_spec, wire

if TYPE_CHECKING:
    from pulumi_emrflow.api.client import EmrClient
    from pulumi_emrflow.specs.resource import ResourceSpec

log = logging.getLogger(__name__)

_CREATE_ATTEMPTS = 3
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
        result = self.spec.diff(plain(_olds), plain(_news))
        if not result.changes:
            return DiffResult(changes=False)
        return DiffResult(
            changes=True,
            replaces=list(result.replaces),
            delete_before_replace=result.delete_before_replace or None,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, props = self.spec, plain(props)
        client = self._client(props)
        if spec.adopt_field and props.get(spec.adopt_field):
            found = self._lookup(client, props, "adopt")
            if found is not None:
                return self._adopt(client, found, props, "adopt")
        params = wire.create_params(spec, props)
        for _attempt in range(_CREATE_ATTEMPTS):
            try:
                answer = client.call(spec.create_action, params)
            except OutcomeUnknownError:
                found = self._lookup(client, props, "recover")
                if found is not None:
                    what = self._what(props)
                    log.warning("%s: answer lost but the object exists; adopting it", what)
                    return self._adopt(client, found, props, "recover")
                continue
            except ApiError as exc:
                raise self._create_failure(props, exc) from None
            except EmrError as exc:
                raise ProviderError(f"Could not create {self._what(props)}: {exc}") from None
            id_ = spec.compose_id(props) if spec.id_fields else str(answer[spec.create_id_key])
            self._set_modify_only(client, id_, props)
            return CreateResult(id_, wire.outputs(spec, id_, props))
        raise ProviderError(
            f"Could not create {self._what(props)}: the service did not answer "
            f"{_CREATE_ATTEMPTS} times and no such object exists; run `pulumi up` again"
        )

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        spec, props = self.spec, self._addressed(id_, plain(props))
        self._require_scope(props, id_)
        client = self._client(props)
        try:
            answer = client.call(spec.describe_action, wire.key_params(spec, id_, props))
        except ApiError as exc:
            if exc.reports(*spec.messages.not_found):
                return ReadResult("", {})
            raise api_failure(f"read {self._what(props, id_)}", exc) from None
        outs = wire.state_from_api(spec, id_, answer, props)
        return ReadResult(id_, outs, inputs=wire.inputs_of(spec, outs))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        spec, olds, news = self.spec, plain(_olds), self._addressed(_id, plain(_news))
        client = self._client(news)
        try:
            client.call(spec.modify_action, wire.modify_params(spec, _id, news, olds))
        except ApiError as exc:
            raise api_failure(f"update {self._what(news, _id)}", exc) from None
        return UpdateResult(wire.outputs(spec, _id, news, olds))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        spec, props = self.spec, self._addressed(_id, plain(_props))
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

    # ---- helpers ---------------------------------------------------------------------------
    def _client(self, props: Mapping[str, Any]) -> EmrClient:
        region = props.get(self.spec.region_field) if self.spec.region_field else None
        return self._clients.client(region if isinstance(region, str) else None)

    def _what(self, props: Mapping[str, Any], id_: str = "") -> str:
        name = props.get("name")
        text = self.spec.type_name + (f" {name!r}" if name else "")
        scope = ", ".join(f"{k} {props.get(k)}" for k in self.spec.scope if props.get(k))
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

    def _create_failure(self, props: Mapping[str, Any], exc: ApiError) -> ProviderError:
        spec = self.spec
        if exc.reports(spec.messages.conflict):
            names = " and ".join(f"{k}={props.get(k)!r}" for k in spec.identity)
            return ProviderError(
                f"Could not create {self._what(props)}: one with {names} already exists. "
                f"Choose another name, or set adopt=True to take the existing one over."
            )
        return api_failure(f"create {self._what(props)}", exc)

    def _lookup(
        self, client: EmrClient, props: Mapping[str, Any], why: str
    ) -> dict[str, Any] | None:
        """The one existing object with the identity of ``props`` (List, paged), or None;
        ProviderError when several match (nothing can tell which one was meant)."""
        spec = self.spec
        params = wire.lookup_params(spec, props)
        found: list[dict[str, Any]] = []
        for page in range(1, _LOOKUP_MAX_PAGES + 1):
            answer = client.call(
                spec.list_action, {**params, "PageNumber": page, "PageSize": _LOOKUP_PAGE_SIZE}
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
        """Take over ``item``: refuse when a fixed property differs, then Modify it to ``props``."""
        spec = self.spec
        id_ = spec.id_of(item)
        current = wire.state_from_api(spec, id_, item, {})
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
            client.call(spec.modify_action, wire.modify_params(spec, id_, props, current))
        except ApiError as exc:
            raise api_failure(f"{why} {self._what(props, id_)}", exc) from None
        return CreateResult(id_, wire.outputs(spec, id_, props, current))
