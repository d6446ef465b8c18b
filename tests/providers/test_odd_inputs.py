"""Odd inputs and odd service answers through the SDK's provider server: a value, a check
failure or a clean error each, never a traceback, and no error text that grows with the input."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.testing.engine import ProviderCallError, ProviderServer

DEEP = "[" * 5000 + "]" * 5000
JOB = {"name": "odd", "description": "d", "type": "SHELL"}


@pytest.mark.parametrize(
    ("prop", "value", "reason"),
    [
        ("max_retry", "", "expected an integer, got ''"),
        ("retry_interval", "", "expected an integer"),
        ("adhoc", "", "expected true or false"),
        ("resources", "", "expected a list"),
        ("max_running_time_sec", 1e20, "out of range"),
        ("run_conf", "[" * 100_000, "nested more than 64 levels deep"),
        ("env_conf", DEEP, "nested more than 64 levels deep"),
        ("alert_conf", '{"a":' * 5000 + "1" + "}" * 5000, "nested more than 64 levels deep"),
        ("name", "   ", "visible characters"),
        ("name", "nightly\x00", "control characters"),
        ("name", "\t\n", "visible characters"),
    ],
)
def test_odd_values_are_check_failures(
    engine: ProviderServer, project: str, prop: str, value: Any, reason: str
) -> None:
    checked = engine.check("odd", {}, {**JOB, "project_id": project, prop: value})
    assert [p for p, _ in checked.failures] == [prop]
    assert reason in checked.failures[0][1]
    assert len(checked.failures[0][1]) < 1000


def test_falsy_values_that_are_values_pass(engine: ProviderServer, project: str) -> None:
    news = {**JOB, "project_id": project, "max_retry": 0, "retry_interval": 0, "adhoc": False}
    checked = engine.check("odd", {}, news)
    assert checked.failures == []
    assert (checked.inputs["max_retry"], checked.inputs["adhoc"]) == (0, False)


def test_refresh_of_a_deeply_nested_value_set_out_of_band(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    state = engine.up("deep", {**JOB, "project_id": project, "run_conf": {"memory": 512}})
    client.call("ModifyFlowJob", {"Id": state.id, "ProjectId": project, "RunConf": DEEP})
    refreshed = engine.refresh(state)
    assert refreshed is not None
    assert refreshed.outputs["run_conf"] == DEEP  # kept as the service has it
    # The next up shows the drift (an in-place update back to the program's value).
    drift = engine.diff("deep", state.id, refreshed.outputs, state.inputs, refreshed.inputs)
    assert drift.changed and drift.replaces == []


def test_a_huge_name_gives_a_short_error(engine: ProviderServer, project: str) -> None:
    name = "n" * 1_000_000  # the emulator refuses the 1 MB URL (414)
    with pytest.raises(ProviderCallError) as failure:
        engine.up("huge", {**JOB, "project_id": project, "name": name})
    assert len(failure.value.details) < 3000
