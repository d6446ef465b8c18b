"""Flow projects: the scope that holds jobs, categories and cluster settings.

Assumptions where the API reference is silent:

- Project names need not be unique (nothing documents a uniqueness rule).
- ``DeleteFlowProject`` refuses a project that still holds jobs, cluster settings or categories,
  with ``FLOW_API_FAILED`` ``Project is not empty [<id>]``; there is no cascade.
- A project belongs to the account of the key that created it (echoed as ``UserId``) and to the
  region of the request; from any other account or region it does not exist.
- ``ListFlowProject`` filters ``Name`` by exact match.
"""

from __future__ import annotations

import sqlite3

from .defaults import DEFAULT_ACCOUNT_ID
from .exceptions import FlowApiFailed, invalid_parameter
from .models import FlowProject, Page, Scope, new_id, now_ms
from .paging import DEFAULT_PAGE_SIZE, fetch_page
from .store import Store

EMULATOR_USER_ID = DEFAULT_ACCOUNT_ID  # the name before accounts existed
MAX_PROJECT_NAME = 256
_NOT_EMPTY_TABLES = ("flows", "jobs", "cluster_settings", "categories")


def project_from_row(row: sqlite3.Row) -> FlowProject:
    return FlowProject(**dict(row))


_SELECT_IN_SCOPE = "SELECT * FROM projects WHERE id = ? AND user_id = ? AND region_id = ?"


def _select(conn: sqlite3.Connection, scope: Scope, project_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        _SELECT_IN_SCOPE, (project_id, scope.account_id, scope.region_id)
    ).fetchone()
    return row


def require_project(conn: sqlite3.Connection, scope: Scope, project_id: str) -> FlowProject:
    """The project of that scope, or the documented ``Project does not exist [<id>]`` error.

    Jobs, settings and categories are reached only through this check, so it is what keeps
    them in their project's account and region.
    """
    row = _select(conn, scope, project_id)
    if row is None:
        raise FlowApiFailed(f"Project does not exist [{project_id}]")
    return project_from_row(row)


def _check_name(name: str) -> None:
    if not name:
        raise invalid_parameter("Name", name, "a project name cannot be empty")
    if len(name) > MAX_PROJECT_NAME:
        raise FlowApiFailed("Invalid project name [Project name longer than 256]")


class ProjectsBackend:
    """CreateFlowProject, DescribeFlowProject, ModifyFlowProject, DeleteFlowProject, List."""

    store: Store
    scope: Scope

    def create_flow_project(
        self,
        name: str,
        description: str,
        product_type: str | None = None,
        resource_group_id: str | None = None,
    ) -> FlowProject:
        _check_name(name)
        if product_type not in (None, "", "EMR"):
            raise invalid_parameter("ProductType", product_type, "expected EMR")
        stamp = now_ms()
        project = FlowProject(
            new_id("FP"), name, description, self.scope.account_id,
            product_type or None, resource_group_id or None, stamp, stamp, self.scope.region_id,
        )  # fmt: skip
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO projects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (project.id, project.name, project.description, project.user_id,
                 project.product_type, project.resource_group_id, stamp, stamp,
                 project.region_id),
            )  # fmt: skip
        return project

    def describe_flow_project(self, project_id: str) -> FlowProject:
        with self.store.transaction() as conn:
            return require_project(conn, self.scope, project_id)

    def modify_flow_project(
        self, project_id: str, name: str | None = None, description: str | None = None
    ) -> FlowProject:
        """Change the name and/or description; ``None`` leaves a field as it is."""
        if name is not None:
            _check_name(name)
        with self.store.transaction() as conn:
            row = _select(conn, self.scope, project_id)
            if row is None:
                raise FlowApiFailed("project not exist")  # the documented text for this call
            project = project_from_row(row)
            project.name = project.name if name is None else name
            project.description = project.description if description is None else description
            project.gmt_modified = max(now_ms(), project.gmt_modified + 1)
            conn.execute(
                "UPDATE projects SET name = ?, description = ?, gmt_modified = ? WHERE id = ?",
                (project.name, project.description, project.gmt_modified, project_id),
            )
        return project

    def delete_flow_project(self, project_id: str) -> None:
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            for table in _NOT_EMPTY_TABLES:
                query = f"SELECT 1 FROM {table} WHERE project_id = ? LIMIT 1"
                if conn.execute(query, (project_id,)).fetchone():
                    raise FlowApiFailed(f"Project is not empty [{project_id}]")
            conn.execute("DELETE FROM projects WHERE id = ?", (project_id,))

    def list_flow_project(
        self,
        project_id: str | None = None,
        name: str | None = None,
        product_type: str | None = None,
        resource_group_id: str | None = None,
        page_number: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[FlowProject]:
        filters = {
            "id": project_id,
            "name": name,
            "product_type": product_type,
            "resource_group_id": resource_group_id,
        }
        where: list[tuple[str, object]] = [
            ("user_id", self.scope.account_id),
            ("region_id", self.scope.region_id),
        ]
        where += [(column, value) for column, value in filters.items() if value is not None]
        with self.store.transaction() as conn:
            return fetch_page(conn, "projects", where, (page_number, page_size), project_from_row)
