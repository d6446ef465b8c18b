"""``FlowProject``: an EMR data-development project (pulumi-alicloud call shapes).

Argument and output docstrings come from the spec (``pulumi_emrflow.specs.flow_project``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

import pulumi

from pulumi_emrflow.resources._base import ArgsBase, SpecResource, finish_resource_class
from pulumi_emrflow.specs.flow_project import FLOW_PROJECT

__all__ = ["FlowProject", "FlowProjectArgs"]


class FlowProjectArgs(ArgsBase):
    """The arguments of a FlowProject (see ``FlowProjectArgs.__init__`` for each one)."""

    def __init__(
        self,
        *,
        name: pulumi.Input[str],
        description: pulumi.Input[str],
        resource_group_id: pulumi.Input[str] | None = None,
        product_type: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None:
        self.name = name
        self.description = description
        self.resource_group_id = resource_group_id
        self.product_type = product_type
        self.region = region
        self.adopt = adopt


class FlowProject(SpecResource, module="emrflow", name="FlowProject"):
    """A project of EMR data development: the scope of jobs, folders and cluster settings.

    Type token ``pulumi-python:dynamic/emrflow:FlowProject``. Take an existing project over with
    ``adopt=True`` (found by name), or reference one read-only with ``FlowProject.get(name, id)``.
    Destroying a project the service still sees jobs, folders or settings in fails: declare
    those with ``project_id=project.id`` so that Pulumi deletes them first.

    ```python
    project = emrflow.FlowProject("etl", name="etl", description="nightly ETL")
    ```
    """

    _spec = FLOW_PROJECT
    _args_type = FlowProjectArgs

    if TYPE_CHECKING:  # typed outputs; at runtime each is a property documented from the spec
        name: pulumi.Output[str]
        description: pulumi.Output[str]
        resource_group_id: pulumi.Output[str | None]
        product_type: pulumi.Output[str | None]
        region: pulumi.Output[str | None]
        adopt: pulumi.Output[bool | None]
        project_id: pulumi.Output[str]
        user_id: pulumi.Output[str | None]
        gmt_create: pulumi.Output[int | None]
        gmt_modified: pulumi.Output[int | None]

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        resource_group_id: pulumi.Input[str] | None = None,
        product_type: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self, resource_name: str, args: FlowProjectArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(resource_name, *args, **kwargs)

    @staticmethod
    def get(
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
        region: pulumi.Input[str] | None = None,
    ) -> FlowProject:
        """A read-only reference to the existing project ``id`` (FP-...).

        Nothing is created or changed: the engine reads the project (DescribeFlowProject) and
        its properties become this resource's outputs.
        """
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowProject(resource_name, opts, region=region)


finish_resource_class(FlowProject, FlowProjectArgs)
