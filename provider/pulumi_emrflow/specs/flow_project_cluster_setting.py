"""FlowProjectClusterSetting: which users, queues and hosts a project may use on one cluster
(Create/Describe/Modify/Delete/ListFlowProjectClusterSetting, emr-flow-api.md 3.19-3.23, 4.3).

The setting has no id of its own: (ProjectId, ClusterId) addresses it, and its Pulumi id is
``<project_id>:<cluster_id>``. An empty list cannot be sent (``UserList.N`` with no entries is
no parameter at all, which Modify reads as "unchanged"), so removing every user, queue or host
replaces the setting.
"""

from __future__ import annotations

from pulumi_emrflow.specs.common import PROJECT_GONE, REGION, TIMESTAMPS
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.ids import CLUSTER_ID, PROJECT_ID
from pulumi_emrflow.specs.kinds import Boolean, StringList, Text
from pulumi_emrflow.specs.list_reads import ListReads
from pulumi_emrflow.specs.resource import ResourceSpec, ServiceMessages

_EMPTY_LIST = "; removing every entry replaces the setting (an empty list cannot be sent)"

FLOW_PROJECT_CLUSTER_SETTING = ResourceSpec(
    name="flow_project_cluster_setting",
    type_name="FlowProjectClusterSetting",
    description="Binds a flow project to an EMR cluster (CreateFlowProjectClusterSetting).",
    doc="""The setting has no id of its own: its id is ``<project_id>:<cluster_id>``, which is also
what ``FlowProjectClusterSetting.get(name, id)`` takes. Lists keep the order given; removing every
entry of a list replaces the setting (the API cannot send an empty list).

```python
setting = emrflow.FlowProjectClusterSetting(
    "etl-on-main", project_id=project.id, cluster_id=cluster.id,
    users=["hadoop", "etl"], queues=["default"], default_user="etl")
```""",
    create_action="CreateFlowProjectClusterSetting",
    describe_action="DescribeFlowProjectClusterSetting",
    modify_action="ModifyFlowProjectClusterSetting",
    delete_action="DeleteFlowProjectClusterSetting",
    list_action="ListFlowProjectClusterSetting",
    list_items=("ClusterSettings", "ClusterSetting"),
    list_reads=ListReads(scope=("project_id",)),
    id_param=None,
    id_fields=("project_id", "cluster_id"),
    scope=("project_id", "cluster_id"),
    identity=("project_id", "cluster_id"),
    list_filters=("project_id",),
    messages=ServiceMessages(
        not_found=("Cluster setting does not exist", *PROJECT_GONE),
        conflict="Cluster setting already exists",
    ),
    fields=(
        Field(
            "project_id",
            "ProjectId",
            PROJECT_ID,
            "The flow project (FP-...) the setting is for",
            required=True,
            replace=True,
        ),
        Field(
            "cluster_id",
            "ClusterId",
            CLUSTER_ID,
            "The EMR cluster (C-...) the project may use",
            required=True,
            replace=True,
        ),
        Field(
            "default_user",
            "DefaultUser",
            Text(),
            "The Linux user jobs run as unless they say otherwise",
            default="hadoop",
        ),
        Field(
            "default_queue",
            "DefaultQueue",
            Text(),
            "The YARN queue jobs are submitted to unless they say otherwise",
            default="default",
        ),
        Field(
            "users",
            "UserList",
            StringList("User"),
            "The Linux users the project's jobs may run as" + _EMPTY_LIST,
        ),
        Field(
            "queues",
            "QueueList",
            StringList("Queue"),
            "The YARN queues the project's jobs may use" + _EMPTY_LIST,
        ),
        Field(
            "hosts",
            "HostList",
            StringList("Host"),
            "The hosts (gateway or header nodes) jobs may be submitted from" + _EMPTY_LIST,
        ),
        REGION,
        Field(
            "adopt",
            None,
            Boolean(),
            "Take over the existing setting of this project and cluster instead of failing; "
            "it is brought to the declared values",
            echoed=False,
            diffed=False,
        ),
        # Outputs only.
        *TIMESTAMPS,
    ),
)
