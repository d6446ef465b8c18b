"""SQLite storage for the emulator's state.

In memory by default; with a file path the data survives restarts (the schema is created when
missing, and WAL journaling is used). The HTTP server is threaded, so there is one connection
shared behind a lock, and each backend action runs in a single transaction: a request either
commits all of its change or none of it, and concurrent requests never interleave inside one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    user_id TEXT NOT NULL,
    product_type TEXT,
    resource_group_id TEXT,
    gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    adhoc INTEGER NOT NULL,
    gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL,
    description TEXT,
    fail_act TEXT,
    max_retry INTEGER,
    retry_policy TEXT,
    max_running_time_sec INTEGER,
    retry_interval INTEGER,
    params TEXT,
    param_conf TEXT,
    custom_variables TEXT,
    env_conf TEXT,
    run_conf TEXT,
    monitor_conf TEXT,
    mode TEXT,
    parent_category TEXT,
    cluster_id TEXT,
    alert_conf TEXT,
    resources TEXT NOT NULL,
    last_instance_id TEXT,
    UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS cluster_settings (
    project_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    default_user TEXT NOT NULL,
    default_queue TEXT NOT NULL,
    users TEXT NOT NULL,
    queues TEXT NOT NULL,
    hosts TEXT NOT NULL,
    gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL,
    PRIMARY KEY (project_id, cluster_id)
);
CREATE TABLE IF NOT EXISTS categories (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    parent_id TEXT,
    gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region_id TEXT NOT NULL,
    status TEXT NOT NULL,
    gmt_create INTEGER NOT NULL,
    seeded INTEGER NOT NULL DEFAULT 0
);
"""

# Tables emptied by a reset; seeded clusters are kept (see Store.reset).
_STATE_TABLES = ("jobs", "cluster_settings", "categories", "projects")


class Store:
    """The database: ``transaction()`` gives the connection to one backend action at a time."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.path or ":memory:", check_same_thread=False, isolation_level=None
        )
        self._conn.row_factory = sqlite3.Row
        if self.path:
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block atomically: commit when it returns, roll back when it raises."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def reset(self) -> None:
        """Delete every project, job, setting and category, and clusters not seeded at start."""
        with self.transaction() as conn:
            for table in _STATE_TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM clusters WHERE seeded = 0")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
