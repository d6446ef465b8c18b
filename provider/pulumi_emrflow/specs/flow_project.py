"""FlowProject: the scope that holds jobs, folders and cluster settings (CreateFlowProject /
DescribeFlowProject / ModifyFlowProject / DeleteFlowProject / ListFlowProject, emr-flow-api.md
3.6-3.10 and 4.3)."""

from __future__ import annotations

from pulumi_emrflow.specs.common import PROJECT_GONE, REGION, TIMESTAMPS
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.ids import PROJECT_ID
from pulumi_emrflow.specs.kinds import Boolean, Choice, Name, Text
from pulumi_emrflow.specs.list_reads import ListReads
from pulumi_emrflow.specs.resource import ResourceSpec, ServiceMessages

MAX_NAME_LENGTH = 256

FLOW_PROJECT = ResourceSpec(
    name="flow_project",
    type_name="FlowProject",
    description=(
        "A project of EMR data development: the scope of jobs, folders and cluster settings."
    ),
    doc="""Take an existing project over with ``adopt=True`` (found by name), or reference one
read-only with ``FlowProject.get(name, id)``. Destroying a project the service still sees jobs,
folders or settings in fails: declare those with ``project_id=project.id`` so that Pulumi deletes
them first.

```python
project = emrflow.FlowProject("etl", name="etl", description="nightly ETL")
```""",
    id_prefix="FP-",
    create_action="CreateFlowProject",
    describe_action="DescribeFlowProject",
    modify_action="ModifyFlowProject",
    delete_action="DeleteFlowProject",
    list_action="ListFlowProject",
    list_items=("Projects", "Project"),
    list_reads=ListReads(),
    id_param="ProjectId",
    identity=("name",),
    messages=ServiceMessages(not_found=PROJECT_GONE, not_empty="Project is not empty"),
    dependents="flow jobs, folders (FlowCategory) or cluster settings",
    fields=(
        Field(
            "name",
            "Name",
            Name(max_length=MAX_NAME_LENGTH),
            "The name of the project",
            required=True,
        ),
        Field(
            "description", "Description", Text(), "The description of the project", required=True
        ),
        # DescribeFlowProject echoes neither ResourceGroupId nor ProductType: kept from state.
        Field(
            "resource_group_id",
            "ResourceGroupId",
            Text(),
            "The resource group (rg-...) the project belongs to",
            replace=True,
            echoed=False,
        ),
        Field(
            "product_type",
            "ProductType",
            Choice("EMR"),
            "The product the project is for",
            replace=True,
            echoed=False,
        ),
        REGION,
        Field(
            "adopt",
            None,
            Boolean(),
            "Take over the existing project of the same name instead of creating another "
            "(project names need not be unique: more than one match is an error)",
            echoed=False,
            diffed=False,
        ),
        # Outputs only.
        Field(
            "project_id",
            None,
            PROJECT_ID,
            "The ID of the project (FP-...), the same as id",
            computed=True,
            is_id=True,
        ),
        Field(
            "user_id",
            None,
            Text(),
            "The account that owns the project; filled from the service on read",
            computed=True,
            describe_key="UserId",
        ),
        *TIMESTAMPS,
    ),
)
