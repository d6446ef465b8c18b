"""``FlowJob``: an EMR data-development job, with its arguments (pulumi-alicloud call shapes).

Argument and output docstrings come from the spec (``pulumi_emrflow.specs.flow_job``), the same
table that validates, diffs and builds the API requests, so the documentation cannot drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, overload

import pulumi

from pulumi_emrflow.resources._registration import output_property, register
from pulumi_emrflow.specs.flow_job import FLOW_JOB
from pulumi_emrflow.specs.kinds import Kind

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

_SPEC = FLOW_JOB


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


class _Args:
    """Keyword-only value objects; ``to_dict`` keeps only the fields that were given."""

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


class FlowJobResourceArgs(_Args):
    def __init__(self, *, path: pulumi.Input[str], alias: pulumi.Input[str] | None = None) -> None:
        """:param path: ``oss://...`` or ``hdfs://...``.  :param alias: the name the job sees."""
        self.path = path
        self.alias = alias


class RunConfArgs(_Args):
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


class CustomVariableArgs(_Args):
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


class FlowJobArgs(_Args):
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


def _param_docs() -> str:
    return "\n".join(f":param {f.name}: {f.docstring()}" for f in _SPEC.inputs)


FlowJobArgs.__init__.__doc__ = "The arguments of a FlowJob.\n\n" + _param_docs()


def _plain(value: Any) -> Any:
    """Args objects (at any depth) as dicts; everything else (Outputs included) as is."""
    if isinstance(value, _Args):
        return {k: _plain(v) for k, v in value.to_dict().items()}
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _may_hold_secret(kind: Kind, value: Any) -> bool:
    """True unless ``value`` is known now and the kind finds nothing secret in it."""
    if isinstance(value, pulumi.Output):
        return True
    if isinstance(value, list) and any(
        isinstance(v, pulumi.Output) or (isinstance(v, dict) and _has_output(v)) for v in value
    ):
        return True
    return kind.holds_secret(value)


def _has_output(value: Mapping[str, Any]) -> bool:
    return any(isinstance(v, pulumi.Output) for v in value.values())


class FlowJob(pulumi.dynamic.Resource, module="emrflow", name="FlowJob"):
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
        args_obj, opts = _split_args(args, kwargs)
        self._internal_init(resource_name, args_obj, opts)

    def _internal_init(
        self, resource_name: str, args: dict[str, Any], opts: pulumi.ResourceOptions | None
    ) -> None:
        if opts is None:
            opts = pulumi.ResourceOptions()
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.id is None and opts.urn is None:
            for required in _SPEC.required:
                if args.get(required) is None:
                    raise TypeError(f"Missing required property '{required}'")
        props: dict[str, Any] = {f.name: _plain(args.get(f.name)) for f in _SPEC.inputs}
        secret_outputs: list[str] = []
        for f in _SPEC.inputs:
            value = props[f.name]
            if f.secret and value is not None and _may_hold_secret(f.kind, value):
                props[f.name] = pulumi.Output.secret(value)
                secret_outputs.append(f.name)
        for f in _SPEC.computed:
            props[f.name] = None
        if secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs)
            )
        register(self, _SPEC, resource_name, props, opts)

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


def _split_args(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[dict[str, Any], pulumi.ResourceOptions | None]:
    """Tell the two call shapes apart: (opts=None, **kwargs) and (args: FlowJobArgs, opts=None)."""
    kwargs = dict(kwargs)
    if args and isinstance(args[0], FlowJobArgs):
        if len(args) > 2:
            raise TypeError("FlowJob() takes resource_name, args and opts")
        opts = args[1] if len(args) > 1 else kwargs.pop("opts", None)
        if kwargs:
            extra = ", ".join(sorted(kwargs))
            raise TypeError(f"FlowJob() got keyword arguments besides args and opts: {extra}")
        return args[0].to_dict(), opts
    if "args" in kwargs and isinstance(kwargs["args"], FlowJobArgs):
        args_obj = kwargs.pop("args")
        return args_obj.to_dict(), kwargs.pop("opts", None)
    if len(args) > 1:
        raise TypeError("FlowJob() takes resource_name and opts positionally; name the rest")
    opts = args[0] if args else kwargs.pop("opts", None)
    unknown = sorted(set(kwargs) - {f.name for f in _SPEC.inputs})
    if unknown:
        raise TypeError(f"FlowJob() got unexpected keyword argument(s): {', '.join(unknown)}")
    return kwargs, opts


for _field in _SPEC.fields:
    setattr(FlowJob, _field.name, output_property(_field.name, _field.docstring()))
del _field
FlowJob.__init__.__doc__ = (
    "Declare a FlowJob: FlowJob(resource_name, opts=None, **kwargs) or "
    "FlowJob(resource_name, args: FlowJobArgs, opts=None).\n\n" + _param_docs()
)
