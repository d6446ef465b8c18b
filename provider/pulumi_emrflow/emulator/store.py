"""SQLite storage for the emulator's state.

In memory by default; with a file path the data survives restarts (the schema is created when
missing, and WAL journaling is used). The HTTP server is threaded, so there is one connection
shared behind a lock, and each backend action runs in a single transaction: a request either
commits all of its change or none of it, and concurrent requests never interleave inside one.

State is kept per (account, region): a project row carries its account (``user_id``) and its
region, a cluster row its account and region; jobs, settings and categories are reached only
through their project. The schema version is SQLite's ``user_version``. A file written by
v0.1.0 (version 0, no region or account columns) is upgraded in place: its data was served
regardless of region, so it is given to the default account in cn-hangzhou, the only region that
emulator seeded clusters in. A file from a newer emulator, or one that is not an emulator
database at all, is refused with ``StoreError`` naming the file.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .defaults import DEFAULT_ACCOUNT_ID, DEFAULT_REGION

_SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    user_id TEXT NOT NULL,
    product_type TEXT,
    resource_group_id TEXT,
    gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL,
    region_id TEXT NOT NULL
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
CREATE TABLE IF NOT EXISTS flows (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    name TEXT NOT NULL,
    gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL,
    job_ids TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region_id TEXT NOT NULL,
    status TEXT NOT NULL,
    gmt_create INTEGER NOT NULL,
    seeded INTEGER NOT NULL DEFAULT 0,
    account_id TEXT NOT NULL
);
"""
SCHEMA_VERSION = 1
# Columns appended by the upgrade from version 0 (v0.1.0), at the end as in the schema above,
# with the scope that file's data is given.
_UPGRADE_FROM_0 = (
    ("projects", "region_id", f"TEXT NOT NULL DEFAULT '{DEFAULT_REGION}'"),
    ("clusters", "account_id", f"TEXT NOT NULL DEFAULT '{DEFAULT_ACCOUNT_ID}'"),
)

# Tables emptied by a reset; seeded clusters are kept (see Store.reset).
_STATE_TABLES = ("flows", "jobs", "cluster_settings", "categories", "projects")


class StoreError(ValueError):
    """The database file cannot be used; the message names it and says why."""


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table's column names."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {
        table: {row[1] for row in conn.execute(f"PRAGMA table_info({table})")} for table in tables
    }


def _expected_columns() -> dict[str, set[str]]:
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.executescript(_SCHEMA)
        return _columns(scratch)
    finally:
        scratch.close()


_EXPECTED_COLUMNS = _expected_columns()


class Store:
    """The database: ``transaction()`` gives the connection to one backend action at a time."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.path or ":memory:", check_same_thread=False, isolation_level=None
        )
        self._conn.row_factory = sqlite3.Row
        try:
            if self.path:
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._prepare()
        except sqlite3.DatabaseError as error:
            self._conn.close()
            raise StoreError(f"{self.path}: not an emulator database ({error})") from None
        except StoreError:
            self._conn.close()
            raise

    def _prepare(self) -> None:
        """Create the schema, or upgrade an older file's, and check the result."""
        conn = self._conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer emulator (schema {version}; this one reads "
                f"up to {SCHEMA_VERSION}); use that emulator or another --db file"
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version == 0:
                found = _columns(conn)
                for table, column, definition in _UPGRADE_FROM_0:
                    if table in found and column not in found[table]:
                        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            found = _columns(conn)
            for table, columns in _EXPECTED_COLUMNS.items():
                if not columns <= found[table]:
                    missing = ", ".join(sorted(columns - found[table]))
                    raise StoreError(
                        f"{self.path}: table {table} lacks {missing}; not an emulator database "
                        "this version can read, use another --db file"
                    )
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):  # a failed statement may have ended it
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

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
        """Delete every project, flow, job, setting and category, and clusters not seeded at
        start."""
        with self.transaction() as conn:
            for table in _STATE_TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM clusters WHERE seeded = 0")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
