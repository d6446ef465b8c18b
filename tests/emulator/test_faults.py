"""Fault injection and the admin endpoints."""

from __future__ import annotations

import time

import pytest
import requests
from emulator_wire import Wire

from pulumi_emrflow.emulator import Emulator


def test_throttle_next(wire: Wire, emrflow_emulator: Emulator) -> None:
    emrflow_emulator.set_faults(throttle_next=2)
    for _ in range(2):
        response = wire.call("ListFlowProject")
        assert response.status_code == 400
        body = response.json()
        assert body["Code"] == "Throttling.User"
        assert body["Message"] == "Request was denied due to user flow control."
    assert wire.call("ListFlowProject").status_code == 200
    counters = emrflow_emulator.counters()
    assert counters["throttled"] == 2 and counters["requests"] == {"ListFlowProject": 3}


def test_error_next_cycles_through_503_500_and_an_html_502(
    wire: Wire, emrflow_emulator: Emulator
) -> None:
    emrflow_emulator.set_faults(error_next=3)
    responses = [wire.call("ListFlowProject") for _ in range(3)]
    assert [r.status_code for r in responses] == [503, 500, 502]
    assert [r.json()["Code"] for r in responses[:2]] == ["ServiceUnavailable", "InternalError"]
    assert responses[2].headers["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        responses[2].json()
    assert emrflow_emulator.counters()["errors"] == 3


def test_rates_are_seedable_and_observable(emrflow_emulator: Emulator) -> None:
    wire = Wire(
        emrflow_emulator.endpoint,
        emrflow_emulator.access_key_id,
        emrflow_emulator.access_key_secret,
    )
    emrflow_emulator.set_faults(throttle_rate=0.3, error_rate=0.3)
    statuses = [wire.call("ListFlowProject").status_code for _ in range(60)]
    counters = emrflow_emulator.counters()
    assert counters["throttled"] + counters["errors"] == sum(s != 200 for s in statuses)
    assert 0 < counters["throttled"] < 60 and 0 < counters["errors"] < 60
    emrflow_emulator.reset()
    assert emrflow_emulator.counters() == {
        "requests": {},
        "throttled": 0,
        "errors": 0,
        "dropped": 0,
    }


def test_latency(wire: Wire, emrflow_emulator: Emulator) -> None:
    emrflow_emulator.set_faults(latency=0.2)
    started = time.perf_counter()
    assert wire.call("ListFlowProject").status_code == 200
    assert time.perf_counter() - started >= 0.2


def test_drop_after_commit(wire: Wire, emrflow_emulator: Emulator, project: str) -> None:
    emrflow_emulator.set_faults(drop_after_commit={"CreateFlowJob": 1})
    with pytest.raises(requests.ConnectionError):
        wire.call(
            "CreateFlowJob", {"ProjectId": project, "Name": "j", "Type": "SHELL", "Description": ""}
        )
    listed = wire.ok("ListFlowJob", ProjectId=project)
    assert [job["Name"] for job in listed["JobList"]["Job"]] == ["j"]  # committed before the drop
    assert emrflow_emulator.counters()["dropped"] == 1
    assert emrflow_emulator.set_faults().drop_after_commit == {}


def test_bad_fault_settings_are_refused(emrflow_emulator: Emulator) -> None:
    for bad in (
        {"throttle_rate": 2},
        {"latency": -1},
        {"error_next": 1.5},
        {"nope": 1},
        {"drop_after_commit": {"X": -1}},
    ):
        with pytest.raises(ValueError):
            emrflow_emulator.set_faults(**bad)


def test_admin_endpoints(emrflow_emulator: Emulator, wire: Wire) -> None:
    base = emrflow_emulator.endpoint + "/__emulator/"
    assert requests.get(base + "faults", timeout=5).json()["throttle_rate"] == 0
    answer = requests.post(base + "faults", json={"throttle_next": 1}, timeout=5)
    assert answer.status_code == 200 and answer.json()["throttle_next"] == 1
    assert requests.post(base + "faults", json={"throttle_rate": 5}, timeout=5).status_code == 400
    assert requests.post(base + "faults", data=b"\xff", timeout=5).status_code == 400
    assert wire.call("ListFlowProject").json()["Code"] == "Throttling.User"
    counters = requests.get(base + "counters", timeout=5).json()
    assert counters == {
        "requests": {"ListFlowProject": 1},
        "throttled": 1,
        "errors": 0,
        "dropped": 0,
    }
    wire.ok("CreateFlowProject", Name="p", Description="d")
    assert requests.post(base + "reset", timeout=5).status_code == 200
    assert wire.ok("ListFlowProject")["Total"] == 0
    assert requests.get(base + "nothing", timeout=5).status_code == 404
