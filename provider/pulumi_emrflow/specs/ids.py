"""The id kinds every spec shares: one named kind per kind of object another field points at.

The API reference (emr-flow-api.md 3, "ID shapes") gives each object's id a prefix and no other
rule that holds for all of them (a project's id is ``FP-`` and 16 hex digits, but a documented
job id has 13), so a kind checks the prefix and the absence of spaces, nothing more: every id
the service hands out passes. A value that is not known yet (another resource's output at
preview) is never checked.
"""

from __future__ import annotations

from typing import Any

from pulumi_emrflow.specs.kinds import ObjectId, Props

ROOT_PARENT = "root_parent"
"""What the service reports as a top-level folder's ParentId (ListFlowCategory sample)."""

PROJECT_ID = ObjectId("FP-", "a flow project")


class ClusterId(ObjectId):
    """A cluster (``C-...``); in a resource whose ``create_cluster`` is True (a flow), the
    template (``CT-...``) a cluster is made from for each run instead."""

    def __init__(self) -> None:
        super().__init__("C-", "an EMR cluster")
        self._template = ObjectId("CT-", "a cluster template")

    def validate(self, value: Any, ctx: Props) -> str | None:
        if ctx.get("create_cluster") is True:
            return self._template.validate(value, ctx)
        if isinstance(value, str) and value.startswith("CT-"):
            return f"{value} is a cluster template: only allowed with create_cluster=True"
        return super().validate(value, ctx)


CLUSTER_ID = ClusterId()
FOLDER_ID = ObjectId("FC-", "a folder", root=ROOT_PARENT)
JOB_ID = ObjectId("FJ-", "a flow job")
FLOW_ID = ObjectId("F-", "a flow")
