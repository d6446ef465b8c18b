"""Handlers of the project cluster-setting actions (emr-flow-api.md 3.19 to 3.23)."""

from __future__ import annotations

from ..backend import EmrFlowBackend
from ..cluster_settings import ClusterSettingChanges
from ..models import ClusterSetting
from ..params import Params
from .common import DONE, Body, listing, page_args

_LISTS = {"UserList": "users", "QueueList": "queues", "HostList": "hosts"}


def _changes(p: Params) -> ClusterSettingChanges:
    """The fields that were sent; lists are replaced as a whole when any entry is present."""
    values: dict[str, object] = {}
    if "DefaultUser" in p:
        values["default_user"] = p.optional("DefaultUser")
    if "DefaultQueue" in p:
        values["default_queue"] = p.optional("DefaultQueue")
    for wire, key in _LISTS.items():
        if p.has_list(wire):
            values[key] = p.string_list(wire)
    return values  # type: ignore[return-value]


def _setting(setting: ClusterSetting) -> Body:
    return {
        "ProjectId": setting.project_id, "ClusterId": setting.cluster_id,
        "DefaultUser": setting.default_user, "DefaultQueue": setting.default_queue,
        "GmtCreate": setting.gmt_create, "GmtModified": setting.gmt_modified,
        "UserList": {"User": setting.users}, "QueueList": {"Queue": setting.queues},
        "HostList": {"Host": setting.hosts},
    }  # fmt: skip


def create_flow_project_cluster_setting(b: EmrFlowBackend, p: Params) -> Body:
    b.create_flow_project_cluster_setting(
        p.required("ProjectId"), p.required("ClusterId"), **_changes(p)
    )
    return DONE


def describe_flow_project_cluster_setting(b: EmrFlowBackend, p: Params) -> Body:
    setting = b.describe_flow_project_cluster_setting(
        p.required("ProjectId"), p.required("ClusterId")
    )
    return _setting(setting)


def modify_flow_project_cluster_setting(b: EmrFlowBackend, p: Params) -> Body:
    b.modify_flow_project_cluster_setting(
        p.required("ProjectId"), p.required("ClusterId"), **_changes(p)
    )
    return DONE


def delete_flow_project_cluster_setting(b: EmrFlowBackend, p: Params) -> Body:
    b.delete_flow_project_cluster_setting(p.required("ProjectId"), p.required("ClusterId"))
    return DONE


def list_flow_project_cluster_setting(b: EmrFlowBackend, p: Params) -> Body:
    page = b.list_flow_project_cluster_setting(p.required("ProjectId"), **page_args(p))
    names = b.cluster_names()
    items = [{**_setting(item), "ClusterName": names.get(item.cluster_id)} for item in page.items]
    return listing(page, "ClusterSettings", "ClusterSetting", items)
