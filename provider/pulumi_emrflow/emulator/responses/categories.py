"""Handlers of the flow-category actions (emr-flow-api.md 3.11 to 3.13)."""

from __future__ import annotations

from ..backend import EmrFlowBackend
from ..models import FlowCategory
from ..params import Params
from .common import DONE, Body, listing, page_args

ROOT_PARENT = "root_parent"  # what the service reports as a top-level category's ParentId


def _category(category: FlowCategory) -> Body:
    return {
        "Id": category.id, "Name": category.name, "ParentId": category.parent_id or ROOT_PARENT,
        "ProjectId": category.project_id, "Type": category.type,
        "CategoryType": "FOLDER" if category.object_id is None else "FILE",
        "ObjectId": category.object_id, "ObjectType": category.object_type,
        "GmtCreate": category.gmt_create, "GmtModified": category.gmt_modified,
    }  # fmt: skip


def _parent(p: Params) -> str | None:
    """``ParentId``, where ``root_parent`` (as echoed by the service) also means the root."""
    value = p.optional("ParentId")
    return "" if value == ROOT_PARENT else value


def create_flow_category(b: EmrFlowBackend, p: Params) -> Body:
    category = b.create_flow_category(
        p.required("ProjectId"), p.required("Name"), p.required("Type"), _parent(p) or None
    )
    return {"Id": category.id}


def describe_flow_category(b: EmrFlowBackend, p: Params) -> Body:
    return _category(b.describe_flow_category(p.required("ProjectId"), p.required("Id")))


def modify_flow_category(b: EmrFlowBackend, p: Params) -> Body:
    name = p.optional_nonempty("Name")
    b.modify_flow_category(p.required("ProjectId"), p.required("Id"), name, _parent(p))
    return DONE


def delete_flow_category(b: EmrFlowBackend, p: Params) -> Body:
    b.delete_flow_category(p.required("ProjectId"), p.required("Id"))
    return DONE


def list_flow_category(b: EmrFlowBackend, p: Params) -> Body:
    parent = _parent(p)
    page = b.list_flow_category(
        p.required("ProjectId"), parent or None,
        True if parent == "" else p.optional_bool("Root"), **page_args(p),
    )  # fmt: skip
    return listing(page, "Categories", "Category", [_category(c) for c in page.items])
