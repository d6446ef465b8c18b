"""EMR clusters: seeded at start (the emulator cannot create them) and described by id.

A cluster id the emulator does not know, whether asked for directly (DescribeClusterV2) or
referenced by a job or a cluster setting, is a gateway-shaped ``InvalidClusterId.NotFound`` (HTTP
404); the reference documents no code for this case.
"""

from __future__ import annotations

import re
import sqlite3

from .exceptions import cluster_not_found, invalid_parameter
from .models import Cluster, now_ms
from .store import Store

CLUSTER_ID_PATTERN = re.compile(r"C-[0-9A-F]{16}")
IDLE = "IDLE"


def cluster_from_row(row: sqlite3.Row) -> Cluster:
    return Cluster(row["id"], row["name"], row["region_id"], row["status"], row["gmt_create"])


def require_cluster(conn: sqlite3.Connection, cluster_id: str) -> Cluster:
    row = conn.execute("SELECT * FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        raise cluster_not_found(cluster_id)
    return cluster_from_row(row)


class ClustersBackend:
    """DescribeClusterV2 plus seeding."""

    store: Store

    def add_cluster(
        self,
        cluster_id: str,
        name: str | None = None,
        region_id: str = "cn-hangzhou",
        *,
        seeded: bool = False,
    ) -> Cluster:
        """Make a cluster known. ``seeded`` clusters survive ``reset()``; others do not."""
        if not CLUSTER_ID_PATTERN.fullmatch(cluster_id):
            raise invalid_parameter("ClusterId", cluster_id, "expected C- and 16 upper-case hex")
        cluster = Cluster(cluster_id, name or f"emulated-{cluster_id}", region_id, IDLE, now_ms())
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "name = excluded.name, region_id = excluded.region_id, "
                "seeded = MAX(seeded, excluded.seeded)",
                (cluster.id, cluster.name, region_id, IDLE, cluster.gmt_create, int(seeded)),
            )
        return cluster

    def cluster_names(self) -> dict[str, str]:
        """Name of every known cluster, by id (listings show a setting's cluster name)."""
        with self.store.transaction() as conn:
            return {row[0]: row[1] for row in conn.execute("SELECT id, name FROM clusters")}

    def describe_cluster_v2(self, cluster_id: str) -> Cluster:
        with self.store.transaction() as conn:
            return require_cluster(conn, cluster_id)
