"""Flow jobs: the units of work of a project (emr-flow-api.md 3.1 to 3.5 and 4).

Rules from the reference: the job-type list, FailAct, MaxRetry 0-5, RetryInterval 0-300 s, Mode,
``ResourceList.N.Path`` under ``oss://`` or ``hdfs://``, EnvConf at most 1024 UTF-8 bytes; JSON
fields are stored verbatim (never parsed) and echoed unchanged.

Assumptions where the reference is silent:

- Job names are unique within a project: ``Job name already exists: [<name>]`` on create and on a
  rename onto another job's name.
- ``ParentCategory`` must name a category of the job's project (``Category does not exist``) and
  ``ClusterId`` a cluster the emulator knows (``InvalidClusterId.NotFound``, see clusters.py).
- Modify: a field left out is unchanged, ``None`` (an empty string on the wire) clears it, and a
  supplied resource list replaces the whole list. ``Type``, ``Adhoc`` and ``ParentCategory`` cannot
  be modified; the protocol rejects them with ``InvalidParameter`` rather than ignoring them.
- ``ListFlowJob`` filters ``Name`` by exact match.
- A job that a flow's Graph holds cannot be deleted (flows.py); the error names the flow.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from typing import TypedDict, Unpack

from .categories import require_category
from .clusters import require_cluster
from .exceptions import FlowApiFailed, invalid_parameter
from .flows import flows_using
from .models import FlowJob, Page, Resource, Scope, new_id, now_ms
from .paging import DEFAULT_PAGE_SIZE, fetch_page
from .projects import require_project
from .store import Store

JOB_TYPES = (
    "MR", "SPARK", "HIVE_SQL", "HIVE", "PIG", "SQOOP", "SPARK_SQL", "SPARK_STREAMING", "SHELL",
)  # fmt: skip
FAIL_ACTS = ("CONTINUE", "STOP")
MODES = ("YARN", "LOCAL")
MAX_RETRY = 5
MAX_RETRY_INTERVAL = 300
MAX_ENV_CONF_BYTES = 1024
RESOURCE_SCHEMES = ("oss://", "hdfs://")
_COLUMNS = tuple(f.name for f in fields(FlowJob))


class JobFields(TypedDict, total=False):
    """The optional fields of a job that both Create and Modify take."""

    description: str | None
    fail_act: str | None
    max_retry: int | None
    retry_policy: str | None
    max_running_time_sec: int | None
    retry_interval: int | None
    params: str | None
    param_conf: str | None
    custom_variables: str | None
    env_conf: str | None
    run_conf: str | None
    monitor_conf: str | None
    mode: str | None
    cluster_id: str | None
    alert_conf: str | None
    resources: Sequence[Resource]


def check_job_type(value: str) -> None:
    if value not in JOB_TYPES:
        raise FlowApiFailed(f"Invalid job type [{value}]")


def _check_choice(name: str, value: str | None, allowed: Sequence[str]) -> None:
    if value is not None and value not in allowed:
        raise invalid_parameter(name, value, f"expected one of {', '.join(allowed)}")


def _check_range(name: str, value: int | None, high: int) -> None:
    if value is not None and not 0 <= value <= high:
        raise invalid_parameter(name, str(value), f"expected an integer from 0 to {high}")


def check_job_fields(values: JobFields) -> None:
    """Reject values outside the documented constraints."""
    _check_choice("FailAct", values.get("fail_act"), FAIL_ACTS)
    _check_choice("Mode", values.get("mode"), MODES)
    _check_range("MaxRetry", values.get("max_retry"), MAX_RETRY)
    _check_range("RetryInterval", values.get("retry_interval"), MAX_RETRY_INTERVAL)
    env_conf = values.get("env_conf")
    if env_conf is not None and len(env_conf.encode()) > MAX_ENV_CONF_BYTES:
        raise invalid_parameter(
            "EnvConf", f"<{len(env_conf.encode())} bytes>", "at most 1024 bytes allowed"
        )
    for number, resource in enumerate(values.get("resources", ()), start=1):
        if not resource.path.startswith(RESOURCE_SCHEMES):
            name = f"ResourceList.{number}.Path"
            raise invalid_parameter(name, resource.path, "expected oss:// or hdfs://")


def _normalised(values: JobFields) -> JobFields:
    """Empty strings mean "not set", so they are stored as ``None``."""
    out: dict[str, object] = {k: (None if v == "" else v) for k, v in values.items()}
    if "resources" in values:
        out["resources"] = list(values["resources"])
    return out  # type: ignore[return-value]


def job_from_row(row: sqlite3.Row) -> FlowJob:
    values = dict(row)
    values["adhoc"] = bool(values["adhoc"])
    stored = json.loads(values["resources"])
    values["resources"] = [Resource(item["path"], item.get("alias")) for item in stored]
    return FlowJob(**values)


def _row_values(job: FlowJob) -> list[object]:
    # Attribute reads, not dataclasses.asdict (which deep-copies every field): same values.
    row: list[object] = [getattr(job, column) for column in _COLUMNS]
    row[_RESOURCES_INDEX] = json.dumps(
        [{"path": resource.path, "alias": resource.alias} for resource in job.resources]
    )
    return row


_RESOURCES_INDEX = _COLUMNS.index("resources")
_INSERT_SQL = (
    f"INSERT INTO jobs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"
)
# An UPDATE, not INSERT OR REPLACE, keeps the rowid and so the job's place in listings.
_UPDATE_SQL = f"UPDATE jobs SET {', '.join(f'{column} = ?' for column in _COLUMNS)} WHERE id = ?"


def _insert(conn: sqlite3.Connection, job: FlowJob) -> None:
    conn.execute(_INSERT_SQL, _row_values(job))


def _update(conn: sqlite3.Connection, job: FlowJob) -> None:
    conn.execute(_UPDATE_SQL, [*_row_values(job), job.id])


def _require_job(conn: sqlite3.Connection, scope: Scope, project_id: str, job_id: str) -> FlowJob:
    require_project(conn, scope, project_id)
    row = conn.execute(
        "SELECT * FROM jobs WHERE id = ? AND project_id = ?", (job_id, project_id)
    ).fetchone()
    if row is None:
        raise FlowApiFailed(f"Flow Job does not exist [{job_id}]")
    return job_from_row(row)


def _check_name_free(conn: sqlite3.Connection, job: FlowJob) -> None:
    """``Job name already exists`` if another job of the project has ``job``'s name.

    The lookup and the write that follows run in one transaction, and transactions never
    interleave (store.py), so no other request can take the name in between; the table's
    UNIQUE (project_id, name) remains only as a backstop.
    """
    clash = conn.execute(
        "SELECT 1 FROM jobs WHERE project_id = ? AND name = ? AND id != ?",
        (job.project_id, job.name, job.id),
    ).fetchone()
    if clash:
        raise FlowApiFailed(f"Job name already exists: [{job.name}]")


class JobsBackend:
    """CreateFlowJob, DescribeFlowJob, ModifyFlowJob, DeleteFlowJob, ListFlowJob."""

    store: Store
    scope: Scope

    def create_flow_job(
        self,
        project_id: str,
        name: str,
        type: str,
        *,
        adhoc: bool = False,
        parent_category: str | None = None,
        **values: Unpack[JobFields],
    ) -> FlowJob:
        check_job_type(type)
        values = _normalised(values)
        check_job_fields(values)
        stamp = now_ms()
        job = FlowJob(new_id("FJ"), project_id, name, type, adhoc, stamp, stamp)
        job.parent_category = parent_category or None
        for key, value in values.items():
            setattr(job, key, value)
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            if job.parent_category:
                require_category(conn, project_id, job.parent_category)
            if job.cluster_id:
                require_cluster(conn, self.scope, job.cluster_id)
            _check_name_free(conn, job)
            _insert(conn, job)
        return job

    def describe_flow_job(self, project_id: str, job_id: str) -> FlowJob:
        with self.store.transaction() as conn:
            return _require_job(conn, self.scope, project_id, job_id)

    def modify_flow_job(
        self,
        project_id: str,
        job_id: str,
        *,
        name: str | None = None,
        **changes: Unpack[JobFields],
    ) -> FlowJob:
        """Apply ``changes`` (absent = unchanged, ``None`` = cleared) and an optional rename."""
        if name == "":
            raise invalid_parameter("Name", name, "a job name cannot be empty")
        changes = _normalised(changes)
        check_job_fields(changes)
        with self.store.transaction() as conn:
            job = _require_job(conn, self.scope, project_id, job_id)
            if changes.get("cluster_id"):
                require_cluster(conn, self.scope, str(changes["cluster_id"]))
            for key, value in changes.items():
                setattr(job, key, value)
            if name is not None:
                job.name = name
                _check_name_free(conn, job)
            job.gmt_modified = max(now_ms(), job.gmt_modified + 1)
            _update(conn, job)
        return job

    def delete_flow_job(self, project_id: str, job_id: str) -> None:
        with self.store.transaction() as conn:
            _require_job(conn, self.scope, project_id, job_id)
            users = flows_using(conn, project_id, job_id)
            if users:
                flow_id, flow_name = users[0]
                raise FlowApiFailed(
                    f"Flow Job [{job_id}] is used by flow [{flow_name}] ({flow_id}); "
                    "remove it from the flow first"
                )
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def list_flow_job(
        self,
        project_id: str,
        job_id: str | None = None,
        name: str | None = None,
        type: str | None = None,
        adhoc: bool | None = None,
        page_number: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[FlowJob]:
        if type is not None:
            check_job_type(type)
        filters = {"id": job_id, "name": name, "type": type, "adhoc": adhoc}
        where: list[tuple[str, object]] = [("project_id", project_id)]
        where += [(column, value) for column, value in filters.items() if value is not None]
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            return fetch_page(conn, "jobs", where, (page_number, page_size), job_from_row)
