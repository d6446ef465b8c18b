"""Flow categories: the folders of a project's job, flow and ad-hoc trees.

Assumptions where the API reference is silent:

- A category's parent must be a category of the same project (else ``Category does not exist``).
- ``ModifyFlowCategory`` may not move a category under itself or one of its descendants
  (``InvalidParameter`` on ``ParentId``); an empty ``ParentId`` moves it to the root.
- ``DeleteFlowCategory`` refuses a category that holds child categories or jobs, with
  ``FLOW_API_FAILED`` ``Category is not empty [<id>]``.
- Root categories report ``ParentId`` = ``root_parent`` (as in the ListFlowCategory sample).
- FILE nodes (``file_nodes``, on by default): the official models give category listings
  ``ObjectId``/``ObjectType`` and ``CategoryType`` FILE or FOLDER, so the service likely lists the
  jobs of a folder as FILE nodes next to its sub-folders. The emulator does: every job appears
  in ListFlowCategory under its folder (at the root when it has none), after the folders, as
  ``CategoryType=FILE``, ``ObjectType=JOB``, ``ObjectId`` = the job id, the job's name and times,
  ``Type`` ``ADHOC`` for an ad-hoc job and ``JOB`` otherwise, and an id of its own derived from
  the job's (``FC-`` and the job id's 16 hex digits), which DescribeFlowCategory answers too.
  Only folders can be modified or deleted (a FILE node's id is ``Category does not exist``
  there), and only folders can be parents.
"""

from __future__ import annotations

import sqlite3

from .exceptions import FlowApiFailed, invalid_parameter
from .models import FlowCategory, Page, Scope, new_id, now_ms
from .paging import DEFAULT_PAGE_SIZE, page_of
from .projects import require_project
from .store import Store

CATEGORY_TYPES = ("FLOW", "JOB", "ADHOC")
_JOB_PREFIX, _CATEGORY_PREFIX = "FJ-", "FC-"
# Folders, then the FILE nodes of jobs, each in creation order. {folders} and {jobs} take the
# filter of each part; parents are compared with IS so that NULL selects the root.
_NODES_SQL = (
    "SELECT id, project_id, name, type, parent_id, gmt_create, gmt_modified, "
    "NULL AS object_id, NULL AS object_type, 0 AS file, rowid AS n FROM categories "
    "WHERE project_id = ?{folders} UNION ALL "
    "SELECT 'FC-' || substr(id, 4), project_id, name, "
    "CASE adhoc WHEN 1 THEN 'ADHOC' ELSE 'JOB' END, parent_category, gmt_create, gmt_modified, "
    "id, 'JOB', 1, rowid FROM jobs "
    "WHERE project_id = ?{jobs}"
)


def category_from_row(row: sqlite3.Row) -> FlowCategory:
    return FlowCategory(**dict(row))


def _node_from_row(row: sqlite3.Row) -> FlowCategory:
    return FlowCategory(*tuple(row)[:9])


def _file_node(conn: sqlite3.Connection, project_id: str, node_id: str) -> FlowCategory | None:
    """The FILE node ``node_id`` of a job of the project, if it names one."""
    if not node_id.startswith(_CATEGORY_PREFIX):
        return None
    job_id = _JOB_PREFIX + node_id.removeprefix(_CATEGORY_PREFIX)
    row = conn.execute(
        _NODES_SQL.format(folders=" AND 0", jobs=" AND id = ?"),
        (project_id, project_id, job_id),
    ).fetchone()
    return None if row is None else _node_from_row(row)


def _page_of_nodes(
    conn: sqlite3.Connection,
    project_id: str,
    parent: tuple[str | None] | None,
    page: tuple[int, int],
    files: bool,
) -> Page[FlowCategory]:
    """Folders and FILE nodes under ``parent`` (``(None,)`` for the root, ``None`` for all)."""
    folders = "" if parent is None else " AND parent_id IS ?"
    jobs = (" AND parent_category IS ?" if parent is not None else "") if files else " AND 0"
    query = _NODES_SQL.format(folders=folders, jobs=jobs)
    values = [project_id, *(parent or ()), project_id]
    values += list(parent or ()) if files else []
    return page_of(conn, query, values, "file, n", page, _node_from_row)


def require_category(conn: sqlite3.Connection, project_id: str, category_id: str) -> FlowCategory:
    """The category of that project, or ``Category does not exist [<id>]``."""
    row = conn.execute(
        "SELECT * FROM categories WHERE id = ? AND project_id = ?", (category_id, project_id)
    ).fetchone()
    if row is None:
        raise FlowApiFailed(f"Category does not exist [{category_id}]")
    return category_from_row(row)


def _ancestors(conn: sqlite3.Connection, project_id: str, category_id: str) -> set[str]:
    """``category_id`` and every category above it."""
    seen: set[str] = set()
    current: str | None = category_id
    while current and current not in seen:
        seen.add(current)
        current = require_category(conn, project_id, current).parent_id
    return seen


class CategoriesBackend:
    """CreateFlowCategory, DescribeFlowCategory, ModifyFlowCategory, DeleteFlowCategory, List."""

    store: Store
    scope: Scope
    file_nodes: bool

    def create_flow_category(
        self, project_id: str, name: str, type: str, parent_id: str | None = None
    ) -> FlowCategory:
        if type not in CATEGORY_TYPES:
            raise invalid_parameter("Type", type, "expected one of FLOW, JOB, ADHOC")
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            if parent_id:
                require_category(conn, project_id, parent_id)
            stamp = now_ms()
            category = FlowCategory(
                new_id("FC"), project_id, name, type, parent_id or None, stamp, stamp
            )
            conn.execute(
                "INSERT INTO categories VALUES (?, ?, ?, ?, ?, ?, ?)",
                (category.id, project_id, name, type, category.parent_id, stamp, stamp),
            )
        return category

    def describe_flow_category(self, project_id: str, category_id: str) -> FlowCategory:
        """A folder, or with ``file_nodes`` the FILE node of a job."""
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            node = _file_node(conn, project_id, category_id) if self.file_nodes else None
            return node or require_category(conn, project_id, category_id)

    def modify_flow_category(
        self,
        project_id: str,
        category_id: str,
        name: str | None = None,
        parent_id: str | None = None,
    ) -> FlowCategory:
        """Rename and/or move; ``None`` leaves a field alone, an empty ``parent_id`` means root."""
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            category = require_category(conn, project_id, category_id)
            if parent_id and category_id in _ancestors(conn, project_id, parent_id):
                raise invalid_parameter("ParentId", parent_id, "a category cannot hold itself")
            if name is not None:
                category.name = name
            if parent_id is not None:
                category.parent_id = parent_id or None
            category.gmt_modified = max(now_ms(), category.gmt_modified + 1)
            conn.execute(
                "UPDATE categories SET name = ?, parent_id = ?, gmt_modified = ? WHERE id = ?",
                (category.name, category.parent_id, category.gmt_modified, category_id),
            )
        return category

    def delete_flow_category(self, project_id: str, category_id: str) -> None:
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            require_category(conn, project_id, category_id)
            child = conn.execute(
                "SELECT 1 FROM categories WHERE parent_id = ? LIMIT 1", (category_id,)
            ).fetchone()
            job = conn.execute(
                "SELECT 1 FROM jobs WHERE parent_category = ? LIMIT 1", (category_id,)
            ).fetchone()
            if child or job:
                raise FlowApiFailed(f"Category is not empty [{category_id}]")
            conn.execute("DELETE FROM categories WHERE id = ?", (category_id,))

    def list_flow_category(
        self,
        project_id: str,
        parent_id: str | None = None,
        root: bool | None = None,
        page_number: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[FlowCategory]:
        """Nodes of a project's trees: folders, then (with ``file_nodes``) the jobs' FILE nodes;
        ``parent_id`` keeps one folder's children, ``root=True`` the top-level ones."""
        parent: tuple[str | None] | None = None
        if parent_id:
            parent = (parent_id,)
        elif root:
            parent = (None,)
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            return _page_of_nodes(
                conn, project_id, parent, (page_number, page_size), self.file_nodes
            )
