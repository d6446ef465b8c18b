"""EMR clusters: seeded at start (the emulator cannot create them) and described by id.

A cluster belongs to one account and one region, like every resource. A cluster id the emulator
does not know in the caller's account and region, whether asked for directly (DescribeClusterV2)
or referenced by a job or a cluster setting, is a gateway-shaped ``InvalidClusterId.NotFound``
(HTTP 404); the reference documents no code for this case. Cluster ids are unique across
accounts and regions, as the service's are: seeding a known id again moves it.
"""

from __future__ import annotations

import re
import sqlite3

from .exceptions import cluster_not_found, invalid_parameter
from .models import Cluster, Scope, now_ms
from .store import Store

CLUSTER_ID_PATTERN = re.compile(r"C-[0-9A-F]{16}")
IDLE = "IDLE"


def cluster_from_row(row: sqlite3.Row) -> Cluster:
    return Cluster(
        row["id"], row["name"], row["region_id"], row["status"], row["gmt_create"],
        row["account_id"],
    )  # fmt: skip


def require_cluster(conn: sqlite3.Connection, scope: Scope, cluster_id: str) -> Cluster:
    row = conn.execute(
        "SELECT * FROM clusters WHERE id = ? AND account_id = ? AND region_id = ?",
        (cluster_id, scope.account_id, scope.region_id),
    ).fetchone()
    if row is None:
        raise cluster_not_found(cluster_id)
    return cluster_from_row(row)


class ClustersBackend:
    """DescribeClusterV2 plus seeding."""

    store: Store
    scope: Scope

    def add_cluster(
        self,
        cluster_id: str,
        name: str | None = None,
        region_id: str | None = None,
        *,
        seeded: bool = False,
    ) -> Cluster:
        """Make a cluster known to this backend's account, in ``region_id`` (by default this
        backend's region). ``seeded`` clusters survive ``reset()``; others do not."""
        if not CLUSTER_ID_PATTERN.fullmatch(cluster_id):
            raise invalid_parameter("ClusterId", cluster_id, "expected C- and 16 upper-case hex")
        region_id = region_id or self.scope.region_id
        cluster = Cluster(
            cluster_id, name or f"emulated-{cluster_id}", region_id, IDLE, now_ms(),
            self.scope.account_id,
        )  # fmt: skip
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO clusters (id, name, region_id, status, gmt_create, seeded, account_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "name = excluded.name, region_id = excluded.region_id, "
                "account_id = excluded.account_id, seeded = MAX(seeded, excluded.seeded)",
                (cluster.id, cluster.name, region_id, IDLE, cluster.gmt_create, int(seeded),
                 cluster.account_id),
            )  # fmt: skip
        return cluster

    def cluster_names(self) -> dict[str, str]:
        """Name of every cluster of this account and region, by id (listings show a setting's
        cluster name)."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT id, name FROM clusters WHERE account_id = ? AND region_id = ?",
                (self.scope.account_id, self.scope.region_id),
            )
            return {row[0]: row[1] for row in rows}

    def describe_cluster_v2(self, cluster_id: str) -> Cluster:
        with self.store.transaction() as conn:
            return require_cluster(conn, self.scope, cluster_id)
