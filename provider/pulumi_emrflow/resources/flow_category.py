"""``FlowCategory``: a folder of a flow project's flow, job or ad-hoc tree (pulumi-alicloud
call shapes). Argument and output docstrings come from ``pulumi_emrflow.specs.flow_category``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

import pulumi

from pulumi_emrflow.resources._base import ArgsBase, SpecResource, finish_resource_class
from pulumi_emrflow.specs.flow_category import FLOW_CATEGORY

__all__ = ["FlowCategory", "FlowCategoryArgs"]


class FlowCategoryArgs(ArgsBase):
    """The arguments of a FlowCategory (see ``FlowCategoryArgs.__init__`` for each one)."""

    def __init__(
        self,
        *,
        project_id: pulumi.Input[str],
        name: pulumi.Input[str],
        type: pulumi.Input[str],
        parent_id: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None:
        self.project_id = project_id
        self.name = name
        self.type = type
        self.parent_id = parent_id
        self.region = region
        self.adopt = adopt


class FlowCategory(SpecResource, module="emrflow", name="FlowCategory"):
    """A folder of a flow project (CreateFlowCategory): jobs go in with ``parent_category``.

    Type token ``pulumi-python:dynamic/emrflow:FlowCategory``. Renaming and moving (changing
    ``parent_id``) happen in place; a new project or type replaces the folder. Destroying a
    folder that still holds jobs or folders fails: declare those with ``parent_category`` /
    ``parent_id`` set to this folder's id so that Pulumi deletes them first.

    ```python
    folder = emrflow.FlowCategory("jobs", project_id=project.id, name="jobs", type="JOB")
    ```
    """

    _spec = FLOW_CATEGORY
    _args_type = FlowCategoryArgs

    if TYPE_CHECKING:  # typed outputs; at runtime each is a property documented from the spec
        project_id: pulumi.Output[str]
        name: pulumi.Output[str]
        type: pulumi.Output[str]
        parent_id: pulumi.Output[str | None]
        region: pulumi.Output[str | None]
        adopt: pulumi.Output[bool | None]
        category_id: pulumi.Output[str]
        gmt_create: pulumi.Output[int | None]
        gmt_modified: pulumi.Output[int | None]

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        project_id: pulumi.Input[str] | None = None,
        name: pulumi.Input[str] | None = None,
        type: pulumi.Input[str] | None = None,
        parent_id: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        args: FlowCategoryArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(resource_name, *args, **kwargs)

    @staticmethod
    def get(
        resource_name: str,
        id: pulumi.Input[str],
        project_id: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
        region: pulumi.Input[str] | None = None,
    ) -> FlowCategory:
        """A read-only reference to the existing folder ``id`` (FC-...) of ``project_id``.

        Nothing is created or changed: the engine reads the folder (DescribeFlowCategory).
        """
        if project_id is None:
            raise TypeError(
                "FlowCategory.get needs project_id (DescribeFlowCategory addresses a folder by it)"
            )
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowCategory(resource_name, opts, project_id=project_id, region=region)


finish_resource_class(FlowCategory, FlowCategoryArgs)
