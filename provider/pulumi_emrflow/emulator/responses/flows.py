"""Handlers of the flow actions (emr-flow-api.md 3.14 to 3.18)."""

from __future__ import annotations

from typing import Any

from ..backend import EmrFlowBackend
from ..exceptions import invalid_parameter
from ..flows import Flow
from ..params import Params
from .common import DONE, Body, listing, page_args

# Wire name -> Flow attribute, for the optional text fields Create and Modify share.
_TEXT = {
    "Description": "description", "ClusterId": "cluster_id", "CronExpr": "cron_expr",
    "HostName": "host_name", "ParentCategory": "parent_category", "AlertConf": "alert_conf",
    "Graph": "graph", "Namespace": "namespace", "Lifecycle": "lifecycle",
    "LogArchiveLocation": "log_archive_location", "ParentFlowList": "parent_flow_list",
    "AlertUserGroupBizId": "alert_user_group_biz_id",
    "AlertDingDingGroupBizId": "alert_ding_ding_group_biz_id",
}  # fmt: skip


def _fields(p: Params) -> dict[str, Any]:
    """The optional fields that were sent (absent ones are left out, not set to None)."""
    values: dict[str, Any] = {key: p.optional(wire) for wire, key in _TEXT.items() if wire in p}
    for wire, key in (("StartSchedule", "start_schedule"), ("EndSchedule", "end_schedule")):
        if wire in p:
            values[key] = p.optional_int(wire)
    if "CreateCluster" in p:
        values["create_cluster"] = bool(p.optional_bool("CreateCluster"))
    return values


def _flow_common(flow: Flow) -> Body:
    return {
        "Id": flow.id, "Name": flow.name, "Description": flow.description, "Type": "EMR",
        "Status": flow.status, "Periodic": flow.periodic, "CronExpr": flow.cron_expr,
        "StartSchedule": flow.start_schedule, "EndSchedule": flow.end_schedule,
        "CreateCluster": flow.create_cluster, "ClusterId": flow.cluster_id,
        "HostName": flow.host_name, "Graph": flow.graph, "CategoryId": flow.parent_category,
        "AlertConf": flow.alert_conf, "AlertUserGroupBizId": flow.alert_user_group_biz_id,
        "AlertDingDingGroupBizId": flow.alert_ding_ding_group_biz_id,
        "GmtCreate": flow.gmt_create, "GmtModified": flow.gmt_modified,
    }  # fmt: skip


def _flow_detail(flow: Flow) -> Body:
    """DescribeFlow's fields: no ProjectId (emr-flow-api 3.15)."""
    return {
        **_flow_common(flow),
        "Namespace": flow.namespace,
        "Lifecycle": flow.lifecycle,
        "LogArchiveLocation": flow.log_archive_location,
        "Application": None,
        "EditLockDetail": None,
        "ParentFlowList": {"ParentFlow": []},
    }


def create_flow_for_web(b: EmrFlowBackend, p: Params) -> Body:
    p.required("Description", allow_empty=True)
    p.required("ClusterId")
    flow = b.create_flow_for_web(p.required("ProjectId"), p.required("Name"), **_fields(p))
    return {"Id": flow.id}


def describe_flow(b: EmrFlowBackend, p: Params) -> Body:
    return _flow_detail(b.describe_flow(p.required("ProjectId"), p.required("Id")))


def modify_flow_for_web(b: EmrFlowBackend, p: Params) -> Body:
    changes = _fields(p)
    if "Name" in p:
        changes["name"] = p.optional_nonempty("Name")
        if changes["name"] is None:
            raise invalid_parameter("Name", "", "a flow name cannot be empty")
    if "Status" in p:
        changes["status"] = p.optional("Status")
    p.optional_bool("Periodic")  # taken, and follows CronExpr here
    b.modify_flow_for_web(p.required("ProjectId"), p.required("Id"), **changes)
    return DONE


def delete_flow(b: EmrFlowBackend, p: Params) -> Body:
    b.delete_flow(p.required("ProjectId"), p.required("Id"))
    return DONE


def list_flow(b: EmrFlowBackend, p: Params) -> Body:
    page = b.list_flow(
        p.optional_nonempty("ProjectId"), flow_id=p.optional_nonempty("Id"),
        name=p.optional_nonempty("Name"), job_id=p.optional_nonempty("JobId"),
        cluster_id=p.optional_nonempty("ClusterId"), status=p.optional_nonempty("Status"),
        periodic=p.optional_bool("Periodic"), **page_args(p),
    )  # fmt: skip
    items = [{**_flow_common(f), "ProjectId": f.project_id} for f in page.items]
    return listing(page, "Flow", "Flow", items)
