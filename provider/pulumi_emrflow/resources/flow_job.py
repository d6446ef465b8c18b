"""``FlowJob``: an EMR data-development job, with its arguments (pulumi-alicloud call shapes).

Argument and output docstrings come from the spec (``pulumi_emrflow.specs.flow_job``), the same
table that validates, diffs and builds the API requests, so the documentation cannot drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, overload

import pulumi

from pulumi_emrflow.resources._base import ArgsBase, SpecResource, finish_resource_class
from pulumi_emrflow.specs.flow_job import FLOW_JOB

__all__ = [
    "CustomVariableArgs",
    "CustomVariableArgsDict",
    "FlowJob",
    "FlowJobArgs",
    "FlowJobResourceArgs",
    "FlowJobResourceArgsDict",
    "RunConfArgs",
    "RunConfArgsDict",
]


class FlowJobResourceArgsDict(TypedDict):
    """One resource of a job: ``path`` (``oss://...`` or ``hdfs://...``) and an optional alias."""

    path: pulumi.Input[str]
    alias: NotRequired[pulumi.Input[str] | None]


class RunConfArgsDict(TypedDict, total=False):
    """Scheduling parameters: priority, the Linux user that submits, memory (MB), vCPU cores."""

    priority: pulumi.Input[int]
    user_name: pulumi.Input[str]
    memory: pulumi.Input[int]
    cores: pulumi.Input[int]


class CustomVariableArgsDict(TypedDict):
    """A custom variable; ``password=True`` makes it (and the job's custom_variables) secret."""

    name: pulumi.Input[str]
    value: NotRequired[pulumi.Input[str]]
    password: NotRequired[bool]


class FlowJobResourceArgs(ArgsBase):
    def __init__(self, *, path: pulumi.Input[str], alias: pulumi.Input[str] | None = None) -> None:
        """:param path: ``oss://...`` or ``hdfs://...``.  :param alias: the name the job sees."""
        self.path = path
        self.alias = alias


class RunConfArgs(ArgsBase):
    def __init__(
        self,
        *,
        priority: pulumi.Input[int] | None = None,
        user_name: pulumi.Input[str] | None = None,
        memory: pulumi.Input[int] | None = None,
        cores: pulumi.Input[int] | None = None,
    ) -> None:
        """:param priority: job priority.  :param user_name: Linux user that submits the job.
        :param memory: memory in MB (> 0).  :param cores: vCPU cores (> 0)."""
        self.priority = priority
        self.user_name = user_name
        self.memory = memory
        self.cores = cores


class CustomVariableArgs(ArgsBase):
    def __init__(
        self, *, name: pulumi.Input[str], value: pulumi.Input[str] = "", password: bool = False
    ) -> None:
        """:param name: variable name.  :param value: its value.
        :param password: True marks the value secret."""
        self.name = name
        self.value = value
        self.password = password or None


ResourcesInput = pulumi.Input[Sequence[pulumi.Input[FlowJobResourceArgs | FlowJobResourceArgsDict]]]
RunConfInput = pulumi.Input[RunConfArgs | RunConfArgsDict | str]
CustomVariablesInput = pulumi.Input[
    Sequence[pulumi.Input[CustomVariableArgs | CustomVariableArgsDict]] | str
]
StrMapInput = pulumi.Input[Mapping[str, pulumi.Input[str]] | str]
ObjectInput = pulumi.Input[Mapping[str, Any] | str]


class FlowJobArgs(ArgsBase):
    """The arguments of a FlowJob (see ``FlowJobArgs.__init__`` for each one)."""

    def __init__(
        self,
        *,
        project_id: pulumi.Input[str],
        name: pulumi.Input[str],
        description: pulumi.Input[str],
        type: pulumi.Input[str],
        resources: ResourcesInput | None = None,
        fail_act: pulumi.Input[str] | None = None,
        max_retry: pulumi.Input[int] | None = None,
        retry_policy: pulumi.Input[str] | None = None,
        max_running_time_sec: pulumi.Input[int] | None = None,
        retry_interval: pulumi.Input[int] | None = None,
        params: pulumi.Input[str] | None = None,
        param_conf: StrMapInput | None = None,
        custom_variables: CustomVariablesInput | None = None,
        env_conf: StrMapInput | None = None,
        run_conf: RunConfInput | None = None,
        monitor_conf: ObjectInput | None = None,
        mode: pulumi.Input[str] | None = None,
        parent_category: pulumi.Input[str] | None = None,
        adhoc: pulumi.Input[bool] | None = None,
        cluster_id: pulumi.Input[str] | None = None,
        alert_conf: ObjectInput | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None:
        self.project_id = project_id
        self.name = name
        self.description = description
        self.type = type
        self.resources = resources
        self.fail_act = fail_act
        self.max_retry = max_retry
        self.retry_policy = retry_policy
        self.max_running_time_sec = max_running_time_sec
        self.retry_interval = retry_interval
        self.params = params
        self.param_conf = param_conf
        self.custom_variables = custom_variables
        self.env_conf = env_conf
        self.run_conf = run_conf
        self.monitor_conf = monitor_conf
        self.mode = mode
        self.parent_category = parent_category
        self.adhoc = adhoc
        self.cluster_id = cluster_id
        self.alert_conf = alert_conf
        self.region = region
        self.adopt = adopt


class FlowJob(SpecResource, module="emrflow", name="FlowJob"):
    """A job of EMR data development: a node that flows run (CreateFlowJob).

    Type token ``pulumi-python:dynamic/emrflow:FlowJob``. ``pulumi import`` does not work for
    dynamic resources (pulumi/pulumi#16175): use ``adopt=True`` to take an existing job over, or
    ``FlowJob.get(name, id, project_id=...)`` for a read-only reference.

    ```python
    job = emrflow.FlowJob("nightly", project_id=project.id, name="nightly", type="SHELL",
                          description="nightly export", params="ls -l",
                          run_conf=emrflow.RunConfArgs(user_name="hadoop", memory=2048, cores=1))
    ```
    """

    _spec = FLOW_JOB
    _args_type = FlowJobArgs

    # Typed outputs for IDEs and type checkers. Only under TYPE_CHECKING: the SDK reads runtime
    # class annotations to decode outputs and rejects unions such as `dict | str`. At runtime
    # each name is a documented property (generated from the spec below the class).
    if TYPE_CHECKING:
        project_id: pulumi.Output[str]
        name: pulumi.Output[str]
        description: pulumi.Output[str]
        type: pulumi.Output[str]
        resources: pulumi.Output[list[dict[str, Any]] | None]
        fail_act: pulumi.Output[str | None]
        max_retry: pulumi.Output[int | None]
        retry_policy: pulumi.Output[str | None]
        max_running_time_sec: pulumi.Output[int | None]
        retry_interval: pulumi.Output[int | None]
        params: pulumi.Output[str | None]
        param_conf: pulumi.Output[dict[str, str] | str | None]
        custom_variables: pulumi.Output[list[dict[str, Any]] | str | None]
        env_conf: pulumi.Output[dict[str, str] | str | None]
        run_conf: pulumi.Output[dict[str, Any] | str | None]
        monitor_conf: pulumi.Output[dict[str, Any] | str | None]
        mode: pulumi.Output[str | None]
        parent_category: pulumi.Output[str | None]
        adhoc: pulumi.Output[bool | None]
        cluster_id: pulumi.Output[str | None]
        alert_conf: pulumi.Output[dict[str, Any] | str | None]
        region: pulumi.Output[str | None]
        adopt: pulumi.Output[bool | None]
        job_id: pulumi.Output[str]
        category_id: pulumi.Output[str | None]
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
        description: pulumi.Input[str] | None = None,
        type: pulumi.Input[str] | None = None,
        resources: ResourcesInput | None = None,
        fail_act: pulumi.Input[str] | None = None,
        max_retry: pulumi.Input[int] | None = None,
        retry_policy: pulumi.Input[str] | None = None,
        max_running_time_sec: pulumi.Input[int] | None = None,
        retry_interval: pulumi.Input[int] | None = None,
        params: pulumi.Input[str] | None = None,
        param_conf: StrMapInput | None = None,
        custom_variables: CustomVariablesInput | None = None,
        env_conf: StrMapInput | None = None,
        run_conf: RunConfInput | None = None,
        monitor_conf: ObjectInput | None = None,
        mode: pulumi.Input[str] | None = None,
        parent_category: pulumi.Input[str] | None = None,
        adhoc: pulumi.Input[bool] | None = None,
        cluster_id: pulumi.Input[str] | None = None,
        alert_conf: ObjectInput | None = None,
        region: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self, resource_name: str, args: FlowJobArgs, opts: pulumi.ResourceOptions | None = None
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
    ) -> FlowJob:
        """A read-only reference to the existing job ``id`` of project ``project_id``.

        Nothing is created or changed: the engine reads the job (DescribeFlowJob) and its
        properties become this resource's outputs.
        """
        if project_id is None:
            raise TypeError("FlowJob.get needs project_id (DescribeFlowJob addresses a job by it)")
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowJob(resource_name, opts, project_id=project_id, region=region)


finish_resource_class(FlowJob, FlowJobArgs)
