"""Project cluster settings: which users, queues and hosts a project may use on a cluster.

A setting is identified by (ProjectId, ClusterId); there is at most one per pair. Messages the
reference does not document, chosen here and relied on by the client's not-found detection:
``Cluster setting does not exist [<projectId>, <clusterId>]`` and
``Cluster setting already exists [<projectId>, <clusterId>]``. The cluster must be one the
emulator knows (else ``InvalidClusterId.NotFound``, see clusters.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TypedDict, Unpack

from .clusters import require_cluster
from .exceptions import FlowApiFailed
from .models import ClusterSetting, Page, Scope, now_ms
from .paging import DEFAULT_PAGE_SIZE, fetch_page
from .projects import require_project
from .store import Store

DEFAULT_USER = "hadoop"
DEFAULT_QUEUE = "default"


class ClusterSettingChanges(TypedDict, total=False):
    """Fields of a setting that a Modify may change; a key left out is left unchanged."""

    default_user: str | None
    default_queue: str | None
    users: Sequence[str]
    queues: Sequence[str]
    hosts: Sequence[str]


def setting_from_row(row: sqlite3.Row) -> ClusterSetting:
    values = dict(row)
    for column in ("users", "queues", "hosts"):
        values[column] = json.loads(values[column])
    return ClusterSetting(**values)


def _select(conn: sqlite3.Connection, project_id: str, cluster_id: str) -> sqlite3.Row | None:
    query = "SELECT * FROM cluster_settings WHERE project_id = ? AND cluster_id = ?"
    row: sqlite3.Row | None = conn.execute(query, (project_id, cluster_id)).fetchone()
    return row


def _require(
    conn: sqlite3.Connection, scope: Scope, project_id: str, cluster_id: str
) -> ClusterSetting:
    require_project(conn, scope, project_id)
    row = _select(conn, project_id, cluster_id)
    if row is None:
        raise FlowApiFailed(f"Cluster setting does not exist [{project_id}, {cluster_id}]")
    return setting_from_row(row)


def _write(conn: sqlite3.Connection, setting: ClusterSetting) -> None:
    # An upsert rather than INSERT OR REPLACE keeps the rowid and so the place in listings.
    conn.execute(
        "INSERT INTO cluster_settings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (project_id, cluster_id) DO UPDATE SET default_user = excluded.default_user, "
        "default_queue = excluded.default_queue, users = excluded.users, "
        "queues = excluded.queues, hosts = excluded.hosts, gmt_modified = excluded.gmt_modified",
        (setting.project_id, setting.cluster_id, setting.default_user, setting.default_queue,
         json.dumps(setting.users), json.dumps(setting.queues), json.dumps(setting.hosts),
         setting.gmt_create, setting.gmt_modified),
    )  # fmt: skip


class ClusterSettingsBackend:
    """Create/Describe/Modify/Delete/ListFlowProjectClusterSetting."""

    store: Store
    scope: Scope

    def create_flow_project_cluster_setting(
        self, project_id: str, cluster_id: str, **fields: Unpack[ClusterSettingChanges]
    ) -> ClusterSetting:
        """A new setting; unset default user and queue become ``hadoop`` and ``default``."""
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            require_cluster(conn, self.scope, cluster_id)
            if _select(conn, project_id, cluster_id) is not None:
                raise FlowApiFailed(f"Cluster setting already exists [{project_id}, {cluster_id}]")
            stamp = now_ms()
            setting = ClusterSetting(
                project_id, cluster_id,
                fields.get("default_user") or DEFAULT_USER,
                fields.get("default_queue") or DEFAULT_QUEUE,
                list(fields.get("users", ())), list(fields.get("queues", ())),
                list(fields.get("hosts", ())), stamp, stamp,
            )  # fmt: skip
            _write(conn, setting)
        return setting

    def describe_flow_project_cluster_setting(
        self, project_id: str, cluster_id: str
    ) -> ClusterSetting:
        with self.store.transaction() as conn:
            return _require(conn, self.scope, project_id, cluster_id)

    def modify_flow_project_cluster_setting(
        self, project_id: str, cluster_id: str, **changes: Unpack[ClusterSettingChanges]
    ) -> ClusterSetting:
        """Apply the given changes; a supplied list replaces the old one, and an empty or
        ``None`` default user or queue goes back to ``hadoop`` / ``default``."""
        with self.store.transaction() as conn:
            setting = _require(conn, self.scope, project_id, cluster_id)
            if "default_user" in changes:
                setting.default_user = changes["default_user"] or DEFAULT_USER
            if "default_queue" in changes:
                setting.default_queue = changes["default_queue"] or DEFAULT_QUEUE
            for name in ("users", "queues", "hosts"):
                if name in changes:
                    setattr(setting, name, list(changes[name]))
            setting.gmt_modified = max(now_ms(), setting.gmt_modified + 1)
            _write(conn, setting)
        return setting

    def delete_flow_project_cluster_setting(self, project_id: str, cluster_id: str) -> None:
        with self.store.transaction() as conn:
            _require(conn, self.scope, project_id, cluster_id)
            conn.execute(
                "DELETE FROM cluster_settings WHERE project_id = ? AND cluster_id = ?",
                (project_id, cluster_id),
            )

    def list_flow_project_cluster_setting(
        self, project_id: str, page_number: int = 1, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Page[ClusterSetting]:
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            return fetch_page(
                conn,
                "cluster_settings",
                [("project_id", project_id)],
                (page_number, page_size),
                setting_from_row,
            )
