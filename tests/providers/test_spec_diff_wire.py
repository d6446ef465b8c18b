"""Diff, request building and Describe normalisation, driven by the FlowJob spec (pure)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_emrflow.specs import get_spec, wire
from pulumi_emrflow.specs.flow_job import FLOW_JOB

PROJECT = "FP-257A173659F59685"
JOB: dict[str, Any] = {
    "project_id": PROJECT,
    "name": "my_shell_job",
    "description": "a job",
    "type": "SHELL",
    "resources": [{"path": "oss://b/demo.jar", "alias": "demo.jar"}],
    "fail_act": "STOP",
    "max_retry": 3,
    "retry_interval": 200,
    "params": "ls -l",
    "param_conf": {"date": "${yyyy-MM-dd}"},
    "custom_variables": [
        {"name": "v1", "value": "1", "password": True},
        {"name": "v2", "value": "x"},
    ],
    "env_conf": {"key": "value"},
    "run_conf": {"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1},
    "mode": "YARN",
    "adhoc": False,
    "cluster_id": "C-1234567890ABCDEF",
}
OUTS = wire.outputs(FLOW_JOB, "FJ-1", JOB)

# (case, changed inputs, expected changes, expected replaces)
DIFFS: list[tuple[str, dict[str, Any], list[str], list[str]]] = [
    ("nothing", {}, [], []),
    ("description", {"description": "new"}, ["description"], []),
    ("name", {"name": "renamed"}, ["name"], []),
    ("max_retry", {"max_retry": 4}, ["max_retry"], []),
    ("float-equal", {"max_retry": 3.0}, [], []),
    ("mode", {"mode": "LOCAL"}, ["mode"], []),
    ("resources", {"resources": [{"path": "hdfs:///x"}]}, ["resources"], []),
    ("resources-removed", {"resources": None}, ["resources"], ["resources"]),
    (
        "run_conf-as-text",
        {"run_conf": '{"cores":1,"memory":2048,"priority":1,"userName":"hadoop"}'},
        [],
        [],
    ),
    (
        "run_conf-changed",
        {"run_conf": {"priority": 2, "user_name": "hadoop", "memory": 2048, "cores": 1}},
        ["run_conf"],
        [],
    ),
    ("env-as-text", {"env_conf": '{ "key" : "value" }'}, [], []),
    (
        "vars-as-text",
        {
            "custom_variables": json.dumps(
                {
                    "scope": "PROJECT",
                    "entityId": PROJECT,
                    "variables": [
                        {"name": "v1", "value": "1", "properties": {"password": True}},
                        {"name": "v2", "value": "x"},
                    ],
                }
            )
        },
        [],
        [],
    ),
    (
        "var-value",
        {"custom_variables": [{"name": "v1", "value": "2", "password": True}]},
        ["custom_variables"],
        [],
    ),
    ("project", {"project_id": "FP-OTHER"}, ["project_id", "custom_variables"], ["project_id"]),
    ("type", {"type": "HIVE"}, ["type"], ["type"]),
    ("adhoc", {"adhoc": True}, ["adhoc"], ["adhoc"]),
    ("adhoc-unset-is-false", {"adhoc": None}, [], []),
    ("category", {"parent_category": "FC-1"}, ["parent_category"], ["parent_category"]),
    ("region", {"region": "cn-shanghai"}, ["region"], ["region"]),
    ("adopt-ignored", {"adopt": True}, [], []),
    ("unknown-update", {"description": Unknown()}, ["description"], []),
    ("unknown-replace", {"type": Unknown()}, ["type"], ["type"]),
    ("unknown-nested", {"resources": [{"path": Unknown()}]}, ["resources"], []),
    (
        "unknown-project",
        {"project_id": Unknown()},
        ["project_id", "custom_variables"],
        ["project_id"],
    ),
]


@pytest.mark.parametrize(
    ("changed", "changes", "replaces"), [c[1:] for c in DIFFS], ids=[c[0] for c in DIFFS]
)
def test_diff(changed: dict[str, Any], changes: list[str], replaces: list[str]) -> None:
    news = {**JOB, **changed, "__provider": "something else entirely"}
    result = FLOW_JOB.diff({**OUTS, "__provider": "x"}, news)
    assert sorted(result.changes) == sorted(changes)
    assert sorted(result.replaces) == sorted(replaces)


def test_replacing_under_the_same_name_deletes_first() -> None:
    assert FLOW_JOB.diff(OUTS, {**JOB, "type": "HIVE"}).delete_before_replace
    moved = FLOW_JOB.diff(OUTS, {**JOB, "type": "HIVE", "name": "other"})
    assert not moved.delete_before_replace


def test_create_params_map_every_field_to_the_api_form() -> None:
    params = wire.create_params(FLOW_JOB, {**JOB, "region": "cn-hangzhou", "adopt": True})
    assert params == {
        "ProjectId": PROJECT,
        "Name": "my_shell_job",
        "Description": "a job",
        "Type": "SHELL",
        "ResourceList": [{"Path": "oss://b/demo.jar", "Alias": "demo.jar"}],
        "FailAct": "STOP",
        "MaxRetry": 3,
        "RetryInterval": 200,
        "Params": "ls -l",
        "ParamConf": '{"date":"${yyyy-MM-dd}"}',
        "CustomVariables": params["CustomVariables"],
        "EnvConf": '{"key":"value"}',
        "RunConf": '{"priority":1,"userName":"hadoop","memory":2048,"cores":1}',
        "Mode": "YARN",
        "Adhoc": False,
        "ClusterId": "C-1234567890ABCDEF",
    }
    assert json.loads(params["CustomVariables"]) == {
        "scope": "PROJECT",
        "entityId": PROJECT,
        "variables": [
            {"name": "v1", "value": "1", "properties": {"password": True}},
            {"name": "v2", "value": "x"},
        ],
    }


def test_raw_json_text_is_sent_verbatim() -> None:
    text = '{"priority": 1, "userName": "hadoop"}'
    assert wire.create_params(FLOW_JOB, {**JOB, "run_conf": text})["RunConf"] == text


def test_modify_sends_the_whole_state_and_clears_removals() -> None:
    news = {k: v for k, v in JOB.items() if k not in ("params", "max_retry", "env_conf")}
    params = wire.modify_params(FLOW_JOB, "FJ-1", news, OUTS)
    assert params["Id"] == "FJ-1" and params["ProjectId"] == PROJECT
    assert params["Params"] == "" and params["EnvConf"] == "" and params["MaxRetry"] == 0
    assert params["Name"] == "my_shell_job" and params["ClusterId"] == "C-1234567890ABCDEF"
    for fixed in ("Type", "Adhoc", "ParentCategory"):
        assert fixed not in params  # ModifyFlowJob does not take them
    assert "RetryPolicy" not in params  # never set: omitted (= unchanged, still unset)


def _describe_answer(**overrides: Any) -> dict[str, Any]:
    """A DescribeFlowJob answer as the wire has it (mode lower case, Adhoc a string, lists
    double-wrapped, JSON echoed verbatim, no ProjectId/ClusterId/ParentCategory)."""
    answer: dict[str, Any] = {
        "RequestId": "R",
        "Id": "FJ-1",
        "Name": "my_shell_job",
        "Type": "SHELL",
        "Description": "a job",
        "FailAct": "STOP",
        "MaxRetry": 3,
        "RetryInterval": 200,
        "Params": "ls -l",
        "ParamConf": '{"date":"${yyyy-MM-dd}"}',
        "CustomVariables": wire.create_params(FLOW_JOB, JOB)["CustomVariables"],
        "EnvConf": '{"key":"value"}',
        "RunConf": '{"priority":1,"userName":"hadoop","memory":2048,"cores":1}',
        "mode": "YARN",
        "Adhoc": "false",
        "CategoryId": "FC-ROOT",
        "GmtCreate": 1700000000000,
        "GmtModified": 1700000000001,
        "ResourceList": {"Resource": [{"Path": "oss://b/demo.jar", "Alias": "demo.jar"}]},
    }
    answer.update(overrides)
    return answer


def test_an_unchanged_job_reads_back_with_no_diff() -> None:
    outs = wire.state_from_api(FLOW_JOB, "FJ-1", _describe_answer(), OUTS)
    assert {k: outs[k] for k in JOB} == JOB  # same forms as the inputs, not just same meaning
    assert outs["job_id"] == "FJ-1"
    assert (outs["gmt_create"], outs["gmt_modified"]) == (1700000000000, 1700000000001)
    assert outs["category_id"] == "FC-ROOT"
    assert FLOW_JOB.diff(outs, JOB).changes == ()


def test_text_inputs_stay_text_when_unchanged() -> None:
    olds = {**OUTS, "run_conf": '{"userName":"hadoop","priority":1,"memory":2048,"cores":1}'}
    outs = wire.state_from_api(FLOW_JOB, "FJ-1", _describe_answer(), olds)
    assert outs["run_conf"] == olds["run_conf"]


def test_drift_is_read_back_in_input_form() -> None:
    answer = _describe_answer(
        mode="LOCAL",
        Adhoc="true",
        RunConf='{"priority":5,"userName":"root"}',
        ResourceList={"Resource": []},
        Params=None,
        MaxRetry=5,
    )
    outs = wire.state_from_api(FLOW_JOB, "FJ-1", answer, OUTS)
    assert outs["mode"] == "LOCAL" and outs["adhoc"] is True and outs["max_retry"] == 5
    assert outs["run_conf"] == {"priority": 5, "user_name": "root"}
    assert outs["resources"] is None and outs["params"] is None
    assert outs["cluster_id"] == JOB["cluster_id"]  # not echoed: kept from state
    inputs = wire.inputs_of(FLOW_JOB, outs)
    result = FLOW_JOB.diff(outs, JOB)
    assert set(result.changes) == {"mode", "adhoc", "run_conf", "resources", "params", "max_retry"}
    assert "job_id" not in inputs and inputs["mode"] == "LOCAL"


def test_json_the_typed_form_cannot_hold_stays_text() -> None:
    answer = _describe_answer(RunConf='{"priority":1,"queue":"q"}', EnvConf='{"n":1}')
    outs = wire.state_from_api(FLOW_JOB, "FJ-1", answer, {})
    assert outs["run_conf"] == '{"priority":1,"queue":"q"}'
    assert outs["env_conf"] == '{"n":1}'


def test_a_field_never_set_and_reported_empty_stays_unset() -> None:
    olds = {k: v for k, v in OUTS.items() if k not in ("max_retry", "fail_act", "adhoc")}
    answer = _describe_answer(MaxRetry=0, FailAct="", Adhoc="false")
    outs = wire.state_from_api(FLOW_JOB, "FJ-1", answer, olds)
    assert outs["max_retry"] is None and outs["fail_act"] is None and outs["adhoc"] is None


def test_list_items_and_identity() -> None:
    answer = {
        "JobList": {
            "Job": [{"Id": "FJ-2", "Name": "other"}, {"Id": "FJ-1", "Name": "my_shell_job"}]
        }
    }
    items = wire.list_items(FLOW_JOB, answer)
    assert [wire.matches_identity(FLOW_JOB, i, JOB) for i in items] == [False, True]
    assert wire.lookup_params(FLOW_JOB, JOB) == {"ProjectId": PROJECT, "Name": "my_shell_job"}


def test_docstrings_come_from_the_table() -> None:
    spec = get_spec("flow_job")
    assert spec is FLOW_JOB
    doc = spec.by_name["max_retry"].docstring()
    assert "0 to 5" in doc and "updates in place" in doc
    assert "replaces the resource" in spec.by_name["type"].docstring()
    assert "SPARK_STREAMING" in spec.by_name["monitor_conf"].docstring()
    with pytest.raises(KeyError, match="known: flow_job"):
        get_spec("nope")
