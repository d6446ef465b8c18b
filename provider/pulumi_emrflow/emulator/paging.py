"""Page arguments shared by every List* action."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TypeVar

from .exceptions import FlowApiFailed, invalid_parameter
from .models import Page

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
PAGE_SIZE_LIMIT = 250  # documented: "pageSize should less than 250"


def check_page(page_number: int, page_size: int) -> None:
    """Reject page arguments the service rejects (non-positive, or a size of 250 or more)."""
    if page_number < 1:
        raise invalid_parameter("PageNumber", str(page_number), "must be a positive integer")
    if page_size < 1:
        raise invalid_parameter("PageSize", str(page_size), "must be a positive integer")
    if page_size >= PAGE_SIZE_LIMIT:
        raise FlowApiFailed("Invalid Param[pageSize should less than 250]")


def fetch_page(
    conn: sqlite3.Connection,
    table: str,
    where: Sequence[tuple[str, object]],
    page: tuple[int, int],
    to_model: Callable[[sqlite3.Row], T],
) -> Page[T]:
    """Rows of ``table`` matching every ``column = value`` in ``where``, in creation order."""
    clause = " AND ".join(f"{column} IS ?" for column, _ in where) or "1"
    values = [value for _, value in where]
    query = f"SELECT * FROM {table} WHERE {clause}"
    return page_of(conn, query, values, "rowid", page, to_model)


def page_of(
    conn: sqlite3.Connection,
    query: str,
    values: Sequence[object],
    order: str,
    page: tuple[int, int],
    to_model: Callable[[sqlite3.Row], T],
) -> Page[T]:
    """One page of the rows ``query`` selects, sorted by ``order``, with their total count."""
    page_number, page_size = page
    check_page(page_number, page_size)
    total = conn.execute(f"SELECT COUNT(*) FROM ({query})", values).fetchone()[0]
    rows = conn.execute(
        f"{query} ORDER BY {order} LIMIT ? OFFSET ?",
        [*values, page_size, (page_number - 1) * page_size],
    ).fetchall()
    return Page([to_model(row) for row in rows], page_number, page_size, total)
