"""Flow: a scheduled workflow, a DAG of jobs run on a cluster (CreateFlowForWeb / DescribeFlow /
ModifyFlowForWeb / DeleteFlow / ListFlow, emr-flow-api.md 3.14-3.18 and 4.1)."""

from __future__ import annotations

from pulumi_emrflow.specs.common import PROJECT_GONE, REGION, TIMESTAMPS
from pulumi_emrflow.specs.dag import FlowSteps
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.ids import CLUSTER_ID, FLOW_ID, FOLDER_ID, PROJECT_ID
from pulumi_emrflow.specs.json_kinds import JsonObject
from pulumi_emrflow.specs.kinds import Boolean, Name, Text
from pulumi_emrflow.specs.resource import ResourceSpec, ServiceMessages
from pulumi_emrflow.specs.schedule import Instant, QuartzCron, Switch
from pulumi_emrflow.specs.shapes import Member, Shape

MAX_NAME_LENGTH = 64


STEP = Shape(
    "FlowStepArgs",
    "One step of a flow: a job, and the jobs it waits for.",
    (
        Member(
            "job",
            "str | pulumi.CustomResource",
            "The job this step runs: a FlowJob, or its id (FJ-...)",
            required=True,
        ),
        Member(
            "after",
            "Sequence[pulumi.Input[str] | pulumi.CustomResource]",
            "The jobs (FlowJobs or ids) that must finish first",
        ),
        Member(
            "job_type",
            "str",
            "The job's type, shown on its node in the console; taken from the FlowJob given as job",
            from_resource=("job", "type"),
        ),
    ),
)

FLOW = ResourceSpec(
    name="flow",
    type_name="Flow",
    description="A workflow of EMR data development: a DAG of jobs run on a schedule "
    "(CreateFlowForWeb).",
    doc="""Declare the DAG as steps, each a job and the jobs it waits for; the provider builds
the service's Graph (START and END nodes, a layered layout). A FlowJob given as a step's
``job`` or in ``after`` stands for its id. ``cron_expr`` is a Quartz expression, seconds first;
``start_schedule`` and ``end_schedule`` take an aware datetime, ISO 8601 text or epoch
milliseconds and are stored as epoch milliseconds. ``python -m pulumi_emrflow plan`` shows what
will run when.

```python
flow = emrflow.Flow("daily", project_id=project.id, name="daily", description="daily ETL",
                    cluster_id="C-...", cron_expr="0 0 2 * * ?",
                    start_schedule="2026-12-01T00:00:00+08:00", scheduled=True,
                    steps=[{"job": ingest}, {"job": clean, "after": [ingest]}])
```""",
    id_prefix="F-",
    create_action="CreateFlowForWeb",
    describe_action="DescribeFlow",
    modify_action="ModifyFlowForWeb",
    delete_action="DeleteFlow",
    list_action="ListFlow",
    list_items=("Flow", "Flow"),
    scope=("project_id",),
    identity=("project_id", "name"),
    messages=ServiceMessages(
        not_found=("Flow does not exist", *PROJECT_GONE), conflict="Flow name already exists"
    ),
    fields=(
        # DescribeFlow does not return ProjectId: kept from state.
        Field(
            "project_id",
            "ProjectId",
            PROJECT_ID,
            "The ID of the flow project (FP-...) that owns the flow",
            required=True,
            replace=True,
            echoed=False,
        ),
        Field(
            "name",
            "Name",
            Name(max_length=MAX_NAME_LENGTH),
            "The name of the flow, unique within the project",
            required=True,
        ),
        Field("description", "Description", Text(), "The description of the flow", required=True),
        Field(
            "cluster_id",
            "ClusterId",
            CLUSTER_ID,
            "The cluster (C-...) the flow runs on, or with create_cluster the cluster template "
            "(CT-...) a cluster is made from for each run",
            required=True,
        ),
        Field(
            "create_cluster",
            "CreateCluster",
            Boolean(),
            "True: run each time on a new cluster made from the template cluster_id",
            default=False,
        ),
        Field(
            "steps",
            "Graph",
            FlowSteps(STEP),
            "The DAG: a list of steps {job, after}, each a job (a FlowJob or its id) and the "
            "jobs it waits for; sent as the service's Graph. Compared by jobs and edges only",
        ),
        Field(
            "cron_expr",
            "CronExpr",
            QuartzCron(requires="start_schedule"),
            "When the flow runs: a Quartz cron expression, seconds first "
            "(0 30 2 * * ? is 02:30 every day); needs start_schedule",
        ),
        Field(
            "start_schedule",
            "StartSchedule",
            Instant(),
            "When scheduling starts: an aware datetime, ISO 8601 text or epoch ms; stored as "
            "epoch ms",
        ),
        Field(
            "end_schedule",
            "EndSchedule",
            Instant(after="start_schedule"),
            "When scheduling ends (after start_schedule): an aware datetime, ISO 8601 text or "
            "epoch ms; stored as epoch ms",
        ),
        Field(
            "scheduled",
            "Status",
            Switch("UNDER_SCHEDULE", "STOP_SCHEDULE"),
            "True: the schedule is on (UNDER_SCHEDULE); False or unset: stopped (STOP_SCHEDULE)",
            in_create=False,
        ),
        Field(
            "host_name",
            "HostName",
            Text(),
            "The node jobs are submitted from (a master or gateway, e.g. emr-header-1.cluster-1)",
        ),
        Field(
            "parent_category",
            "ParentCategory",
            FOLDER_ID,
            "The folder (FC-...) the flow is in",
            describe_key="CategoryId",
        ),
        Field(
            "alert_conf",
            "AlertConf",
            JsonObject(),
            'Alerting, a dict or JSON text: {"items": [{"enable": true, "eventId": ..., '
            '"alertUserGroupIdList": [...], "alertDingDingGroupList": [...]}]}',
        ),
        REGION,
        Field(
            "adopt",
            None,
            Boolean(),
            "Take over an existing flow of the same name in the project instead of failing",
            echoed=False,
            diffed=False,
        ),
        # Outputs only.
        Field(
            "flow_id",
            None,
            FLOW_ID,
            "The ID of the flow (F-...), the same as id",
            computed=True,
            is_id=True,
        ),
        *TIMESTAMPS,
    ),
)
