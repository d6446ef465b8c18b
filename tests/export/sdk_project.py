"""A project made with the OFFICIAL SDK (aliyun-python-sdk-emr 3.3.4), not this project's client:
3 levels of folders, 2 cluster bindings and jobs of every type, every job field set in some job
(password variables, resources, every conf, unicode and quotes in names and params)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import RpcRequest
from aliyunsdkemr.request.v20160408 import (
    CreateFlowCategoryRequest,
    CreateFlowForWebRequest,
    CreateFlowJobRequest,
    CreateFlowProjectClusterSettingRequest,
    CreateFlowProjectRequest,
)

from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.specs.flow_job import JOB_TYPES

SECOND_CLUSTER = "C-0FEDCBA987654321"


class Sdk:
    def __init__(self, emu: Emulator) -> None:
        self.client = AcsClient(emu.access_key_id, emu.access_key_secret, emu.region)
        self.netloc = emu.endpoint.removeprefix("http://")

    def __call__(self, request: RpcRequest, **setters: Any) -> dict[str, Any]:
        for name, value in setters.items():
            getattr(request, f"set_{name}")(value)
        request.set_endpoint(self.netloc)
        request.set_protocol_type("http")
        result: dict[str, Any] = json.loads(self.client.do_action_with_exception(request))
        return result


@dataclass
class Made:
    project_id: str
    folders: dict[str, str] = field(default_factory=dict)
    """Folder name -> id."""
    jobs: dict[str, str] = field(default_factory=dict)
    """Job name -> id."""
    passwords: dict[tuple[str, str], str] = field(default_factory=dict)
    """(job id, variable name) -> the secret value."""
    ids: set[str] = field(default_factory=set)
    flows: dict[str, str] = field(default_factory=dict)
    """Flow name -> id."""


def _job_fields(i: int, project_id: str, folder: str | None) -> tuple[dict[str, Any], str | None]:
    kind = JOB_TYPES[i % len(JOB_TYPES)]
    name = f"job {i:03d} «数据» \"q\" 'x'" if i % 7 == 0 else f"job_{i:03d}"
    fields: dict[str, Any] = {
        "ProjectId": project_id,
        "Name": name,
        "Type": kind,
        "Description": f"descr {i} — naïve “quoted”" if i % 5 == 0 else f"job {i}",
    }
    password = None
    if folder:
        fields["ParentCategory"] = folder
    if i % 3 == 0:
        fields["Params"] = f"echo 'hello {i}' && echo \"数据\"\n" + "x " * (i % 90) + "\tend\\n"
    if i % 4 == 0:
        run_conf = {"priority": 1, "userName": "hadoop", "memory": 1024 + i, "cores": 1}
        fields["RunConf"] = json.dumps(run_conf)
    if i % 6 == 0:
        fields["EnvConf"] = json.dumps({"JAVA_HOME": "/usr/lib/jvm", "LANG": "zh_CN.UTF-8"})
    if i % 8 == 0:
        fields["ParamConf"] = json.dumps({"date": "${yyyy-MM-dd}", "db_secret": f"s3cr3t-{i}"})
    if i % 10 == 0:
        password = f"pa'ss\"{i}!"
        variables = [
            {"name": "db_password", "value": password, "properties": {"password": True}},
            {"name": "day", "value": "${yyyy-MM-dd}"},
        ]
        fields["CustomVariables"] = json.dumps(
            {"scope": "PROJECT", "entityId": project_id, "variables": variables}
        )
    if i % 11 == 0:
        fields["ResourceLists"] = [
            {"Path": f"oss://bucket/app-{i}.jar", "Alias": f"app-{i}.jar"},
            {"Path": "hdfs:///shared/lib.zip"},
        ]
    if kind == "SPARK_STREAMING":
        fields["MonitorConf"] = json.dumps({"inputRateThreshold": 10, "on": True})
    if i % 12 == 0:
        fields["AlertConf"] = json.dumps({"notify": ["ops"], "level": "high"})
    if i % 13 == 0:
        fields.update(FailAct="STOP", MaxRetry=3, RetryInterval=120, RetryPolicy="fixed")
        fields["MaxRunningTimeSec"] = 3600
    if i % 14 == 0:
        fields["Mode"] = "LOCAL" if i % 28 else "YARN"
    if i % 15 == 0:
        fields["ClusterId"] = DEFAULT_CLUSTER_ID
    if i % 17 == 0 and kind in ("HIVE_SQL", "SPARK_SQL", "SHELL"):
        fields["Adhoc"] = True
    return fields, password


def make_project(emu: Emulator, jobs: int = 300) -> Made:
    sdk = Sdk(emu)
    project_id = sdk(
        CreateFlowProjectRequest.CreateFlowProjectRequest(),
        Name="数据 ETL «prod»",
        Description='Nightly "ETL" — exported',
    )["Id"]
    made = Made(project_id, ids={project_id})
    for cluster, users in ((DEFAULT_CLUSTER_ID, ["hadoop", "etl"]), (SECOND_CLUSTER, ["spark"])):
        sdk(
            CreateFlowProjectClusterSettingRequest.CreateFlowProjectClusterSettingRequest(),
            ProjectId=project_id,
            ClusterId=cluster,
            UserLists=users,
            QueueLists=["default", "etl"],
            HostLists=["emr-header-1"],
            DefaultUser=users[0],
            DefaultQueue="etl",
        )
        made.ids.add(f"{project_id}:{cluster}")
    parent = None
    for level, name in enumerate(("jobs", "daily «日»", "deep")):
        setters = {"ProjectId": project_id, "Name": name, "Type": "JOB"}
        if parent:
            setters["ParentId"] = parent
        parent = sdk(CreateFlowCategoryRequest.CreateFlowCategoryRequest(), **setters)["Id"]
        made.folders[name] = parent
        if level == 0:  # a sibling tree of another type
            flows = sdk(
                CreateFlowCategoryRequest.CreateFlowCategoryRequest(),
                ProjectId=project_id,
                Name="flows",
                Type="FLOW",
            )["Id"]
            made.folders["flows"] = flows
    made.ids.update(made.folders.values())
    folders = [None, *made.folders.values()]
    folders.remove(made.folders["flows"])
    for i in range(jobs):
        fields, password = _job_fields(i, project_id, folders[i % len(folders)])
        job_id = sdk(CreateFlowJobRequest.CreateFlowJobRequest(), **fields)["Id"]
        made.jobs[fields["Name"]] = job_id
        made.ids.add(job_id)
        if password:
            made.passwords[job_id, "db_password"] = password
        if "ParamConf" in fields:
            made.passwords[job_id, "db_secret"] = json.loads(fields["ParamConf"])["db_secret"]
    _make_flows(sdk, made)
    return made


def console_graph(edges: list[tuple[str, str]], types: dict[str, str]) -> str:
    """A Graph as the console draws it: its own node ids and positions, START and END nodes,
    and edges between node ids (emr-flow-api.md 4.1)."""
    jobs = sorted({j for edge in edges for j in edge} | set(types))
    node_id = {job: f"node-{i:03d}" for i, job in enumerate(jobs, start=7)}
    nodes: list[dict[str, Any]] = [
        {"id": "start-1", "index": 0, "type": "node", "x": 300, "y": 40, "size": "80*34",
         "shape": "flow-node", "label": "Start", "attribute": {"type": "START"}},
        {"id": "end-1", "index": 1, "type": "node", "x": 300, "y": 400, "size": "80*34",
         "shape": "flow-node", "label": "End", "attribute": {"type": "END"}},
    ]  # fmt: skip
    for i, job in enumerate(jobs, start=2):
        nodes.append(
            {"id": node_id[job], "index": i, "type": "node", "x": 100 * i, "y": 50 * i,
             "size": "170*34", "shape": "flow-node", "label": job,
             "attribute": {"type": "JOB", "jobId": job, "jobType": types[job]}}
        )  # fmt: skip
    waits = {target for _, target in edges}
    waited = {source for source, _ in edges}
    pairs = [("start-1", node_id[j]) for j in jobs if j not in waits]
    pairs += [(node_id[a], node_id[b]) for a, b in edges]
    pairs += [(node_id[j], "end-1") for j in jobs if j not in waited]
    links = [
        {"id": f"edge-{i}", "index": i, "source": a, "target": b, "sourceAnchor": 1,
         "targetAnchor": 0}
        for i, (a, b) in enumerate(pairs)
    ]  # fmt: skip
    return json.dumps({"nodes": nodes, "edges": links})


def _make_flows(sdk: Sdk, made: Made) -> None:
    """Two flows over the first jobs, drawn as the console would: a fan-out/fan-in DAG on a
    daily schedule, and a single job run by hand."""
    names = sorted(made.jobs)[:4]
    if len(names) < 4:
        return
    a, b, c, d = (made.jobs[n] for n in names)
    types = {job: JOB_TYPES[i % len(JOB_TYPES)] for i, job in enumerate((a, b, c, d))}
    graphs = {
        "nightly «fan»": (console_graph([(a, b), (a, c), (b, d), (c, d)], types), {
            "CronExpr": "0 30 2 * * ?", "StartSchedule": "1795000000000",
            "ParentCategory": made.folders["flows"],
        }),
        "by hand": (console_graph([], {a: types[a]}), {}),
    }  # fmt: skip
    for name, (graph, extra) in graphs.items():
        flow_id = sdk(
            CreateFlowForWebRequest.CreateFlowForWebRequest(),
            ProjectId=made.project_id,
            Name=name,
            Description=f"the {name} flow",
            ClusterId=DEFAULT_CLUSTER_ID,
            CreateCluster=False,
            Graph=graph,
            **extra,
        )["Id"]
        made.flows[name] = flow_id
        made.ids.add(flow_id)
