"""The request builder against the official SDK request classes (aliyun-python-sdk-emr 3.3.4)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from alibabacloud_openapi_util.client import Client as OpenApiUtil

from pulumi_emrflow.api.errors import InvalidRequestError
from pulumi_emrflow.api.operations import (
    LONG_TEXT,
    OPERATIONS,
    Param,
    build_request,
    operation,
)

SAMPLES: dict[str, Any] = {
    "str": "value with space/and+plus",
    "int": 3,
    "bool": True,
    "json": '{"a":1}',
    "list": ["alice", "bob"],
    "structs": [{"Path": "oss://b/x.jar", "Alias": "x.jar"}, {"Path": "hdfs:///y.jar"}],
}


def _sdk_request(action: str) -> Any:
    module = importlib.import_module(f"aliyunsdkemr.request.v20160408.{action}Request")
    return getattr(module, f"{action}Request")()


def _sdk_setters(action: str) -> set[str]:
    cls = type(_sdk_request(action))
    return {name[4:] for name in vars(cls) if name.startswith("set_")}


def _our_name_for_setter(setter: str, op_params: set[str]) -> str:
    # The SDK pluralises repeated parameters: set_ResourceLists fills ResourceList.N.*.
    return setter if setter in op_params else setter.removesuffix("s")


@pytest.mark.parametrize("action", sorted(OPERATIONS))
def test_every_sdk_parameter_is_in_the_table_and_no_more(action: str) -> None:
    ours = set(operation(action).param_names) - {"RegionId"}
    theirs = {_our_name_for_setter(s, ours) for s in _sdk_setters(action)}
    assert ours == theirs


@pytest.mark.parametrize("action", sorted(OPERATIONS))
def test_placement_and_values_match_the_sdk(action: str) -> None:
    op = operation(action)
    sdk = _sdk_request(action)
    assert sdk.get_method() == "POST"
    params: dict[str, Any] = {}
    for param in op.params:
        if param.name == "RegionId":
            continue
        value = SAMPLES[param.type]
        params[param.name] = value
        suffix = "s" if param.type in ("list", "structs") else ""
        getattr(sdk, f"set_{param.name}{suffix}")(value)
    query, body = build_request(action, params)
    sdk_query = {k: v for k, v in sdk.get_query_params().items() if v is not None}
    sdk_body = {k: v for k, v in (sdk.get_body_params() or {}).items() if v is not None}
    # The one deliberate difference: long text fields of writes go in the body (see
    # api/operations.py); everything else is where the SDK puts it.
    moved = {k for k in sdk_query if k in LONG_TEXT and action.startswith(("Create", "Modify"))}
    sdk_body.update({k: sdk_query.pop(k) for k in moved})
    assert set(query) == set(sdk_query)
    assert set(body) == set(sdk_body)
    # Values agree too, except booleans: Python SDKs send str(True) == "True", we send "true"
    # as the Go SDK does (the service reads both).
    bools = {p.name for p in op.params if p.type == "bool"}
    for ours, theirs in ((query, sdk_query), (body, sdk_body)):
        for key, value in theirs.items():
            expected = str(value).lower() if key in bools else str(value)
            assert ours[key] == expected, key


def test_create_flow_job_body_fields_are_exactly_the_documented_ones() -> None:
    body_fields = {p.name for p in operation("CreateFlowJob").params if p.location == "body"}
    assert body_fields == {
        "AlertConf",
        "CustomVariables",
        "Description",
        "EnvConf",
        "MonitorConf",
        "ParamConf",
        "Params",
        "ResourceList",
        "RunConf",
    }
    for action in OPERATIONS:
        in_body = {p.name for p in operation(action).params if p.location == "body"}
        if action == "CreateFlowJob":
            continue
        if action.startswith(("Create", "Modify")):
            assert in_body == LONG_TEXT & set(operation(action).param_names), action
        else:
            assert in_body == set(), action


def test_flattening_matches_openapi_util_query() -> None:
    resources = [{"Path": "oss://b/a.jar", "Alias": "a.jar"}, {"Path": "oss://b/b.jar"}]
    users = ["alice", "bob", "carol"]
    _, body = build_request("CreateFlowJob", {"ResourceList": resources})
    query, _ = build_request(
        "CreateFlowProjectClusterSetting",
        {"ProjectId": "FP-1", "ClusterId": "C-1", "UserList": users},
    )
    assert body == OpenApiUtil.query({"ResourceList": resources})
    expected = OpenApiUtil.query({"UserList": users})
    assert {k: v for k, v in query.items() if k.startswith("UserList")} == expected


def test_idempotency_by_verb() -> None:
    for action, op in OPERATIONS.items():
        assert op.idempotent is (not action.startswith("Create")), action
    assert set(OPERATIONS) >= {
        f"{verb}{noun}"
        for verb in ("Create", "Describe", "Modify", "Delete", "List")
        for noun in ("FlowJob", "FlowProject", "FlowProjectClusterSetting", "FlowCategory")
    } | {"DescribeClusterV2"}


@pytest.mark.parametrize(
    ("value", "text"),
    [(3, "3"), (3.0, "3"), (0.0, "0"), (-1, "-1"), ("4", "4"), (2**40, str(2**40))],
)
def test_integers_accept_integral_floats(value: Any, text: str) -> None:
    query, _ = build_request("CreateFlowJob", {"MaxRetry": value})
    assert query == {"MaxRetry": text}


@pytest.mark.parametrize("value", [3.5, True, "three", float("nan"), [1]])
def test_integers_reject_other_values_naming_the_parameter(value: Any) -> None:
    with pytest.raises(InvalidRequestError, match="MaxRetry") as info:
        build_request("CreateFlowJob", {"MaxRetry": value})
    assert isinstance(info.value, ValueError)


def test_booleans_render_lowercase() -> None:
    assert build_request("ListFlowJob", {"Adhoc": True})[0] == {"Adhoc": "true"}
    assert build_request("ListFlowJob", {"Adhoc": False})[0] == {"Adhoc": "false"}
    assert build_request("ListFlowJob", {"Adhoc": "TRUE"})[0] == {"Adhoc": "true"}
    with pytest.raises(InvalidRequestError, match="Adhoc"):
        build_request("ListFlowJob", {"Adhoc": 1})


def test_json_fields_verbatim_or_compact_encoded() -> None:
    text = '{ "priority": 1 }'
    _, body = build_request("CreateFlowJob", {"RunConf": text})
    assert body == {"RunConf": text}
    _, body = build_request(
        "CreateFlowJob", {"EnvConf": {"k": "中文", "n": [1, 2]}, "ParamConf": {}}
    )
    assert body == {"EnvConf": '{"k":"中文","n":[1,2]}', "ParamConf": "{}"}
    _, body = build_request("ModifyFlowJob", {"Id": "FJ-1", "ProjectId": "FP-1", "RunConf": {}})
    assert body["RunConf"] == "{}"
    with pytest.raises(InvalidRequestError, match="RunConf"):
        build_request("CreateFlowJob", {"RunConf": 5})


def test_none_is_skipped_everywhere() -> None:
    query, body = build_request(
        "CreateFlowJob",
        {"Name": None, "ResourceList": [{"Path": "oss://p", "Alias": None}], "MaxRetry": None},
    )
    assert query == {}
    assert body == {"ResourceList.1.Path": "oss://p"}


def test_bad_lists_and_structs() -> None:
    with pytest.raises(InvalidRequestError, match="UserList: must be a list, not str"):
        build_request("ModifyFlowProjectClusterSetting", {"UserList": "alice"})
    with pytest.raises(InvalidRequestError, match=r"unknown field 'path'.*Path, Alias"):
        build_request("CreateFlowJob", {"ResourceList": [{"path": "x"}]})
    with pytest.raises(InvalidRequestError, match="item 1 must be a mapping"):
        build_request("CreateFlowJob", {"ResourceList": ["oss://x"]})
    assert build_request("ModifyFlowProjectClusterSetting", {"UserList": []}) == ({}, {})


def test_unknown_parameter_names_it_and_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidRequestError) as info:
        build_request("DescribeFlowJob", {"JobId": "FJ-1", "Id": "FJ-1"})
    text = str(info.value)
    assert "'JobId'" in text
    assert "valid: Id, ProjectId, RegionId" in text
    assert "\n" not in text


def test_all_problems_are_reported_together() -> None:
    with pytest.raises(InvalidRequestError) as info:
        build_request("CreateFlowJob", {"MaxRetry": 1.5, "Bogus": 1, "Adhoc": "maybe"})
    text = str(info.value)
    assert "MaxRetry" in text and "'Bogus'" in text and "Adhoc" in text


def test_unknown_action() -> None:
    with pytest.raises(InvalidRequestError, match="unknown action 'UpdateFlowProject'"):
        build_request("UpdateFlowProject", {})


def test_param_defaults() -> None:
    assert Param("X") == Param("X", "str", "query", False, ())
