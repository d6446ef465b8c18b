"""Reads answered from one paged List per scope (refresh at scale, issue 15).

``pulumi refresh`` reads every resource, at most 4 at a time. For a spec with ``list_reads``,
the first read of a scope (kind, account, region, project) lists the whole scope (page 1, then
the other pages in parallel), and every read of that scope, concurrent ones included, is
answered from that one fetch.

What keeps this as exact as a Describe per read:

- a snapshot answers each id once: reading the same object again (a second refresh in the same
  process, a test) fetches the scope anew;
- it lives ``TTL`` seconds at most, in memory only (one provider process serves one
  deployment), and any write through the provider drops its scope's snapshots;
- a List that fails (after the client's retries) answers nothing: the reads use Describe;
- the lifecycle reads an object a snapshot lacks with Describe, since paging a scope that
  changes meanwhile can skip an item (only Describe may say "gone").
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pulumi_emrflow.api.errors import EmrError
from pulumi_emrflow.specs import wire

if TYPE_CHECKING:
    from pulumi_emrflow.api.client import EmrClient
    from pulumi_emrflow.specs.resource import ResourceSpec

log = logging.getLogger(__name__)

TTL = 60.0
"""Seconds a fetched scope may answer reads."""
_PARALLEL_PAGES = 4
"""Pages fetched at once: the client's connection pool holds 4 connections."""

Items = dict[str, dict[str, Any]]
ScopeKey = tuple[str, tuple[str, ...], str, str, str]
"""(spec name, scope values, endpoint, access key id, region)."""


class ScopeTooLarge(Exception):
    """The scope holds more than the spec's ``max_items``: its reads use Describe."""


@dataclass(frozen=True)
class Listed:
    """What a scope's List said about one id: its item, or None when the List lacks it."""

    item: dict[str, Any] | None


@dataclass(eq=False)
class _Snapshot:
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    items: Items | None = None
    """None until fetched, and for good when the fetch failed."""
    served: set[str] = field(default_factory=set)


class ScopeCache:
    """Snapshots of scopes, shared by every provider object of the process (the provider
    server makes one per distinct ``__provider`` text, and states from several releases may
    hold different texts for one spec: a write through one must drop what another fetched)."""

    def __init__(self, ttl: float = TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshots: dict[ScopeKey, _Snapshot] = {}

    def lookup(self, key: ScopeKey, id_: str, fetch: Callable[[], Items | None]) -> Listed | None:
        """What the scope ``key``'s List says about ``id_``, fetching it (once for all
        concurrent callers) when no usable snapshot exists; None when the List cannot say
        (``fetch`` returned None) or already answered for ``id_``."""
        with self._lock:
            snapshot = self._usable(key, id_)
            owner = snapshot is None
            if snapshot is None:
                snapshot = _Snapshot(self._clock())
                self._snapshots[key] = snapshot
        if owner:
            try:
                snapshot.items = fetch()
            finally:
                snapshot.done.set()
        else:
            snapshot.done.wait()
        with self._lock:
            if snapshot.items is None or id_ in snapshot.served:
                return None
            snapshot.served.add(id_)
            return Listed(snapshot.items.get(id_))

    def forget(self, spec_name: str, scope: tuple[str, ...]) -> None:
        """Drop every snapshot of the scope (any account, region or endpoint): a write to it."""
        with self._lock:
            for key in [k for k in self._snapshots if k[0] == spec_name and k[1] == scope]:
                del self._snapshots[key]

    def clear(self) -> None:
        with self._lock:
            self._snapshots.clear()

    def _usable(self, key: ScopeKey, id_: str) -> _Snapshot | None:
        now = self._clock()
        expired = [k for k, s in self._snapshots.items() if now - s.started > self._ttl]
        for k in expired:
            del self._snapshots[k]
        snapshot = self._snapshots.get(key)
        if snapshot is not None and snapshot.done.is_set() and id_ in snapshot.served:
            del self._snapshots[key]  # read again: the snapshot may predate what happened since
            return None
        return snapshot


SCOPES = ScopeCache()
"""The process's snapshots (one provider process serves one deployment)."""


def scope_values(spec: ResourceSpec, props: Mapping[str, Any]) -> tuple[str, ...]:
    listing = spec.list_reads
    return tuple(str(props.get(name)) for name in (listing.scope if listing else ()))


def listed_item(
    client: EmrClient, spec: ResourceSpec, id_: str, props: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The item of ``id_`` in the List of the scope of ``props``, when it can stand in for a
    Describe answer; None when the read needs a Describe: no List reads for this spec, a field
    only Describe carries, a failed List, or an id the List lacks (only Describe says "gone")."""
    params = wire.list_scope_params(spec, props)
    if params is None or wire.uses_unlisted(spec, props):
        return None
    try:
        account = client.access_key_id
    except EmrError:
        return None  # no request can be made: Describe's attempt says why
    key = (spec.name, scope_values(spec, props), client.endpoint, account, client.region)
    found = SCOPES.lookup(key, id_, lambda: _fetch_or_nothing(client, spec, params))
    item = found.item if found is not None else None
    return item if item is not None and spec.is_of_kind(item) else None


def forget(spec: ResourceSpec, props: Mapping[str, Any]) -> None:
    """Drop what was fetched of the scope of ``props`` (called after every write to it)."""
    if spec.list_reads is not None:
        SCOPES.forget(spec.name, scope_values(spec, props))


def _fetch_or_nothing(
    client: EmrClient, spec: ResourceSpec, params: dict[str, Any]
) -> Items | None:
    try:
        return fetch_scope(client, spec, params)
    except ScopeTooLarge as exc:
        log.info("%s: %s; reading its objects one by one", spec.list_action, exc)
    except (EmrError, KeyError, TypeError, ValueError) as exc:
        log.warning("%s failed (%s); reading its objects one by one", spec.list_action, exc)
    return None


def fetch_scope(client: EmrClient, spec: ResourceSpec, params: dict[str, Any]) -> Items:
    """Every item of the scope ``params`` selects, by id: page 1, then the rest in parallel."""
    listing = spec.list_reads
    assert listing is not None
    size = listing.page_size

    def page(number: int) -> dict[str, Any]:
        return client.call(spec.list_action, {**params, "PageNumber": number, "PageSize": size})

    first = page(1)
    items = wire.list_items(spec, first)
    total = int(first.get("Total") or 0)
    if total > listing.max_items:
        raise ScopeTooLarge(f"{total} objects, more than {listing.max_items}")
    if total:
        rest = range(2, math.ceil(total / size) + 1)
        if len(rest):
            with ThreadPoolExecutor(min(_PARALLEL_PAGES, len(rest))) as pool:
                for answer in pool.map(page, rest):
                    items += wire.list_items(spec, answer)
    else:  # no total given: page on until a short page
        number = 1
        while len(items) == number * size and len(items) < listing.max_items:
            number += 1
            items += wire.list_items(spec, page(number))
    return {spec.id_of(item): item for item in items}
