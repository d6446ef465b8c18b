"""Check, diff, request building and Describe normalisation for FlowProject,
FlowProjectClusterSetting and FlowCategory (pure: driven by their specs, no API call)."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_emrflow.specs import get_spec, wire
from pulumi_emrflow.specs.resource import ResourceSpec

PROJECT = "FP-257A173659F59685"
CLUSTER = "C-1234567890ABCDEF"
FOLDER = "FC-0123456789ABCDEF"
MISSING = object()
P, S, C = "flow_project", "flow_project_cluster_setting", "flow_category"

BASES: dict[str, dict[str, Any]] = {
    "flow_project": {"name": "etl", "description": "nightly ETL"},
    "flow_project_cluster_setting": {"project_id": PROJECT, "cluster_id": CLUSTER},
    "flow_category": {"project_id": PROJECT, "name": "jobs", "type": "JOB"},
}

# (spec, case, property, value (MISSING removes it), expected failure property, expected text)
INVALID: list[tuple[str, str, str, Any, str, str]] = [
    (P, "no-name", "name", MISSING, "name", "missing required property"),
    (P, "empty-name", "name", "", "name", "expected a string of at most 256"),
    (P, "long-name", "name", "n" * 257, "name", "is 257 characters long; at most 256"),
    (P, "name-number", "name", 7, "name", "expected a string, got 7"),
    (P, "no-description", "description", MISSING, "description", "missing required"),
    (P, "empty-desc", "description", "", "description", "missing required property"),
    (
        P,
        "product",
        "product_type",
        "ECS",
        "product_type",
        "'ECS' is not allowed; expected one of EMR",
    ),
    (P, "product-lower", "product_type", "emr", "product_type", "'emr' is not allowed"),
    (P, "rg-number", "resource_group_id", 3, "resource_group_id", "expected a string"),
    (P, "adopt-text", "adopt", "yes", "adopt", "expected true or false, got 'yes'"),
    (P, "output", "project_id", "FP-1", "project_id", "an output only"),
    (P, "typo", "nmae", "x", "nmae", "unknown property 'nmae'; allowed: name, "),
    (
        S,
        "no-project",
        "project_id",
        MISSING,
        "project_id",
        "missing required property; expected the id of a flow project (FP-...)",
    ),
    (
        S,
        "no-cluster",
        "cluster_id",
        MISSING,
        "cluster_id",
        "expected the id of an EMR cluster (C-...)",
    ),
    (
        S,
        "swapped",
        "cluster_id",
        PROJECT,
        "cluster_id",
        f"'{PROJECT}' is not the id of an EMR cluster; expected C-...",
    ),
    (
        S,
        "bad-project",
        "project_id",
        "proj-1",
        "project_id",
        "'proj-1' is not the id of a flow project",
    ),
    (S, "spaced", "project_id", " FP-1", "project_id", "is not the id of a flow project"),
    (S, "users-text", "users", "hadoop", "users", "expected a list of strings, got 'hadoop'"),
    (S, "users-number", "users", ["a", 1], "users", "item 1: expected a non-empty string, got 1"),
    (S, "users-empty", "users", [""], "users", "item 0: expected a non-empty string"),
    (S, "users-twice", "users", ["a", "a"], "users", "item 1: 'a' is listed twice"),
    (S, "queues-dict", "queues", {"q": 1}, "queues", "expected a list of strings"),
    (
        S,
        "hosts-none-item",
        "hosts",
        [None],
        "hosts",
        "item 0: expected a non-empty string, got None",
    ),
    (S, "user-number", "default_user", 5, "default_user", "expected a string, got 5"),
    (S, "gmt", "gmt_create", 1, "gmt_create", "an output only"),
    (C, "no-project", "project_id", MISSING, "project_id", "missing required property"),
    (
        C,
        "bad-project",
        "project_id",
        "C-1",
        "project_id",
        "'C-1' is not the id of a flow project; expected FP-...",
    ),
    (C, "no-name", "name", MISSING, "name", "missing required property; expected a string"),
    (
        C,
        "no-type",
        "type",
        MISSING,
        "type",
        "missing required property; expected one of FLOW|JOB|ADHOC",
    ),
    (
        C,
        "type-folder",
        "type",
        "FOLDER",
        "type",
        "'FOLDER' is not allowed; expected one of FLOW|JOB|ADHOC",
    ),
    (C, "type-lower", "type", "job", "type", "'job' is not allowed"),
    (
        C,
        "parent-root",
        "parent_id",
        "root_parent",
        "parent_id",
        "'root_parent' is how the service reports the top level; leave it unset",
    ),
    (
        C,
        "parent-project",
        "parent_id",
        PROJECT,
        "parent_id",
        "is not the id of a folder; expected FC-...",
    ),
    (
        C,
        "parent-number",
        "parent_id",
        1,
        "parent_id",
        "expected the id of a folder (FC-...), got 1",
    ),
    (C, "category-id", "category_id", FOLDER, "category_id", "an output only"),
]


@pytest.mark.parametrize(
    ("spec_name", "prop", "value", "failed", "text"),
    [pytest.param(s, p, v, f, t, id=f"{s}:{c}") for s, c, p, v, f, t in INVALID],
)
def test_each_invalid_input_fails_on_its_own_property(
    spec_name: str, prop: str, value: Any, failed: str, text: str
) -> None:
    news = dict(BASES[spec_name])
    if value is MISSING:
        news.pop(prop, None)
    else:
        news[prop] = value
    _, failures = get_spec(spec_name).check(news)
    assert [f.property for f in failures] == [failed]
    assert text in failures[0].reason and not failures[0].reason.startswith(f"{failed}:")


def test_every_spec_has_at_least_ten_invalid_cases() -> None:
    for name in BASES:
        assert sum(1 for case in INVALID if case[0] == name) >= 10


@pytest.mark.parametrize("spec_name", list(BASES))
def test_valid_inputs_pass_and_unknowns_never_fail(spec_name: str) -> None:
    spec = get_spec(spec_name)
    assert spec.check(BASES[spec_name])[1] == []
    unknowns = {f.name: Unknown() for f in spec.inputs}
    assert spec.check(unknowns)[1] == []


def test_setting_defaults_are_filled_in_by_check() -> None:
    spec = get_spec("flow_project_cluster_setting")
    checked, _ = spec.check({**BASES["flow_project_cluster_setting"], "default_user": ""})
    assert checked["default_user"] == "hadoop" and checked["default_queue"] == "default"


def _outs(spec: ResourceSpec, props: dict[str, Any], id_: str) -> dict[str, Any]:
    checked, failures = spec.check(props)
    assert failures == []
    return wire.outputs(spec, id_, checked)


PROJECT_FULL = {**BASES["flow_project"], "resource_group_id": "rg-1", "product_type": "EMR"}
SETTING_FULL = {
    **BASES["flow_project_cluster_setting"],
    "default_user": "etl",
    "users": ["etl", "hadoop"],
    "queues": ["default"],
    "hosts": ["emr-header-1"],
}
CATEGORY_FULL = {**BASES["flow_category"], "parent_id": FOLDER}
FULL = {
    "flow_project": (PROJECT_FULL, PROJECT),
    "flow_project_cluster_setting": (SETTING_FULL, f"{PROJECT}:{CLUSTER}"),
    "flow_category": (CATEGORY_FULL, "FC-NEW0000000000000"),
}

# (spec, case, changed inputs, expected changes, expected replaces, delete first)
DIFFS: list[tuple[str, str, dict[str, Any], list[str], list[str], bool]] = [
    (P, "nothing", {}, [], [], False),
    (P, "name", {"name": "etl2"}, ["name"], [], False),
    (P, "description", {"description": "x"}, ["description"], [], False),
    (P, "unknown-desc", {"description": Unknown()}, ["description"], [], False),
    # project names need not be unique: the new project is made before the old one goes
    (P, "rg", {"resource_group_id": "rg-2"}, ["resource_group_id"], ["resource_group_id"], False),
    (P, "product-removed", {"product_type": None}, ["product_type"], ["product_type"], False),
    (P, "region", {"region": "cn-beijing"}, ["region"], ["region"], False),
    (P, "adopt", {"adopt": True}, [], [], False),
    (S, "nothing", {}, [], [], False),
    (S, "user", {"default_user": "hadoop"}, ["default_user"], [], False),
    (S, "queue-default", {"default_queue": None}, [], [], False),
    (S, "users-order", {"users": ["hadoop", "etl"]}, ["users"], [], False),
    (S, "users-added", {"users": ["etl", "hadoop", "x"]}, ["users"], [], False),
    (S, "users-tuple", {"users": ("etl", "hadoop")}, [], [], False),
    # removing every entry cannot be sent: a new setting, the old one deleted first (unique)
    (S, "hosts-removed", {"hosts": None}, ["hosts"], ["hosts"], True),
    (S, "queues-emptied", {"queues": []}, ["queues"], ["queues"], True),
    (S, "cluster", {"cluster_id": "C-OTHER"}, ["cluster_id"], ["cluster_id"], False),
    (S, "project-unknown", {"project_id": Unknown()}, ["project_id"], ["project_id"], False),
    (S, "users-unknown-item", {"users": ["etl", Unknown()]}, ["users"], [], False),
    (C, "nothing", {}, [], [], False),
    (C, "rename", {"name": "j2"}, ["name"], [], False),
    (C, "move", {"parent_id": "FC-OTHER"}, ["parent_id"], [], False),
    (C, "to-root", {"parent_id": None}, ["parent_id"], [], False),
    (C, "parent-unknown", {"parent_id": Unknown()}, ["parent_id"], [], False),
    (C, "type", {"type": "FLOW"}, ["type"], ["type"], False),
    (C, "project", {"project_id": "FP-OTHER"}, ["project_id"], ["project_id"], False),
]


@pytest.mark.parametrize(
    ("spec_name", "changed", "changes", "replaces", "delete_first"),
    [pytest.param(s, ch, c, r, d, id=f"{s}:{case}") for s, case, ch, c, r, d in DIFFS],
)
def test_diff_tells_update_from_replace(
    spec_name: str,
    changed: dict[str, Any],
    changes: list[str],
    replaces: list[str],
    delete_first: bool,
) -> None:
    spec = get_spec(spec_name)
    props, id_ = FULL[spec_name]
    olds = _outs(spec, props, id_)
    news = {k: v for k, v in {**props, **changed}.items() if v is not None}
    checked, _ = spec.check(news)
    result = spec.diff(olds, checked)
    assert list(result.changes) == changes and list(result.replaces) == replaces
    assert result.delete_before_replace is delete_first


def test_project_requests_address_it_by_project_id() -> None:
    spec = get_spec("flow_project")
    assert wire.create_params(spec, PROJECT_FULL) == {
        "Name": "etl",
        "Description": "nightly ETL",
        "ResourceGroupId": "rg-1",
        "ProductType": "EMR",
    }
    olds = _outs(spec, PROJECT_FULL, PROJECT)
    news = {**PROJECT_FULL, "name": "etl2"}
    assert wire.modify_params(spec, PROJECT, news, olds) == {
        "ProjectId": PROJECT,
        "Name": "etl2",
        "Description": "nightly ETL",
    }
    assert wire.key_params(spec, PROJECT, olds) == {"ProjectId": PROJECT}
    assert wire.lookup_params(spec, news) == {"Name": "etl2"}
    assert olds["project_id"] == PROJECT


def test_project_read_keeps_what_describe_does_not_echo() -> None:
    spec = get_spec("flow_project")
    olds = _outs(spec, PROJECT_FULL, PROJECT)
    item = {"Id": PROJECT, "Name": "etl", "Description": "changed", "UserId": "123",
            "GmtCreate": 1, "GmtModified": 2}  # fmt: skip
    outs = wire.state_from_api(spec, PROJECT, item, olds)
    assert outs["description"] == "changed" and outs["resource_group_id"] == "rg-1"
    assert outs["product_type"] == "EMR" and outs["user_id"] == "123"
    assert outs["project_id"] == PROJECT and outs["gmt_modified"] == 2


def test_setting_requests_are_addressed_by_project_and_cluster() -> None:
    spec = get_spec("flow_project_cluster_setting")
    id_ = f"{PROJECT}:{CLUSTER}"
    assert spec.compose_id(SETTING_FULL) == id_ and spec.parse_id(id_) == {
        "project_id": PROJECT,
        "cluster_id": CLUSTER,
    }
    olds = _outs(spec, SETTING_FULL, id_)
    assert wire.key_params(spec, id_, olds) == {"ProjectId": PROJECT, "ClusterId": CLUSTER}
    params = wire.modify_params(spec, id_, {**olds, "users": ["etl"]}, olds)
    assert params == {
        "ProjectId": PROJECT,
        "ClusterId": CLUSTER,
        "DefaultUser": "etl",
        "DefaultQueue": "default",
        "UserList": ["etl"],
        "QueueList": ["default"],
        "HostList": ["emr-header-1"],
    }
    assert wire.lookup_params(spec, olds) == {"ProjectId": PROJECT}


@pytest.mark.parametrize(
    "bad", ["", PROJECT, f"{PROJECT}:", f"{PROJECT}:{CLUSTER}:x", f"{CLUSTER}:{PROJECT}", " : "]
)
def test_a_malformed_setting_id_is_refused_with_its_form(bad: str) -> None:
    with pytest.raises(ValueError, match="<project_id>:<cluster_id>"):
        get_spec("flow_project_cluster_setting").parse_id(bad)


def test_setting_read_gives_lists_back_in_service_order_and_matches_list_items() -> None:
    spec = get_spec("flow_project_cluster_setting")
    id_ = f"{PROJECT}:{CLUSTER}"
    olds = _outs(spec, SETTING_FULL, id_)
    item = {"ProjectId": PROJECT, "ClusterId": CLUSTER, "DefaultUser": "etl",
            "DefaultQueue": "default", "UserList": {"User": ["etl", "hadoop"]},
            "QueueList": {"Queue": ["default"]}, "HostList": {"Host": []}}  # fmt: skip
    outs = wire.state_from_api(spec, id_, item, olds)
    assert outs["users"] == ["etl", "hadoop"] and outs["hosts"] is None
    assert spec.id_of(item) == id_
    assert wire.matches_identity(spec, item, olds)
    assert not wire.matches_identity(spec, {**item, "ClusterId": "C-OTHER"}, olds)


def test_category_root_parent_reads_as_unset_and_a_move_to_root_is_sent() -> None:
    spec = get_spec("flow_category")
    id_ = "FC-NEW0000000000000"
    olds = _outs(spec, CATEGORY_FULL, id_)
    item = {
        "Id": id_,
        "Name": "jobs",
        "Type": "JOB",
        "ProjectId": PROJECT,
        "ParentId": "root_parent",
    }
    outs = wire.state_from_api(spec, id_, item, olds)
    assert outs["parent_id"] is None and outs["category_id"] == id_
    news = {k: v for k, v in CATEGORY_FULL.items() if k != "parent_id"}
    assert wire.modify_params(spec, id_, news, olds) == {
        "Id": id_,
        "ProjectId": PROJECT,
        "Name": "jobs",
        "ParentId": "",
    }
    assert wire.matches_identity(spec, item, news)  # a root folder named jobs
    assert not wire.matches_identity(spec, item, olds)  # not the one under FOLDER
