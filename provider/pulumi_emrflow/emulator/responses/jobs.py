"""Handlers of the flow-job actions (emr-flow-api.md 3.1 to 3.5)."""

from __future__ import annotations

from ..backend import EmrFlowBackend
from ..exceptions import invalid_parameter
from ..jobs import JobFields
from ..models import FlowJob
from ..params import Params
from .common import DONE, Body, listing, page_args

# Wire name -> (JobFields key, is integer), for the optional fields Create and Modify share.
_JOB_FIELDS = {
    "Description": ("description", False),
    "FailAct": ("fail_act", False),
    "MaxRetry": ("max_retry", True),
    "RetryPolicy": ("retry_policy", False),
    "MaxRunningTimeSec": ("max_running_time_sec", True),
    "RetryInterval": ("retry_interval", True),
    "Params": ("params", False),
    "ParamConf": ("param_conf", False),
    "CustomVariables": ("custom_variables", False),
    "EnvConf": ("env_conf", False),
    "RunConf": ("run_conf", False),
    "MonitorConf": ("monitor_conf", False),
    "Mode": ("mode", False),
    "ClusterId": ("cluster_id", False),
    "AlertConf": ("alert_conf", False),
}
_NOT_MODIFIABLE = ("Type", "Adhoc", "ParentCategory")


def _job_fields(p: Params) -> JobFields:
    """The optional job fields that were sent (absent ones are left out, not set to None)."""
    values: dict[str, object] = {}
    for wire, (key, is_int) in _JOB_FIELDS.items():
        if wire in p:
            values[key] = p.optional_int(wire) if is_int else p.optional(wire)
    if p.has_list("ResourceList"):
        values["resources"] = p.resource_list()
    return values  # type: ignore[return-value]


def _job_common(job: FlowJob) -> Body:
    resources = [{"Path": r.path, "Alias": r.alias} for r in job.resources]
    return {
        "Id": job.id, "Name": job.name, "Type": job.type, "Description": job.description,
        "FailAct": job.fail_act, "Adhoc": "true" if job.adhoc else "false",
        "CategoryId": job.parent_category, "mode": job.mode,
        "GmtCreate": job.gmt_create, "GmtModified": job.gmt_modified,
        "MaxRetry": job.max_retry, "RetryInterval": job.retry_interval,
        "Params": job.params, "ParamConf": job.param_conf,
        "CustomVariables": job.custom_variables, "EnvConf": job.env_conf,
        "RunConf": job.run_conf, "MonitorConf": job.monitor_conf, "AlertConf": job.alert_conf,
        "ResourceList": {"Resource": resources},
    }  # fmt: skip


def _job_detail(job: FlowJob) -> Body:
    """DescribeFlowJob's fields: no ClusterId, ProjectId or ParentCategory (emr-flow-api 3.2)."""
    body = _job_common(job)
    body.update(
        MaxRunningTimeSec=job.max_running_time_sec,
        RetryPolicy=job.retry_policy,
        LastInstanceId=job.last_instance_id,
    )
    return body


def create_flow_job(b: EmrFlowBackend, p: Params) -> Body:
    fields = _job_fields(p)
    p.required("Description", allow_empty=True)
    job = b.create_flow_job(
        p.required("ProjectId"), p.required("Name"), p.required("Type"),
        adhoc=bool(p.optional_bool("Adhoc")),
        parent_category=p.optional_nonempty("ParentCategory"), **fields,
    )  # fmt: skip
    return {"Id": job.id}


def describe_flow_job(b: EmrFlowBackend, p: Params) -> Body:
    return _job_detail(b.describe_flow_job(p.required("ProjectId"), p.required("Id")))


def modify_flow_job(b: EmrFlowBackend, p: Params) -> Body:
    project_id, job_id = p.required("ProjectId"), p.required("Id")
    for name in _NOT_MODIFIABLE:
        if name in p:
            raise invalid_parameter(name, p.required(name, allow_empty=True), "cannot be modified")
    b.modify_flow_job(project_id, job_id, name=p.optional("Name"), **_job_fields(p))
    return DONE


def delete_flow_job(b: EmrFlowBackend, p: Params) -> Body:
    b.delete_flow_job(p.required("ProjectId"), p.required("Id"))
    return DONE


def list_flow_job(b: EmrFlowBackend, p: Params) -> Body:
    page = b.list_flow_job(
        p.required("ProjectId"), job_id=p.optional_nonempty("Id"),
        name=p.optional_nonempty("Name"), type=p.optional_nonempty("Type"),
        adhoc=p.optional_bool("Adhoc"), **page_args(p),
    )  # fmt: skip
    return listing(page, "JobList", "Job", [_job_common(job) for job in page.items])
