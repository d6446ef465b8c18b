"""Flow categories: the folders of a project's job, flow and ad-hoc trees.

Assumptions where the API reference is silent:

- A category's parent must be a category of the same project (else ``Category does not exist``).
- ``ModifyFlowCategory`` may not move a category under itself or one of its descendants
  (``InvalidParameter`` on ``ParentId``); an empty ``ParentId`` moves it to the root.
- ``DeleteFlowCategory`` refuses a category that holds child categories or jobs, with
  ``FLOW_API_FAILED`` ``Category is not empty [<id>]``.
- Root categories report ``ParentId`` = ``root_parent`` (as in the ListFlowCategory sample).
"""

from __future__ import annotations

import sqlite3

from .exceptions import FlowApiFailed, invalid_parameter
from .models import FlowCategory, Page, Scope, new_id, now_ms
from .paging import DEFAULT_PAGE_SIZE, fetch_page
from .projects import require_project
from .store import Store

CATEGORY_TYPES = ("FLOW", "JOB", "ADHOC")


def category_from_row(row: sqlite3.Row) -> FlowCategory:
    return FlowCategory(**dict(row))


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
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            return require_category(conn, project_id, category_id)

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
        """Categories of a project; ``root=True`` keeps only top-level ones."""
        where: list[tuple[str, object]] = [("project_id", project_id)]
        if parent_id:
            where.append(("parent_id", parent_id))
        elif root:
            where.append(("parent_id", None))
        with self.store.transaction() as conn:
            require_project(conn, self.scope, project_id)
            return fetch_page(
                conn, "categories", where, (page_number, page_size), category_from_row
            )
