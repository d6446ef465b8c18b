"""Check, driven by the FlowJob spec: every seed constraint, one failure per bad property."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_emrflow.specs.flow_job import FLOW_JOB

BASE: dict[str, Any] = {
    "project_id": "FP-257A173659F59685",
    "name": "my_shell_job",
    "description": "a job",
    "type": "SHELL",
}
ALL_TYPES = "MR|SPARK|HIVE_SQL|HIVE|PIG|SQOOP|SPARK_SQL|SPARK_STREAMING|SHELL"
MISSING = object()

# (case id, property, value (MISSING removes it), expected failure property, expected text)
INVALID: list[tuple[str, str, Any, str, str]] = [
    ("no-project", "project_id", MISSING, "project_id", "missing required property"),
    ("no-name", "name", MISSING, "name", "missing required property"),
    ("no-description", "description", MISSING, "description", "missing required property"),
    ("empty-description", "description", "", "description", "missing required property"),
    ("no-type", "type", MISSING, "type", f"missing required property; expected one of {ALL_TYPES}"),
    ("type-bash", "type", "BASH", "type", f"'BASH' is not allowed; expected one of {ALL_TYPES}"),
    ("type-lower", "type", "shell", "type", "'shell' is not allowed"),
    ("type-number", "type", 3, "type", "3 is not allowed"),
    ("name-number", "name", 5, "name", "expected a string, got 5"),
    (
        "fail-act",
        "fail_act",
        "SKIP",
        "fail_act",
        "'SKIP' is not allowed; expected one of CONTINUE|STOP",
    ),
    ("mode", "mode", "CLUSTER", "mode", "'CLUSTER' is not allowed; expected one of YARN|LOCAL"),
    ("mode-lower", "mode", "yarn", "mode", "'yarn' is not allowed"),
    ("retry-6", "max_retry", 6, "max_retry", "6 is out of range; expected an integer from 0 to 5"),
    ("retry-neg", "max_retry", -1, "max_retry", "-1 is out of range"),
    ("retry-3.5", "max_retry", 3.5, "max_retry", "expected an integer, got 3.5"),
    ("retry-str", "max_retry", "3", "max_retry", "expected an integer, got '3'"),
    ("retry-bool", "max_retry", True, "max_retry", "expected an integer, got True"),
    ("interval-301", "retry_interval", 301, "retry_interval", "expected an integer from 0 to 300"),
    ("interval-neg", "retry_interval", -5, "retry_interval", "-5 is out of range"),
    ("runtime-neg", "max_running_time_sec", -1, "max_running_time_sec", "an integer >= 0"),
    (
        "res-s3",
        "resources",
        [{"path": "s3://b/x.jar"}],
        "resources",
        "item 0: path 's3://b/x.jar' must start with oss:// or hdfs://",
    ),
    ("res-no-path", "resources", [{"alias": "x"}], "resources", "path None must start with"),
    (
        "res-extra",
        "resources",
        [{"path": "oss://a", "size": 1}],
        "resources",
        "unknown key(s) size; allowed: path, alias",
    ),
    ("res-text", "resources", "oss://a", "resources", "expected a list of {path, alias}"),
    (
        "res-alias",
        "resources",
        [{"path": "oss://a", "alias": 3}],
        "resources",
        "alias must be a string, got 3",
    ),
    (
        "res-second",
        "resources",
        [{"path": "oss://a"}, {"path": "ftp://b"}],
        "resources",
        "item 1: path 'ftp://b'",
    ),
    (
        "monitor-shell",
        "monitor_conf",
        {"inputs": []},
        "monitor_conf",
        "only allowed when type is SPARK_STREAMING (here type is 'SHELL')",
    ),
    ("env-big", "env_conf", {"K": "x" * 1100}, "env_conf", "at most 1024 bytes allowed"),
    ("env-big-text", "env_conf", '{"K": "' + "x" * 1100 + '"}', "env_conf", "at most 1024 bytes"),
    ("env-bad-json", "env_conf", '{"a": 1', "env_conf", "is not valid JSON"),
    ("env-int", "env_conf", {"a": 1}, "env_conf", "entry 'a': values must be strings, got 1"),
    (
        "param-array",
        "param_conf",
        "[1, 2]",
        "param_conf",
        "JSON text must hold an object, got list",
    ),
    ("param-list", "param_conf", ["a"], "param_conf", "expected a dict of strings or JSON text"),
    (
        "run-extra",
        "run_conf",
        {"priority": 1, "queue": "q"},
        "run_conf",
        "unknown key(s) queue; allowed: priority, user_name, memory, cores",
    ),
    ("run-memory-0", "run_conf", {"memory": 0}, "run_conf", "memory must be a positive integer"),
    ("run-cores-1.5", "run_conf", {"cores": 1.5}, "run_conf", "cores must be an integer, got 1.5"),
    ("run-user", "run_conf", {"user_name": 5}, "run_conf", "user_name must be a string, got 5"),
    ("run-text", "run_conf", "not json", "run_conf", "is not valid JSON"),
    (
        "var-empty-name",
        "custom_variables",
        [{"name": ""}],
        "custom_variables",
        "item 0: name must be a non-empty string",
    ),
    (
        "var-twice",
        "custom_variables",
        [{"name": "a"}, {"name": "a"}],
        "custom_variables",
        "item 1: variable 'a' is declared twice",
    ),
    (
        "var-password-value",
        "custom_variables",
        [{"name": "pw", "value": 5, "password": True}],
        "custom_variables",
        "item 0 (pw): value must be a string, got an integer",
    ),
    (
        "var-password-flag",
        "custom_variables",
        [{"name": "a", "password": "yes"}],
        "custom_variables",
        "password must be true or false, got a string",
    ),
    (
        "var-extra",
        "custom_variables",
        [{"name": "a", "secret": True}],
        "custom_variables",
        "unknown key(s) secret",
    ),
    (
        "var-bad-json",
        "custom_variables",
        '{"variables": 3}',
        "custom_variables",
        "'variables' must be a list",
    ),
    ("adhoc-text", "adhoc", "false", "adhoc", "expected true or false, got 'false'"),
    ("alert-number", "alert_conf", 5, "alert_conf", "expected a dict or JSON text, got 5"),
    ("typo", "nmae", "x", "nmae", "unknown property 'nmae'; allowed: project_id, name"),
    ("output-set", "job_id", "FJ-1", "job_id", "an output only; it cannot be set"),
]


@pytest.mark.parametrize(
    ("prop", "value", "failing", "text"),
    [case[1:] for case in INVALID],
    ids=[case[0] for case in INVALID],
)
def test_each_invalid_input_fails_on_its_property(
    prop: str, value: Any, failing: str, text: str
) -> None:
    news = dict(BASE)
    if value is MISSING:
        del news[prop]
    else:
        news[prop] = value
    _, failures = FLOW_JOB.check(news)
    assert [f.property for f in failures] == [failing]
    assert text in failures[0].reason
    # The engine shows "property <name> ... has a problem: <reason>": the name is not repeated.
    assert not failures[0].reason.startswith(f"{failing}:")


def test_the_table_is_big_enough() -> None:
    assert len(INVALID) >= 30


def test_a_password_value_never_appears_in_a_failure() -> None:
    news = {**BASE, "custom_variables": [{"name": "pw", "value": 123456789, "password": True}]}
    _, failures = FLOW_JOB.check(news)
    assert "123456789" not in failures[0].reason


def test_one_failure_per_bad_property() -> None:
    news = {"type": "BASH", "max_retry": 9, "mode": "X", "resources": [{"path": "x"}]}
    _, failures = FLOW_JOB.check(news)
    props = sorted(f.property for f in failures)
    assert props == sorted(
        ["project_id", "name", "description", "type", "max_retry", "mode", "resources"]
    )


def test_a_full_valid_job_passes_and_integral_floats_become_ints() -> None:
    news = {
        **BASE,
        "type": "SPARK_STREAMING",
        "resources": [{"path": "oss://b/demo.jar", "alias": "demo.jar"}, {"path": "hdfs:///x"}],
        "fail_act": "STOP",
        "max_retry": 3.0,
        "retry_interval": 300,
        "max_running_time_sec": 0,
        "params": "ls -l",
        "param_conf": {"date": "${yyyy-MM-dd}"},
        "custom_variables": [{"name": "v1", "value": "1", "password": True}],
        "env_conf": '{"key": "value"}',
        "run_conf": {"priority": 1, "user_name": "hadoop", "memory": 2048.0, "cores": 1},
        "monitor_conf": {"inputs": [{"type": "KAFKA"}]},
        "mode": "LOCAL",
        "adhoc": False,
        "cluster_id": "C-1",
        "alert_conf": "{}",
        "region": "cn-hangzhou",
        "adopt": True,
    }
    checked, failures = FLOW_JOB.check(news)
    assert failures == []
    assert checked["max_retry"] == 3 and isinstance(checked["max_retry"], int)
    assert checked["run_conf"]["memory"] == 2048.0  # nested JSON values are kept as given
    assert checked["env_conf"] == '{"key": "value"}'


def test_unknown_values_never_fail() -> None:
    news = {name: Unknown() for name in (f.name for f in FLOW_JOB.inputs)}
    checked, failures = FLOW_JOB.check(news)
    assert failures == []
    assert all(isinstance(checked[k], Unknown) for k in news)


def test_unknowns_inside_structures_never_fail() -> None:
    news = {
        **BASE,
        "project_id": Unknown(),
        "type": Unknown(),
        "monitor_conf": {"inputs": []},  # type unknown: cannot tell yet
        "resources": [{"path": Unknown(), "alias": "a"}, Unknown()],
        "custom_variables": [{"name": Unknown(), "value": Unknown(), "password": True}],
        "env_conf": {"A": Unknown()},
        "run_conf": {"memory": Unknown(), "user_name": Unknown()},
    }
    _, failures = FLOW_JOB.check(news)
    assert failures == []


def test_the_wire_sentinel_counts_as_unknown() -> None:
    _, failures = FLOW_JOB.check({**BASE, "type": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"})
    assert failures == []
