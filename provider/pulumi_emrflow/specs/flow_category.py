"""FlowCategory: a folder of a project's flow, job or ad-hoc tree (CreateFlowCategory /
DescribeFlowCategory / ModifyFlowCategory / DeleteFlowCategory / ListFlowCategory,
emr-flow-api.md 3.11-3.13 and 4.3). Renaming and moving (``parent_id``) happen in place."""

from __future__ import annotations

from pulumi_emrflow.specs.common import PROJECT_GONE, REGION, TIMESTAMPS
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.ids import FOLDER_ID, PROJECT_ID, ROOT_PARENT
from pulumi_emrflow.specs.kinds import Boolean, Choice, Name
from pulumi_emrflow.specs.resource import ResourceSpec, ServiceMessages

__all__ = ["CATEGORY_TYPES", "FLOW_CATEGORY", "ROOT_PARENT"]

CATEGORY_TYPES = ("FLOW", "JOB", "ADHOC")

FLOW_CATEGORY = ResourceSpec(
    name="flow_category",
    type_name="FlowCategory",
    description=(
        "A folder of a flow project (CreateFlowCategory): jobs go in with ``parent_category``."
    ),
    doc="""Renaming and moving (changing ``parent_id``) happen in place; a new project or type
replaces the folder. Destroying a folder that still holds jobs or folders fails: declare those
with ``parent_category`` / ``parent_id`` set to this folder's id so that Pulumi deletes them
first.

```python
folder = emrflow.FlowCategory("jobs", project_id=project.id, name="jobs", type="JOB")
```""",
    id_prefix="FC-",
    create_action="CreateFlowCategory",
    describe_action="DescribeFlowCategory",
    modify_action="ModifyFlowCategory",
    delete_action="DeleteFlowCategory",
    list_action="ListFlowCategory",
    list_items=("Categories", "Category"),
    scope=("project_id",),
    identity=("project_id", "parent_id", "name"),
    item_kind=(("CategoryType", "FOLDER"),),
    list_filters=("project_id",),
    messages=ServiceMessages(
        not_found=("Category does not exist", *PROJECT_GONE), not_empty="Category is not empty"
    ),
    dependents="flow jobs or sub-folders",
    fields=(
        Field(
            "project_id",
            "ProjectId",
            PROJECT_ID,
            "The flow project (FP-...) the folder belongs to",
            required=True,
            replace=True,
        ),
        Field("name", "Name", Name(), "The name of the folder", required=True),
        Field(
            "type",
            "Type",
            Choice(*CATEGORY_TYPES),
            "Which tree the folder is in: flows, jobs or ad-hoc queries",
            required=True,
            replace=True,
        ),
        Field(
            "parent_id",
            "ParentId",
            FOLDER_ID,
            "The folder (FC-...) this one is in; unset for a top-level folder. Moving it "
            "(or unsetting it) happens in place",
        ),
        REGION,
        Field(
            "adopt",
            None,
            Boolean(),
            "Take over the existing folder of the same name and parent in the project instead "
            "of creating another; its type must match, and more than one match is an error",
            echoed=False,
            diffed=False,
        ),
        # Outputs only.
        Field(
            "category_id",
            None,
            FOLDER_ID,
            "The ID of the folder (FC-...), the same as id",
            computed=True,
            is_id=True,
        ),
        *TIMESTAMPS,
    ),
)
