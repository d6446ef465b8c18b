"""Handlers of the flow-project actions (emr-flow-api.md 3.6 to 3.10)."""

from __future__ import annotations

from ..backend import EmrFlowBackend
from ..models import FlowProject
from ..params import Params
from .common import DONE, Body, listing, page_args


def _project(project: FlowProject) -> Body:
    return {
        "Id": project.id, "Name": project.name, "Description": project.description,
        "UserId": project.user_id, "GmtCreate": project.gmt_create,
        "GmtModified": project.gmt_modified,
    }  # fmt: skip


def create_flow_project(b: EmrFlowBackend, p: Params) -> Body:
    project = b.create_flow_project(
        p.required("Name"), p.required("Description", allow_empty=True),
        p.optional_nonempty("ProductType"), p.optional_nonempty("ResourceGroupId"),
    )  # fmt: skip
    return {"Id": project.id}


def describe_flow_project(b: EmrFlowBackend, p: Params) -> Body:
    return _project(b.describe_flow_project(p.required("ProjectId")))


def modify_flow_project(b: EmrFlowBackend, p: Params) -> Body:
    b.modify_flow_project(p.required("ProjectId"), p.optional("Name"), p.optional("Description"))
    return DONE


def delete_flow_project(b: EmrFlowBackend, p: Params) -> Body:
    b.delete_flow_project(p.required("ProjectId"))
    return DONE


def list_flow_project(b: EmrFlowBackend, p: Params) -> Body:
    page = b.list_flow_project(
        p.optional_nonempty("ProjectId"), p.optional_nonempty("Name"),
        p.optional_nonempty("ProductType"), p.optional_nonempty("ResourceGroupId"), **page_args(p),
    )  # fmt: skip
    return listing(page, "Projects", "Project", [_project(item) for item in page.items])
