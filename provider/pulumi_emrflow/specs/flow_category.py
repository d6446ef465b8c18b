"""FlowCategory: a folder of a project's flow, job or ad-hoc tree (CreateFlowCategory /
DescribeFlowCategory / ModifyFlowCategory / DeleteFlowCategory / ListFlowCategory,
emr-flow-api.md 3.11-3.13 and 4.3). Renaming and moving (``parent_id``) happen in place."""

from __future__ import annotations

from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.kinds import Boolean, Choice, Integer, ObjectId, Text
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
        Field("name", "Name", Text(), "The name of the folder", required=True),
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
        Field(
            "region",
            None,
            Text(),
            "The region (e.g. cn-hangzhou); defaults to the "
            "alicloud:region config or the ALICLOUD_REGION environment variable",
            replace=True,
            echoed=False,
        ),
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
        Field(
            "gmt_create",
            None,
            Integer(),
            "Creation time in epoch milliseconds; filled from "
            "the service on read (refresh), None right after create",
            computed=True,
            describe_key="GmtCreate",
        ),
        Field(
            "gmt_modified",
            None,
            Integer(),
            "Last modification time in epoch milliseconds; filled from the service on read",
            computed=True,
            describe_key="GmtModified",
        ),
    ),
)
