"""Flows: scheduled DAGs of a project's jobs (emr-flow-api.md 3.14 to 3.18 and 4.1).

Rules from the reference: a flow's name is unique within its project (``Flow name already
exists: [<name>]``), at most 64 characters; an unknown flow is ``Flow does not exist [<id>]``;
``StartSchedule`` must be before ``EndSchedule`` and is required when ``CronExpr`` is set;
``ClusterId`` is a cluster (``C-...``), or a cluster template (``CT-...``) when
``CreateCluster`` is true; ``Status`` is ``STOP_SCHEDULE`` or ``UNDER_SCHEDULE``. ``Graph`` and
``AlertConf`` are stored verbatim and echoed unchanged.

Assumptions where the reference is silent:

- Every JOB node of the Graph names a job of the flow's project (``Flow Job does not exist
  [<id>]``); the Graph must be JSON with ``nodes`` and ``edges`` lists.
- A new flow is ``STOP_SCHEDULE``: Create takes no ``Status``, a Modify turns the schedule on.
- A job that a flow's Graph holds cannot be deleted: ``Flow Job [<id>] is used by flow
  [<name>] (<flow id>)`` (jobs.py asks ``flows_using``). Deleting a scheduled flow is allowed.
- A project that holds flows is not empty (``Project is not empty``).
- Modify: a field left out is unchanged, an empty string clears an optional one.
- ``ListFlow`` without ``ProjectId`` lists the flows of every project of the caller's scope;
  ``Name`` filters by exact match, ``JobId`` keeps the flows whose Graph holds that job.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from .categories import require_category
from .clusters import require_cluster
from .exceptions import FlowApiFailed, invalid_parameter
from .models import Page, Scope, new_id, now_ms
from .paging import DEFAULT_PAGE_SIZE, page_of
from .projects import require_project
from .store import Store

MAX_FLOW_NAME = 64
STATUSES = ("STOP_SCHEDULE", "UNDER_SCHEDULE")
TEXT_FIELDS = (
    "description", "cluster_id", "cron_expr", "host_name", "parent_category", "alert_conf",
    "graph", "namespace", "lifecycle", "log_archive_location", "parent_flow_list",
    "alert_user_group_biz_id", "alert_ding_ding_group_biz_id",
)  # fmt: skip
"""Optional text fields Create and Modify take (stored verbatim)."""


@dataclass
class Flow:
    id: str
    project_id: str
    name: str
    gmt_create: int
    gmt_modified: int
    description: str | None = None
    cluster_id: str | None = None
    create_cluster: bool = False
    cron_expr: str | None = None
    start_schedule: int | None = None
    end_schedule: int | None = None
    host_name: str | None = None
    parent_category: str | None = None
    alert_conf: str | None = None
    graph: str | None = None
    status: str = "STOP_SCHEDULE"
    namespace: str | None = None
    lifecycle: str | None = None
    log_archive_location: str | None = None
    parent_flow_list: str | None = None
    alert_user_group_biz_id: str | None = None
    alert_ding_ding_group_biz_id: str | None = None
    job_ids: list[str] = field(default_factory=list)

    @property
    def periodic(self) -> bool:
        return bool(self.cron_expr)


_KEYS = ("id", "project_id", "name", "gmt_create", "gmt_modified")


def flow_from_row(row: sqlite3.Row) -> Flow:
    return Flow(**{key: row[key] for key in _KEYS}, **json.loads(row["data"]))


def _save(conn: sqlite3.Connection, flow: Flow, *, new: bool) -> None:
    values = asdict(flow)
    data = json.dumps({k: v for k, v in values.items() if k not in _KEYS})
    jobs = json.dumps(flow.job_ids)
    if new:
        conn.execute(
            "INSERT INTO flows (id, project_id, name, gmt_create, gmt_modified, job_ids, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (flow.id, flow.project_id, flow.name, flow.gmt_create, flow.gmt_modified, jobs, data),
        )
    else:  # an UPDATE keeps the rowid and so the flow's place in listings
        conn.execute(
            "UPDATE flows SET name = ?, gmt_modified = ?, job_ids = ?, data = ? WHERE id = ?",
            (flow.name, flow.gmt_modified, jobs, data, flow.id),
        )


def graph_jobs(graph: str | None) -> list[str]:
    """The job ids of a Graph's JOB nodes; InvalidParameter for a Graph of another shape."""
    if not graph:
        return []
    try:
        parsed = json.loads(graph)
    except ValueError:
        raise invalid_parameter("Graph", graph, "expected JSON text") from None
    nodes = parsed.get("nodes") if isinstance(parsed, dict) else None
    if not isinstance(nodes, list) or not isinstance(parsed.get("edges"), list):
        raise invalid_parameter("Graph", graph, "expected an object with nodes and edges lists")
    jobs: list[str] = []
    for node in nodes:
        attribute = node.get("attribute") if isinstance(node, dict) else None
        if isinstance(attribute, dict) and attribute.get("type") == "JOB":
            job_id = attribute.get("jobId")
            if not isinstance(job_id, str) or not job_id:
                raise invalid_parameter("Graph", graph, "a JOB node needs attribute.jobId")
            jobs.append(job_id)
    return jobs


def flows_using(conn: sqlite3.Connection, project_id: str, job_id: str) -> list[tuple[str, str]]:
    """(id, name) of the project's flows whose Graph holds ``job_id``."""
    rows = conn.execute(
        "SELECT id, name, job_ids FROM flows WHERE project_id = ? AND job_ids LIKE ?",
        (project_id, f'%"{job_id}"%'),
    ).fetchall()
    return [(row["id"], row["name"]) for row in rows if job_id in json.loads(row["job_ids"])]


def _check(conn: sqlite3.Connection, scope: Scope, flow: Flow) -> None:
    """Every rule a flow must satisfy after a Create or a Modify."""
    if not flow.name:
        raise invalid_parameter("Name", flow.name, "a flow name cannot be empty")
    if len(flow.name) > MAX_FLOW_NAME:
        raise invalid_parameter("Name", flow.name, f"at most {MAX_FLOW_NAME} characters")
    if flow.status not in STATUSES:
        raise invalid_parameter("Status", flow.status, f"expected one of {', '.join(STATUSES)}")
    if flow.cron_expr and flow.start_schedule is None:
        raise invalid_parameter("StartSchedule", "", "required when CronExpr is set")
    if (
        flow.start_schedule is not None
        and flow.end_schedule is not None
        and flow.start_schedule >= flow.end_schedule
    ):
        raise invalid_parameter(
            "EndSchedule", str(flow.end_schedule), "must be later than StartSchedule"
        )
    if not flow.cluster_id:
        raise invalid_parameter("ClusterId", "", "a flow needs a cluster or a cluster template")
    if flow.create_cluster:
        if not flow.cluster_id.startswith("CT-"):
            raise invalid_parameter(
                "ClusterId", flow.cluster_id, "with CreateCluster, a cluster template (CT-...)"
            )
    else:
        require_cluster(conn, scope, flow.cluster_id)
    if flow.parent_category:
        require_category(conn, flow.project_id, flow.parent_category)
    flow.job_ids = graph_jobs(flow.graph)
    for job_id in flow.job_ids:
        known = conn.execute(
            "SELECT 1 FROM jobs WHERE id = ? AND project_id = ?", (job_id, flow.project_id)
        ).fetchone()
        if known is None:
            raise FlowApiFailed(f"Flow Job does not exist [{job_id}]")
    clash = conn.execute(
        "SELECT 1 FROM flows WHERE project_id = ? AND name = ? AND id != ?",
        (flow.project_id, flow.name, flow.id),
    ).fetchone()
    if clash:
        raise FlowApiFailed(f"Flow name already exists: [{flow.name}]")


def _require_flow(conn: sqlite3.Connection, scope: Scope, project_id: str, flow_id: str) -> Flow:
    require_project(conn, scope, project_id)
    row = conn.execute(
        "SELECT * FROM flows WHERE id = ? AND project_id = ?", (flow_id, project_id)
    ).fetchone()
    if row is None:
        raise FlowApiFailed(f"Flow does not exist [{flow_id}]")
    return flow_from_row(row)


class FlowsBackend:
    """CreateFlowForWeb, DescribeFlow, ModifyFlowForWeb, DeleteFlow, ListFlow."""

    store: Store
    scope: Scope

    def create_flow_for_web(self, project_id: str, name: str, **values: Any) -> Flow:
        """``values``: the optional fields (``TEXT_FIELDS``, ``create_cluster``, the two
        schedule instants); "" and None are unset."""
        stamp = now_ms()
        flow = Flow(new_id("F"), project_id, name, stamp, stamp)
        for key, value in values.items():
            setattr(flow, key, None if value == "" else value)
        flow.create_cluster = bool(flow.create_cluster)
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            _check(conn, self.scope, flow)
            _save(conn, flow, new=True)
        return flow

    def describe_flow(self, project_id: str, flow_id: str) -> Flow:
        with self.store.transaction() as conn:
            return _require_flow(conn, self.scope, project_id, flow_id)

    def modify_flow_for_web(self, project_id: str, flow_id: str, **changes: Any) -> Flow:
        """Apply ``changes`` (absent = unchanged; "" or None = cleared, for optional fields)."""
        with self.store.transaction() as conn:
            flow = _require_flow(conn, self.scope, project_id, flow_id)
            for key, value in changes.items():
                if key == "name" and value is None:
                    continue
                if key == "status":
                    value = value or "STOP_SCHEDULE"
                setattr(flow, key, None if value == "" else value)
            flow.create_cluster = bool(flow.create_cluster)
            _check(conn, self.scope, flow)
            flow.gmt_modified = max(now_ms(), flow.gmt_modified + 1)
            _save(conn, flow, new=False)
        return flow

    def delete_flow(self, project_id: str, flow_id: str) -> None:
        with self.store.transaction() as conn:
            _require_flow(conn, self.scope, project_id, flow_id)
            conn.execute("DELETE FROM flows WHERE id = ?", (flow_id,))

    def list_flow(
        self,
        project_id: str | None = None,
        *,
        flow_id: str | None = None,
        name: str | None = None,
        job_id: str | None = None,
        cluster_id: str | None = None,
        status: str | None = None,
        periodic: bool | None = None,
        page_number: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[Flow]:
        if status is not None and status not in STATUSES:
            raise invalid_parameter("Status", status, f"expected one of {', '.join(STATUSES)}")
        query = (
            "SELECT flows.* FROM flows JOIN projects ON projects.id = flows.project_id "
            "WHERE projects.user_id = ? AND projects.region_id = ?"
        )
        values: list[object] = [self.scope.account_id, self.scope.region_id]
        for column, value in (("flows.project_id", project_id), ("flows.id", flow_id)):
            if value is not None:
                query += f" AND {column} = ?"
                values.append(value)
        if name is not None:
            query += " AND flows.name = ?"
            values.append(name)
        with self.store.transaction() as conn:
            if project_id is not None:
                require_project(conn, self.scope, project_id)
            rows = [flow_from_row(r) for r in conn.execute(query, values).fetchall()]
            wanted = {
                f.id
                for f in rows
                if (job_id is None or job_id in f.job_ids)
                and (cluster_id is None or f.cluster_id == cluster_id)
                and (status is None or f.status == status)
                and (periodic is None or f.periodic == periodic)
            }
            ids = sorted(wanted)
            placeholders = ", ".join("?" for _ in ids) or "NULL"
            return page_of(
                conn,
                f"SELECT * FROM flows WHERE id IN ({placeholders})",
                ids,
                "rowid",
                (page_number, page_size),
                flow_from_row,
            )
