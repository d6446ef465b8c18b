"""Read what ``export`` writes out: each project and everything in it, through List and Describe
calls only (paged; pages and Describes run in parallel within the client's connection pool).

What is read, and in which order it is declared, is the ``KINDS`` table: one row per resource
kind a project holds (flows last: their steps name jobs). A new kind is one more row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from pulumi_emrflow.api.client import POOL_SIZE, EmrClient
from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.specs import get_spec, wire
from pulumi_emrflow.specs.resource import ResourceSpec

PAGE_SIZE = 200
"""Items per List page (the service refuses 250 or more)."""

Item = dict[str, Any]


class Progress(Protocol):
    """Told ``(what, n)`` as objects are read: ``n`` more of ``what`` (``jobs``); ``total``
    when it is known ahead (the objects read one by one after a listing)."""

    def __call__(self, what: str, n: int, total: int | None = None) -> None: ...


def _quiet(what: str, n: int, total: int | None = None) -> None:
    """No progress shown."""


class ProjectNotFoundError(Exception):
    """A project asked for by id does not exist (in this account and region)."""


@dataclass(frozen=True)
class Kind:
    """One kind of object a project holds, as ``export`` reads and declares it."""

    spec_name: str
    plural: str
    """How progress lines count it (``jobs``)."""
    variable_prefix: str
    """What its variables' names start with (``job``)."""


KINDS = (
    Kind("flow_project_cluster_setting", "cluster settings", "setting"),
    Kind("flow_category", "folders", "folder"),
    Kind("flow_job", "jobs", "job"),
    Kind("flow", "flows", "flow"),
)
"""Declared in this order, each after what it refers to (a job names its folder)."""

PROJECT = Kind("flow_project", "projects", "project")


@dataclass
class ProjectSnapshot:
    """A project's Describe answer and, per kind (spec name), the items it holds."""

    item: Item
    held: dict[str, list[Item]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.item["Id"])


def _needs_describe(spec: ResourceSpec, item: Mapping[str, Any]) -> bool:
    """True when a List item lacks an argument Describe reports (a job's RetryPolicy)."""
    return any(f.echoed and f.read_key and f.read_key not in item for f in spec.inputs if f.api)


class Reader:
    """Reads projects through ``client``, ``workers`` calls at a time."""

    def __init__(
        self, client: EmrClient, progress: Progress | None = None, workers: int = POOL_SIZE
    ) -> None:
        self._client = client
        self._progress: Progress = progress or _quiet
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- projects -----------------------------------------------------------------------
    def projects(self, ids: Iterable[str], *, every: bool = False) -> list[ProjectSnapshot]:
        """The projects ``ids`` (each must exist), or every project of the account when
        ``every``; each with what it holds."""
        spec = get_spec(PROJECT.spec_name)
        if every:
            items = self._list(spec, {})
        else:
            items = list(self._pool.map(self._describe_project, dict.fromkeys(ids)))
        self._progress(PROJECT.plural, len(items))
        return [self._snapshot(item) for item in items]

    def _describe_project(self, project_id: str) -> Item:
        spec = get_spec(PROJECT.spec_name)
        try:
            answer = self._client.call(spec.describe_action, {"ProjectId": project_id})
        except ApiError as exc:
            if exc.reports(*spec.messages.not_found):
                raise ProjectNotFoundError(
                    f"project {project_id} does not exist in region {self._client.region}"
                ) from None
            raise
        return answer

    def _snapshot(self, project: Item) -> ProjectSnapshot:
        snapshot = ProjectSnapshot(project)
        scope = {"project_id": snapshot.id}
        for kind in KINDS:
            spec = get_spec(kind.spec_name)
            items = [i for i in self._list(spec, scope) if spec.is_of_kind(i)]
            if items and _needs_describe(spec, items[0]):
                self._progress(kind.plural, 0, len(items))
                items = list(self._pool.map(partial(self._describe, spec, scope=scope), items))
            else:
                self._progress(kind.plural, len(items))
            snapshot.held[kind.spec_name] = items
        return snapshot

    # ---- generic reads ------------------------------------------------------------------
    def _list(self, spec: ResourceSpec, scope: Mapping[str, Any]) -> list[Item]:
        """Every item of a List call filtered by ``scope``: the first page says how many
        there are; the others are read in parallel."""
        params = wire.lookup_params(spec, scope) if scope else {}

        def page(number: int) -> tuple[list[Item], int]:
            answer = self._client.call(
                spec.list_action, {**params, "PageNumber": number, "PageSize": PAGE_SIZE}
            )
            return wire.list_items(spec, answer), int(answer.get("Total") or 0)

        items, total = page(1)
        pages = -(-total // PAGE_SIZE)
        for more, _ in self._pool.map(page, range(2, pages + 1)):
            items += more
        number = max(pages, 1)
        while len(items) == number * PAGE_SIZE:  # an answer without Total: read on
            number += 1
            more, _ = page(number)
            items += more
        return items

    def _describe(self, spec: ResourceSpec, item: Item, *, scope: Mapping[str, Any]) -> Item:
        id_ = spec.id_of(item)
        answer = self._client.call(spec.describe_action, wire.key_params(spec, id_, scope))
        self._progress(_plural(spec), 1)
        return {**item, **answer}


def _plural(spec: ResourceSpec) -> str:
    return next(k.plural for k in KINDS if k.spec_name == spec.name)
