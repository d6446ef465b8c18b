"""``FlowProjectClusterSetting``: the users, queues and hosts a flow project may use on one
cluster (pulumi-alicloud call shapes). Argument and output docstrings come from
``pulumi_emrflow.specs.flow_project_cluster_setting``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import pulumi

from pulumi_emrflow.resources._base import ArgsBase, SpecResource, finish_resource_class
from pulumi_emrflow.specs.flow_project_cluster_setting import FLOW_PROJECT_CLUSTER_SETTING

__all__ = ["FlowProjectClusterSetting", "FlowProjectClusterSettingArgs"]

StrListInput = pulumi.Input[Sequence[pulumi.Input[str]]]


class FlowProjectClusterSettingArgs(ArgsBase):
    """The arguments of a FlowProjectClusterSetting (see ``__init__`` for each one)."""

    def __init__(
        self,
        *,
        project_id: pulumi.Input[str],
        cluster_id: pulumi.Input[str],
        default_user: pulumi.Input[str] | None = None,
        default_queue: pulumi.Input[str] | None = None,
        users: StrListInput | None = None,
        queues: StrListInput | None = None,
        hosts: StrListInput | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None:
        self.project_id = project_id
        self.cluster_id = cluster_id
        self.default_user = default_user
        self.default_queue = default_queue
        self.users = users
        self.queues = queues
        self.hosts = hosts
        self.region = region
        self.adopt = adopt


class FlowProjectClusterSetting(SpecResource, module="emrflow", name="FlowProjectClusterSetting"):
    """Binds a flow project to an EMR cluster (CreateFlowProjectClusterSetting).

    Type token ``pulumi-python:dynamic/emrflow:FlowProjectClusterSetting``. The setting has no id
    of its own: its id is ``<project_id>:<cluster_id>``, which is also what
    ``FlowProjectClusterSetting.get(name, id)`` takes. Lists keep the order given; removing
    every entry of a list replaces the setting (the API cannot send an empty list).

    ```python
    setting = emrflow.FlowProjectClusterSetting(
        "etl-on-main", project_id=project.id, cluster_id=cluster.id,
        users=["hadoop", "etl"], queues=["default"], default_user="etl")
    ```
    """

    _spec = FLOW_PROJECT_CLUSTER_SETTING
    _args_type = FlowProjectClusterSettingArgs

    if TYPE_CHECKING:  # typed outputs; at runtime each is a property documented from the spec
        project_id: pulumi.Output[str]
        cluster_id: pulumi.Output[str]
        default_user: pulumi.Output[str]
        default_queue: pulumi.Output[str]
        users: pulumi.Output[list[str] | None]
        queues: pulumi.Output[list[str] | None]
        hosts: pulumi.Output[list[str] | None]
        region: pulumi.Output[str | None]
        adopt: pulumi.Output[bool | None]
        gmt_create: pulumi.Output[int | None]
        gmt_modified: pulumi.Output[int | None]

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        project_id: pulumi.Input[str] | None = None,
        cluster_id: pulumi.Input[str] | None = None,
        default_user: pulumi.Input[str] | None = None,
        default_queue: pulumi.Input[str] | None = None,
        users: StrListInput | None = None,
        queues: StrListInput | None = None,
        hosts: StrListInput | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        args: FlowProjectClusterSettingArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(resource_name, *args, **kwargs)

    @staticmethod
    def get(
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
        region: pulumi.Input[str] | None = None,
    ) -> FlowProjectClusterSetting:
        """A read-only reference to the existing setting ``id`` (``<project_id>:<cluster_id>``).

        Nothing is created or changed: the engine reads the setting
        (DescribeFlowProjectClusterSetting) and its properties become this resource's outputs.
        A malformed id fails with the form it should have.
        """
        if isinstance(id, str):
            try:
                FLOW_PROJECT_CLUSTER_SETTING.parse_id(id)
            except ValueError as exc:
                raise ValueError(f"FlowProjectClusterSetting.get: {exc}") from None
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowProjectClusterSetting(resource_name, opts, region=region)


finish_resource_class(FlowProjectClusterSetting, FlowProjectClusterSettingArgs)
