"""The EMR Flow operations as data, and the pure request builder they drive.

One row per operation: its action name, whether repeating it is harmless, and each parameter's
API name, type and location (query string or form body). The placement follows the official
``aliyun-python-sdk-emr`` request classes (emr-flow-api.md 1.2 and 3), with one deliberate
difference: the SDK sends ``CreateFlowJob``'s long fields in an
``application/x-www-form-urlencoded`` body but every other call's in the query string, so a 60 KB
script fits a create and not an update (URLs are limited; gateways commonly stop at 8-64 KB). The
RPC gateway reads parameters from a form body as well as the query (emr-flow-api.md 1.2), so
every write here sends the long text fields (``LONG_TEXT``) in the body; the rest stays where the
SDK puts it. The body also keeps values such as password variables out of URLs, which proxies and
access logs record. ``build_request`` turns caller values into the flat ``Name.N.Field`` text the
RPC protocol carries; it is pure, so it is tested without HTTP (tests/api/test_request_builder.py
checks it against the SDK's request classes). A resource defined outside this package brings
the rows of its own actions (``add_operations``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pulumi_emrflow.api.errors import InvalidRequestError

API_VERSION = "2016-04-08"

ParamType = Literal["str", "int", "bool", "json", "list", "structs"]
Location = Literal["query", "body"]


@dataclass(frozen=True)
class Param:
    """One request parameter.

    ``type`` is how a caller's value is rendered: ``str`` as is; ``int`` as decimal text (an
    integral float such as ``3.0`` is accepted, since Pulumi hands numbers over as floats);
    ``bool`` as ``true``/``false``; ``json`` verbatim when a string, else compact JSON;
    ``list`` (of strings) as ``Name.1``, ``Name.2``, ...; ``structs`` (a list of mappings whose
    keys are ``fields``) as ``Name.1.Field``, ...
    """

    name: str
    type: ParamType = "str"
    location: Location = "query"
    required: bool = False
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    """One API action. ``idempotent`` is True when sending it twice has the effect of sending it
    once (Describe/List/Modify/Delete); only those are retried when an answer is lost."""

    action: str
    idempotent: bool
    params: tuple[Param, ...]

    def param(self, name: str) -> Param | None:
        for param in self.params:
            if param.name == name:
                return param
        return None

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(param.name for param in self.params)


# RegionId is a common parameter every operation takes (the client fills it in when absent).
_REGION = Param("RegionId")


LONG_TEXT = frozenset(
    {
        "Params",
        "ParamConf",
        "EnvConf",
        "RunConf",
        "CustomVariables",
        "MonitorConf",
        "AlertConf",
        "Description",
        "Graph",
    }
)
"""Fields that can be long (scripts, JSON configurations, descriptions): in the body of writes."""

_WRITES = ("Create", "Modify")


def _op(action: str, *params: Param) -> Operation:
    # Describe/List read; Modify/Delete converge on the same end state; Create makes a new object.
    if action.startswith(_WRITES):
        params = tuple(
            dataclasses.replace(p, location="body") if p.name in LONG_TEXT else p for p in params
        )
    return Operation(action, idempotent=not action.startswith("Create"), params=(_REGION, *params))


def _q(name: str, type_: ParamType = "str", *, required: bool = False) -> Param:
    return Param(name, type_, "query", required)


def _b(name: str, type_: ParamType = "str", *, required: bool = False) -> Param:
    return Param(name, type_, "body", required)


_PAGING = (_q("PageNumber", "int"), _q("PageSize", "int"))
_ID_IN_PROJECT = (_q("Id", required=True), _q("ProjectId", required=True))
_PROJECT_CLUSTER = (_q("ProjectId", required=True), _q("ClusterId", required=True))
_SETTING_FIELDS = (
    _q("DefaultUser"),
    _q("DefaultQueue"),
    _q("UserList", "list"),
    _q("QueueList", "list"),
    _q("HostList", "list"),
)
_JOB_COMMON = (
    _q("FailAct"),
    _q("MaxRetry", "int"),
    _q("RetryPolicy"),
    _q("MaxRunningTimeSec", "int"),
    _q("RetryInterval", "int"),
    _q("Mode"),
    _q("ClusterId"),
    _q("AlertConf", "json"),
)
_JOB_TEXT = ("Params", "ParamConf", "CustomVariables", "EnvConf", "RunConf", "MonitorConf")


def _job_text(location: Location) -> tuple[Param, ...]:
    return tuple(Param(name, "str" if name == "Params" else "json", location) for name in _JOB_TEXT)


def _resources(location: Location) -> Param:
    return Param("ResourceList", "structs", location, fields=("Path", "Alias"))


def _flow_fields() -> tuple[Param, ...]:
    """What CreateFlowForWeb and ModifyFlowForWeb share beyond the name and description."""
    return (
        _q("ClusterId"),
        _q("CreateCluster", "bool"),
        _q("CronExpr"),
        _q("StartSchedule", "int"),
        _q("EndSchedule", "int"),
        _q("HostName"),
        _q("ParentCategory"),
        _q("ParentFlowList"),
        _q("AlertConf", "json"),
        _q("AlertUserGroupBizId"),
        _q("AlertDingDingGroupBizId"),
        _q("Graph", "json"),
        _q("Namespace"),
        _q("Lifecycle"),
        _q("LogArchiveLocation"),
    )


_OPERATIONS: tuple[Operation, ...] = (
    # Flow jobs (3.1 - 3.5)
    _op(
        "CreateFlowJob",
        _q("ProjectId", required=True),
        _q("Name", required=True),
        _b("Description", required=True),
        _q("Type", required=True),
        *_JOB_COMMON,
        *_job_text("body"),
        _q("ParentCategory"),
        _q("Adhoc", "bool"),
        _resources("body"),
    ),
    _op("DescribeFlowJob", *_ID_IN_PROJECT),
    _op(
        "ModifyFlowJob",
        *_ID_IN_PROJECT,
        _q("Name"),
        _q("Description"),
        *_JOB_COMMON,
        *_job_text("query"),
        _resources("query"),
    ),
    _op("DeleteFlowJob", *_ID_IN_PROJECT),
    _op(
        "ListFlowJob",
        _q("ProjectId", required=True),
        _q("Id"),
        _q("Name"),
        _q("Type"),
        _q("Adhoc", "bool"),
        *_PAGING,
    ),
    # Flow projects (3.6 - 3.10)
    _op(
        "CreateFlowProject",
        _q("Name", required=True),
        _q("Description", required=True),
        _q("ProductType"),
        _q("ResourceGroupId"),
    ),
    _op("DescribeFlowProject", _q("ProjectId", required=True)),
    _op("ModifyFlowProject", _q("ProjectId", required=True), _q("Name"), _q("Description")),
    _op("DeleteFlowProject", _q("ProjectId", required=True)),
    _op(
        "ListFlowProject",
        _q("ProjectId"),
        _q("Name"),
        _q("ProductType"),
        _q("ResourceGroupId"),
        *_PAGING,
    ),
    # Project cluster settings (3.19 - 3.23)
    _op("CreateFlowProjectClusterSetting", *_PROJECT_CLUSTER, *_SETTING_FIELDS),
    _op("DescribeFlowProjectClusterSetting", *_PROJECT_CLUSTER),
    _op("ModifyFlowProjectClusterSetting", *_PROJECT_CLUSTER, *_SETTING_FIELDS),
    _op("DeleteFlowProjectClusterSetting", *_PROJECT_CLUSTER),
    _op("ListFlowProjectClusterSetting", _q("ProjectId", required=True), *_PAGING),
    # Categories (3.11 - 3.13)
    _op(
        "CreateFlowCategory",
        _q("ProjectId", required=True),
        _q("Name", required=True),
        _q("Type", required=True),
        _q("ParentId"),
    ),
    _op("DescribeFlowCategory", *_ID_IN_PROJECT),
    _op("ModifyFlowCategory", *_ID_IN_PROJECT, _q("Name"), _q("ParentId")),
    _op("DeleteFlowCategory", *_ID_IN_PROJECT),
    _op(
        "ListFlowCategory",
        _q("ProjectId", required=True),
        _q("ParentId"),
        _q("Root", "bool"),
        *_PAGING,
    ),
    # Flows (3.14 - 3.18): the ForWeb pair, which carries the DAG as Graph JSON
    _op(
        "CreateFlowForWeb",
        _q("ProjectId", required=True),
        _q("Name", required=True),
        _q("Description", required=True),
        *_flow_fields(),
    ),
    _op("DescribeFlow", *_ID_IN_PROJECT),
    _op(
        "ModifyFlowForWeb",
        *_ID_IN_PROJECT,
        _q("Name"),
        _q("Description"),
        *_flow_fields(),
        _q("Status"),
        _q("Periodic", "bool"),
    ),
    _op("DeleteFlow", *_ID_IN_PROJECT),
    _op(
        "ListFlow",
        _q("ProjectId"),
        _q("Id"),
        _q("Name"),
        _q("JobId"),
        _q("ClusterId"),
        _q("Status"),
        _q("Periodic", "bool"),
        *_PAGING,
    ),
    # Clusters, read only (3.24)
    _op("DescribeClusterV2", _q("Id", required=True), _q("ResourceOwnerId", "int")),
)

_TABLE: dict[str, Operation] = {op.action: op for op in _OPERATIONS}
OPERATIONS: Mapping[str, Operation] = _TABLE


def add_operations(rows: Sequence[Operation]) -> None:
    """Add the rows of actions the table does not have yet; a different row for an action it
    has is refused (two resources cannot disagree about one action)."""
    for row in rows:
        known = _TABLE.setdefault(row.action, row)
        if known != row:
            raise ValueError(f"operation {row.action!r} is already defined differently")


def operation(action: str) -> Operation:
    """The table row for ``action``; InvalidRequestError listing the known actions otherwise."""
    try:
        return OPERATIONS[action]
    except KeyError:
        known = ", ".join(sorted(OPERATIONS))
        raise InvalidRequestError(f"unknown action {action!r}; known actions: {known}") from None


def build_request(action: str, params: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Turn ``params`` (API parameter names to Python values) into ``(query, body)`` text maps.

    ``None`` values (and ``None`` fields inside structs) are skipped. Every problem is collected
    and raised together as one InvalidRequestError naming each parameter, so a caller fixes them
    in one round. Common parameters (Action, signature, ...) are not added here.
    """
    op = operation(action)
    query: dict[str, str] = {}
    body: dict[str, str] = {}
    problems: list[str] = []
    for name, value in params.items():
        param = op.param(name)
        if param is None:
            valid = ", ".join(sorted(op.param_names))
            problems.append(f"unknown parameter {name!r} (valid: {valid})")
            continue
        if value is None:
            continue
        target = body if param.location == "body" else query
        try:
            target.update(_flatten(param, value))
        except _BadValue as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        raise InvalidRequestError(f"{action}: " + "; ".join(problems))
    return query, body


class _BadValue(Exception):
    pass


def _flatten(param: Param, value: Any) -> dict[str, str]:
    if param.type == "list":
        items = _as_list(value)
        return {f"{param.name}.{i}": _scalar(item, "str") for i, item in enumerate(items, 1)}
    if param.type == "structs":
        out: dict[str, str] = {}
        for i, item in enumerate(_as_list(value), 1):
            if not isinstance(item, Mapping):
                raise _BadValue(f"item {i} must be a mapping with keys {'/'.join(param.fields)}")
            for field, field_value in item.items():
                if field not in param.fields:
                    raise _BadValue(
                        f"item {i} has unknown field {field!r} (valid: {', '.join(param.fields)})"
                    )
                if field_value is not None:
                    out[f"{param.name}.{i}.{field}"] = _scalar(field_value, "str")
        return out
    return {param.name: _scalar(value, param.type)}


def _as_list(value: Any) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise _BadValue(f"must be a list, not {type(value).__name__}")
    return value


def _scalar(value: Any, type_: ParamType) -> str:
    if type_ == "int":
        return _integer(value)
    if type_ == "bool":
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower()
        raise _BadValue(f"must be a boolean, not {_show(value)}")
    if type_ == "json":
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping | list | tuple):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        raise _BadValue(f"must be JSON text or a dict/list, not {type(value).__name__}")
    if isinstance(value, str):
        return value
    raise _BadValue(f"must be a string, not {_show(value)}")


def _integer(value: Any) -> str:
    if isinstance(value, bool):
        raise _BadValue(f"must be an integer, not {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        raise _BadValue(f"must be an integer, not {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit():
            return str(int(text))
    raise _BadValue(f"must be an integer, not {_show(value)}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"a {type(value).__name__}"
