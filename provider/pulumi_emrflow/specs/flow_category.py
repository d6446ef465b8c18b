"""FlowCategory: a folder of a project's flow, job or ad-hoc tree (CreateFlowCategory /
DescribeFlowCategory / ModifyFlowCategory / DeleteFlowCategory / ListFlowCategory,
emr-flow-api.md 3.11-3.13 and 4.3). Renaming and moving (``parent_id``) happen in place."""

from __future__ import annotations

from pulumi_emrflow.specs.common import REGION, TIMESTAMPS
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.kinds import Boolean, Choice, Name, ObjectId, Text
from pulumi_emrflow.specs.resource import ResourceSpec

CATEGORY_TYPES = ("FLOW", "JOB", "ADHOC")
ROOT_PARENT = "root_parent"  # what the service reports as a top-level folder's ParentId

FLOW_CATEGORY = ResourceSpec(
    name="flow_category",
    type_name="FlowCategory",
    description="A folder of a flow project's flow, job or ad-hoc tree.",
    create_action="CreateFlowCategory",
    describe_action="DescribeFlowCategory",
    modify_action="ModifyFlowCategory",
    delete_action="DeleteFlowCategory",
    list_action="ListFlowCategory",
    list_items=("Categories", "Category"),
    scope=("project_id",),
    identity=("project_id", "parent_id", "name"),
    list_filters=("project_id",),
    not_empty_message="Category is not empty",
    dependents="flow jobs or sub-folders",
    fields=(
        Field(
            "project_id",
            "ProjectId",
            ObjectId("FP-", "a flow project"),
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
            ObjectId("FC-", "a folder", root=ROOT_PARENT),
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
            Text(),
            "The ID of the folder (FC-...), the same as id",
            computed=True,
            is_id=True,
        ),
        *TIMESTAMPS,
    ),
)
