"""FlowJob: one EMR data-development job (CreateFlowJob / DescribeFlowJob / ModifyFlowJob /
DeleteFlowJob / ListFlowJob, emr-flow-api.md 3.1-3.5 and 4)."""

from __future__ import annotations

from pulumi_emrflow.specs.common import PROJECT_GONE, REGION, TIMESTAMPS
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.ids import CLUSTER_ID, FOLDER_ID, JOB_ID, PROJECT_ID
from pulumi_emrflow.specs.json_kinds import CustomVariables, JsonObject, RunConf, StringMap
from pulumi_emrflow.specs.kinds import (
    JAVA_LONG_MAX,
    Boolean,
    Choice,
    Integer,
    Name,
    ResourceList,
    Text,
)
from pulumi_emrflow.specs.list_reads import ListReads
from pulumi_emrflow.specs.resource import ResourceSpec, ServiceMessages
from pulumi_emrflow.specs.shapes import Member, Shape

JOB_TYPES = (
    "MR", "SPARK", "HIVE_SQL", "HIVE", "PIG", "SQOOP", "SPARK_SQL", "SPARK_STREAMING", "SHELL",
)  # fmt: skip
FAIL_ACTS = ("CONTINUE", "STOP")
MODES = ("YARN", "LOCAL")

RESOURCE = Shape(
    "FlowJobResourceArgs",
    "One resource of a job: ``path`` (``oss://...`` or ``hdfs://...``) and an optional alias.",
    (
        Member("path", "str", "``oss://...`` or ``hdfs://...``", required=True),
        Member("alias", "str", "The name the job sees the resource by"),
    ),
)
RUN_CONF = Shape(
    "RunConfArgs",
    "Scheduling parameters: priority, the Linux user that submits, memory (MB), vCPU cores.",
    (
        Member("priority", "int", "The job's priority"),
        Member("user_name", "str", "The Linux user that submits the job"),
        Member("memory", "int", "Memory in MB (> 0)"),
        Member("cores", "int", "vCPU cores (> 0)"),
    ),
)
CUSTOM_VARIABLE = Shape(
    "CustomVariableArgs",
    "A custom variable; ``password=True`` makes it (and the job's custom_variables) secret.",
    (
        Member("name", "str", "The variable's name", required=True),
        Member("value", "str", "Its value", default='""'),
        Member("password", "bool", "True marks the value secret", plain=True, default="False",
               false_is_unset=True),
    ),
)  # fmt: skip

FLOW_JOB = ResourceSpec(
    name="flow_job",
    type_name="FlowJob",
    description="A job of EMR data development: a node that flows run (CreateFlowJob).",
    doc="""``pulumi import`` does not work for dynamic resources (pulumi/pulumi#16175): use
``adopt=True`` to take an existing job over, or ``FlowJob.get(name, id, project_id=...)`` for a
read-only reference.

```python
job = emrflow.FlowJob("nightly", project_id=project.id, name="nightly", type="SHELL",
                      description="nightly export", params="ls -l",
                      run_conf=emrflow.RunConfArgs(user_name="hadoop", memory=2048, cores=1))
```""",
    id_prefix="FJ-",
    create_action="CreateFlowJob",
    describe_action="DescribeFlowJob",
    modify_action="ModifyFlowJob",
    delete_action="DeleteFlowJob",
    list_action="ListFlowJob",
    list_items=("JobList", "Job"),
    # ListFlowJob items carry every field DescribeFlowJob gives but these two (3.2, 3.5).
    list_reads=ListReads(scope=("project_id",), unlisted=("retry_policy", "max_running_time_sec")),
    scope=("project_id",),
    identity=("project_id", "name"),
    messages=ServiceMessages(
        not_found=("Flow Job does not exist", *PROJECT_GONE), conflict="Job name already exists"
    ),
    fields=(
        # DescribeFlowJob does not return ProjectId, ClusterId or ParentCategory: kept from state.
        Field(
            "project_id",
            "ProjectId",
            PROJECT_ID,
            "The ID of the flow project (FP-...) that owns the job",
            required=True,
            replace=True,
            echoed=False,
        ),
        Field(
            "name", "Name", Name(), "The name of the job, unique within the project", required=True
        ),
        Field("description", "Description", Text(), "The description of the job", required=True),
        Field(
            "type", "Type", Choice(*JOB_TYPES), "The type of the job", required=True, replace=True
        ),
        Field(
            "resources",
            "ResourceList",
            ResourceList(("oss://", "hdfs://"), RESOURCE),
            "The resources the job uses, a list of {path, alias}; each path starts with "
            "oss:// or hdfs://. Removing every resource replaces the job (an empty list cannot "
            "be sent)",
        ),
        Field(
            "fail_act",
            "FailAct",
            Choice(*FAIL_ACTS),
            "What a failed node instance does: CONTINUE skips it, STOP stops the workflow instance",
        ),
        Field("max_retry", "MaxRetry", Integer(0, 5), "The maximum number of retries"),
        Field("retry_policy", "RetryPolicy", Text(), "The retry policy (reserved by the service)"),
        Field(
            "max_running_time_sec",
            "MaxRunningTimeSec",
            Integer(0, JAVA_LONG_MAX),
            "The maximum running time in seconds (reserved by the service)",
        ),
        Field("retry_interval", "RetryInterval", Integer(0, 300), "Seconds between retries"),
        Field("params", "Params", Text(), "The content of the job: command line, script or SQL"),
        Field(
            "param_conf",
            "ParamConf",
            StringMap(),
            "Job configuration parameters, a dict of "
            'strings such as {"date": "${yyyy-MM-dd}"}, or the same as JSON text',
        ),
        Field(
            "custom_variables",
            "CustomVariables",
            CustomVariables("project_id", CUSTOM_VARIABLE),
            "Custom variables, a list of {name, value, password}; password variables are "
            "secret outputs. Also accepts the service's JSON text",
            secret=True,
        ),
        Field(
            "env_conf",
            "EnvConf",
            StringMap(max_bytes=1024),
            "Environment variables, a dict of strings or JSON text; at most 1024 bytes as JSON",
        ),
        Field(
            "run_conf",
            "RunConf",
            RunConf(RUN_CONF),
            "Scheduling parameters {priority, user_name, "
            "memory (MB), cores}, or the service's JSON text",
        ),
        Field(
            "monitor_conf",
            "MonitorConf",
            JsonObject(),
            "Monitoring configuration, a dict or JSON text",
            only_when=("type", ("SPARK_STREAMING",)),
        ),
        Field(
            "mode",
            "Mode",
            Choice(*MODES),
            "Where the job is submitted from: YARN (a worker "
            "node, through YARN) or LOCAL (a header or gateway node)",
            describe_key="mode",
        ),
        Field(
            "parent_category",
            "ParentCategory",
            FOLDER_ID,
            "The folder (FC-...) the job is created in",
            replace=True,
            echoed=False,
        ),
        Field(
            "adhoc",
            "Adhoc",
            Boolean(),
            "Whether the job is a temporary (ad hoc) query",
            replace=True,
        ),
        Field(
            "cluster_id",
            "ClusterId",
            CLUSTER_ID,
            "The ID of the cluster (C-...) the job runs on",
            echoed=False,
        ),
        Field(
            "alert_conf",
            "AlertConf",
            JsonObject(),
            "Alert configuration, a dict or JSON text (reserved by the service)",
        ),
        REGION,
        Field(
            "adopt",
            None,
            Boolean(),
            "Take over an existing job of the same name in the "
            "project instead of failing; its type and adhoc must match",
            echoed=False,
            diffed=False,
        ),
        # Outputs only.
        Field(
            "job_id",
            None,
            JOB_ID,
            "The ID of the job (FJ-...), the same as id",
            computed=True,
            is_id=True,
        ),
        Field(
            "category_id",
            None,
            Text(),
            "The folder the job is in",
            computed=True,
            describe_key="CategoryId",
            from_field="parent_category",
        ),
        *TIMESTAMPS,
    ),
)
