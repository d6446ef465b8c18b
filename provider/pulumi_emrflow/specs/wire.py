"""From state to API parameters and back, driven by a ResourceSpec (pure functions, no HTTP)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_emrflow.specs.resource import ResourceSpec

Props = Mapping[str, Any]


def create_params(spec: ResourceSpec, props: Props) -> dict[str, Any]:
    """The Create call's parameters: every set input that has an API name and that Create
    takes (the others are set by a Modify right after)."""
    return {
        f.api: f.kind.to_api(props[f.name], props)
        for f in spec.inputs
        if f.api is not None and f.in_create and props.get(f.name) is not None
    }


def _api_values(spec: ResourceSpec, names: tuple[str, ...], props: Props) -> dict[str, Any]:
    """The values of the properties ``names`` under their API parameter names."""
    fields = (spec.by_name[name] for name in names)
    return {f.api: props.get(f.name) for f in fields if f.api is not None}


def key_params(spec: ResourceSpec, id_: str, props: Props) -> dict[str, Any]:
    """What addresses one object in Describe, Modify and Delete: the id plus its scope (or the
    scope alone for an object without an id of its own)."""
    scope = _api_values(spec, spec.scope, props)
    return {spec.id_param: id_, **scope} if spec.id_param else scope


def modify_params(spec: ResourceSpec, id_: str, news: Props, olds: Props) -> dict[str, Any]:
    """The Modify call's parameters: the whole desired state.

    A property removed since last time (set in ``olds``, absent in ``news``) is sent as its
    kind's clear value ("" for text and JSON, 0 for numbers) so that the removal really clears
    it; the Modify call itself treats an omitted parameter as "unchanged".
    """
    params = key_params(spec, id_, news)
    for f in spec.inputs:
        if not f.in_modify or f.name in spec.scope or f.api is None:
            continue
        value = news.get(f.name)
        if value is not None:
            params[f.api] = f.kind.to_api(value, news)
        elif not f.kind.is_empty(olds.get(f.name)) and f.kind.clear_value is not None:
            params[f.api] = f.kind.clear_value
    return params


def lookup_params(spec: ResourceSpec, props: Props) -> dict[str, Any]:
    """List parameters that find the object with the identity of ``props`` (first page)."""
    return _api_values(spec, spec.filters, props)


def list_items(spec: ResourceSpec, answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The items of a List answer, whether the client unwrapped ``JobList.Job`` or not."""
    outer, inner = spec.list_items
    items: Any = answer.get(outer, [])
    if isinstance(items, Mapping):
        items = items.get(inner, [])
    return [item for item in items or [] if isinstance(item, dict)]


def matches_identity(spec: ResourceSpec, item: Mapping[str, Any], props: Props) -> bool:
    """True when a List item is the object ``props`` names.

    Scope fields sent as filters are taken as matched (List items need not echo them); every
    other identity field is compared by meaning (a root folder's ``root_parent`` is unset).
    An item of another kind (a job's node in a folder listing) is never the object.
    """
    if not spec.is_of_kind(item):
        return False
    for name in spec.identity:
        f = spec.by_name[name]
        if (name in spec.scope and name in spec.filters) or f.read_key is None:
            continue
        have = f.kind.from_api(item.get(f.read_key))
        if f.kind.canonical(have, item) != f.kind.canonical(props.get(name), props):
            return False
    return True


def outputs(
    spec: ResourceSpec, id_: str, props: Props, olds: Props | None = None
) -> dict[str, Any]:
    """Every property after a Create or Update: the inputs as stored plus the computed outputs.

    The id output takes the id; a computed output with ``from_field`` takes that input's value
    when it is set; the others (timestamps) keep their previous value, or ``None`` until the
    next read.
    """
    outs: dict[str, Any] = {f.name: props.get(f.name) for f in spec.inputs}
    for f in spec.computed:
        if f.is_id:
            outs[f.name] = id_
        elif f.from_field is not None and props.get(f.from_field) is not None:
            outs[f.name] = props.get(f.from_field)
        else:
            outs[f.name] = (olds or {}).get(f.name)
    return outs


def state_from_api(
    spec: ResourceSpec, id_: str, item: Mapping[str, Any], olds: Props
) -> dict[str, Any]:
    """Rebuild every property from a Describe (or List) answer.

    Fields Describe does not echo are kept from ``olds``. A value equal in meaning to the old
    one keeps the old form (so JSON given as text stays text and an unchanged object reads back
    with no diff); a field never set that the service reports empty stays unset.
    """
    outs: dict[str, Any] = {}
    for f in spec.fields:
        old = olds.get(f.name)
        if f.computed:
            outs[f.name] = id_ if f.is_id else item.get(f.read_key or "")
            if f.kind is not None and outs[f.name] is not None:
                outs[f.name] = f.kind.from_api(outs[f.name])
            continue
        if not f.echoed or f.read_key is None:
            outs[f.name] = old
            continue
        value = f.kind.from_api(item.get(f.read_key))
        unset_both = f.kind.is_empty(value) and f.kind.is_empty(old)
        if unset_both or (
            old is not None and f.kind.canonical(old, olds) == f.kind.canonical(value, olds)
        ):
            value = old
        outs[f.name] = value
    return outs


def inputs_of(spec: ResourceSpec, outs: Props) -> dict[str, Any]:
    """The input properties within a set of outputs (what ReadResult.inputs carries)."""
    return {f.name: outs.get(f.name) for f in spec.inputs if outs.get(f.name) is not None}


def list_scope_params(spec: ResourceSpec, props: Props) -> dict[str, Any] | None:
    """The List parameters that select the whole scope ``props`` lives in (see
    ``ResourceSpec.list_reads``); None when the spec has no List reads or a scope value is
    missing."""
    listing = spec.list_reads
    if listing is None or any(not props.get(name) for name in listing.scope):
        return None
    return _api_values(spec, listing.scope, props)


def uses_unlisted(spec: ResourceSpec, props: Props) -> bool:
    """True when ``props`` sets a field List items do not carry (only Describe can read it)."""
    listing = spec.list_reads
    return listing is not None and any(props.get(name) is not None for name in listing.unlisted)
