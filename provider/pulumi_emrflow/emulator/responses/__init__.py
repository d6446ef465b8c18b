"""The action table: each supported Action name and the handler that answers it."""

from __future__ import annotations

from . import categories, clusters, flows, jobs, projects, settings
from .common import Body, Handler

__all__ = ["ACTIONS", "Body", "Handler"]

ACTIONS: dict[str, Handler] = {
    "CreateFlowJob": jobs.create_flow_job,
    "DescribeFlowJob": jobs.describe_flow_job,
    "ModifyFlowJob": jobs.modify_flow_job,
    "DeleteFlowJob": jobs.delete_flow_job,
    "ListFlowJob": jobs.list_flow_job,
    "CreateFlowProject": projects.create_flow_project,
    "DescribeFlowProject": projects.describe_flow_project,
    "ModifyFlowProject": projects.modify_flow_project,
    "DeleteFlowProject": projects.delete_flow_project,
    "ListFlowProject": projects.list_flow_project,
    "CreateFlowProjectClusterSetting": settings.create_flow_project_cluster_setting,
    "DescribeFlowProjectClusterSetting": settings.describe_flow_project_cluster_setting,
    "ModifyFlowProjectClusterSetting": settings.modify_flow_project_cluster_setting,
    "DeleteFlowProjectClusterSetting": settings.delete_flow_project_cluster_setting,
    "ListFlowProjectClusterSetting": settings.list_flow_project_cluster_setting,
    "CreateFlowCategory": categories.create_flow_category,
    "DescribeFlowCategory": categories.describe_flow_category,
    "ModifyFlowCategory": categories.modify_flow_category,
    "DeleteFlowCategory": categories.delete_flow_category,
    "ListFlowCategory": categories.list_flow_category,
    "CreateFlowForWeb": flows.create_flow_for_web,
    "DescribeFlow": flows.describe_flow,
    "ModifyFlowForWeb": flows.modify_flow_for_web,
    "DeleteFlow": flows.delete_flow,
    "ListFlow": flows.list_flow,
    "DescribeClusterV2": clusters.describe_cluster_v2,
}
