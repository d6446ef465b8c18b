"""Helpers shared by the per-resource response handlers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..backend import EmrFlowBackend
from ..models import Page
from ..paging import DEFAULT_PAGE_SIZE
from ..params import Params

Body = dict[str, Any]
Handler = Callable[[EmrFlowBackend, Params], Body]
DONE: Body = {"Data": True}


def page_args(p: Params) -> dict[str, int]:
    """PageNumber (from 1) and PageSize (default 20) as backend keyword arguments."""
    return {
        "page_number": p.int_or("PageNumber", 1),
        "page_size": p.int_or("PageSize", DEFAULT_PAGE_SIZE),
    }


def listing(page: Page[Any], outer: str, inner: str, items: list[Body]) -> Body:
    """A List* answer: page fields plus the doubly wrapped list."""
    return {
        "PageNumber": page.page_number,
        "PageSize": page.page_size,
        "Total": page.total,
        outer: {inner: items},
    }
