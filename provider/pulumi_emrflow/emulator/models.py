"""The resources the emulator holds, as plain typed records (no storage, no HTTP)."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


def new_id(prefix: str) -> str:
    """An id as the service shapes them: prefix plus 16 upper-case hex digits."""
    return f"{prefix}-{secrets.token_hex(8).upper()}"


def now_ms() -> int:
    """Current time in epoch milliseconds, the unit of every Gmt* field."""
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class Resource:
    """One entry of a job's ``ResourceList``."""

    path: str
    alias: str | None = None


@dataclass(frozen=True)
class Scope:
    """Whose and where: the account that owns the caller's key, and the request's RegionId.

    Every resource lives in exactly one scope and is invisible from the others, as in moto.
    """

    account_id: str
    region_id: str


@dataclass
class FlowProject:
    """A project; ``user_id`` is the owning account, ``region_id`` the region it lives in."""

    id: str
    name: str
    description: str
    user_id: str
    product_type: str | None
    resource_group_id: str | None
    gmt_create: int
    gmt_modified: int
    region_id: str


@dataclass
class FlowJob:
    """A flow job; optional fields are ``None`` when unset (they are then left out of answers)."""

    id: str
    project_id: str
    name: str
    type: str
    adhoc: bool
    gmt_create: int
    gmt_modified: int
    description: str | None = None
    fail_act: str | None = None
    max_retry: int | None = None
    retry_policy: str | None = None
    max_running_time_sec: int | None = None
    retry_interval: int | None = None
    params: str | None = None
    param_conf: str | None = None
    custom_variables: str | None = None
    env_conf: str | None = None
    run_conf: str | None = None
    monitor_conf: str | None = None
    mode: str | None = None
    parent_category: str | None = None
    cluster_id: str | None = None
    alert_conf: str | None = None
    resources: list[Resource] = field(default_factory=list)
    last_instance_id: str | None = None


@dataclass
class ClusterSetting:
    project_id: str
    cluster_id: str
    default_user: str
    default_queue: str
    users: list[str]
    queues: list[str]
    hosts: list[str]
    gmt_create: int
    gmt_modified: int


@dataclass
class FlowCategory:
    """A node of a project's tree: a folder, or (``object_id`` set) a FILE node standing for a
    job inside its folder."""

    id: str
    project_id: str
    name: str
    type: str
    parent_id: str | None
    gmt_create: int
    gmt_modified: int
    object_id: str | None = None
    object_type: str | None = None


@dataclass
class Cluster:
    """A seeded EMR cluster; the emulator cannot create clusters, only describe them."""

    id: str
    name: str
    region_id: str
    status: str
    gmt_create: int
    account_id: str


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing, with the total count across all pages."""

    items: list[T]
    page_number: int
    page_size: int
    total: int
