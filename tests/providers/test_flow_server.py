"""Flow through the SDK's real provider server against the emulator, with the engine's call
sequences: preview, up, no-change up (no API call), update, replace, refresh with a DAG edited
out of band by the official SDK, refresh of a deleted flow, destroy in dependency order."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import DeleteFlowRequest, ModifyFlowForWebRequest
from pulumi.output import Unknown
from sdk_drift import official_sdk

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.specs.dag import build_graph
from pulumi_emrflow.testing.engine import DIFF_NONE, ProviderCallError, ProviderServer

Since = Callable[[dict[str, Any]], dict[str, int]]
START_2026_12 = 1796054400000  # 2026-12-01T00:00:00+08:00


@pytest.fixture(scope="module")
def flows(engine: ProviderServer) -> ProviderServer:
    return engine.kind("flow")


@pytest.fixture
def jobs(client: EmrClient, project: str) -> list[str]:
    """Four jobs of the project: ingest, clean, enrich, report."""
    return [
        str(
            client.call(
                "CreateFlowJob",
                {"ProjectId": project, "Name": name, "Description": "d", "Type": "SHELL"},
            )["Id"]
        )
        for name in ("ingest", "clean", "enrich", "report")
    ]


def diamond(jobs: list[str]) -> list[dict[str, Any]]:
    a, b, c, d = jobs
    return [
        {"job": a},
        {"job": b, "after": [a]},
        {"job": c, "after": [a]},
        {"job": d, "after": [b, c]},
    ]


def flow(project: str, jobs: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "project_id": project,
        "name": "daily",
        "description": "daily ETL",
        "cluster_id": DEFAULT_CLUSTER_ID,
        "cron_expr": "0 0 2 * * ?",
        "start_schedule": "2026-12-01T00:00:00+08:00",
        "steps": diamond(jobs),
        **extra,
    }


def describe(client: EmrClient, project: str, flow_id: str) -> Any:
    return client.call("DescribeFlow", {"ProjectId": project, "Id": flow_id})


def test_preview_with_unknown_jobs_and_a_cycle_makes_no_call(
    flows: ProviderServer, emu: Emulator, project: str, jobs: list[str], requests_since: Since
) -> None:
    before = emu.counters()
    unknown_steps = [{"job": Unknown()}, {"job": Unknown(), "after": [Unknown()]}]
    checked, diff = flows.preview("f", flow(project, jobs, steps=unknown_steps))
    assert checked.failures == [] and diff is None
    a, b = jobs[:2]
    cyclic = [{"job": a, "after": [b]}, {"job": b, "after": [a]}]
    checked, _ = flows.preview("f", flow(project, jobs, steps=cyclic))
    assert [prop for prop, _ in checked.failures] == ["steps"]
    assert f"{a} -> {b} -> {a}" in checked.failures[0][1]
    assert requests_since(before) == {}


def test_up_writes_the_graph_and_an_unchanged_up_makes_no_call(
    flows: ProviderServer,
    emu: Emulator,
    client: EmrClient,
    project: str,
    jobs: list[str],
    requests_since: Since,
) -> None:
    before = emu.counters()
    state = flows.up("f", flow(project, jobs, scheduled=True))
    # Create takes no Status: a Modify turns the schedule on right after.
    assert requests_since(before) == {"CreateFlowForWeb": 1, "ModifyFlowForWeb": 1}
    assert state.id.startswith("F-") and state.outputs["flow_id"] == state.id
    assert state.outputs["start_schedule"] == START_2026_12
    described = describe(client, project, state.id)
    assert described["Status"] == "UNDER_SCHEDULE" and described["StartSchedule"] == START_2026_12
    graph = json.loads(described["Graph"])
    assert graph == build_graph(diamond(jobs))
    assert [n["attribute"]["type"] for n in graph["nodes"]] == [
        "START",
        "JOB",
        "JOB",
        "JOB",
        "JOB",
        "END",
    ]
    before = emu.counters()
    # The same DAG in another order, the same instant in another form: no change, no call.
    same = flow(
        project, jobs, scheduled=True, steps=diamond(jobs)[::-1], start_schedule=START_2026_12
    )
    again = flows.up("f", same, state)
    assert again.operations == ("Check", "Diff") and requests_since(before) == {}
    refreshed = flows.refresh(state)
    assert refreshed is not None
    _, diff = flows.preview("f", same, refreshed)
    assert diff is not None and diff.changes == DIFF_NONE


def test_update_in_place_and_a_new_project_replaces(
    flows: ProviderServer, client: EmrClient, project: str, jobs: list[str]
) -> None:
    state = flows.up("f", flow(project, jobs))
    a, b, c, _ = jobs
    chain = [{"job": a}, {"job": b, "after": [a]}, {"job": c, "after": [b]}]
    updated = flows.up(
        "f", flow(project, jobs, steps=chain, cron_expr="0 30 3 ? * MON-FRI", name="weekday"), state
    )
    assert updated.operations[-1] == "Update" and updated.id == state.id
    described = describe(client, project, state.id)
    assert described["Name"] == "weekday" and described["CronExpr"] == "0 30 3 ? * MON-FRI"
    assert {n["attribute"].get("jobId") for n in json.loads(described["Graph"])["nodes"]} == {
        None, a, b, c,
    }  # fmt: skip
    other = str(client.call("CreateFlowProject", {"Name": "p2", "Description": "d"})["Id"])
    job = str(
        client.call(
            "CreateFlowJob", {"ProjectId": other, "Name": "x", "Description": "d", "Type": "SHELL"}
        )["Id"]
    )
    moved = flows.up("f", flow(other, jobs, steps=[{"job": job}]), updated)
    assert moved.operations[-2:] == ("Create", "Delete") and moved.id != state.id


def test_refresh_shows_a_dag_edited_with_the_official_sdk(
    flows: ProviderServer, emu: Emulator, project: str, jobs: list[str]
) -> None:
    desired = flow(project, jobs)
    state = flows.up("f", desired)
    a, b, _, d = jobs
    edited = build_graph([{"job": a}, {"job": b, "after": [a]}, {"job": d, "after": [b]}])
    # The console moves nodes and names them its way: layout and node ids are not drift.
    renamed = {node["id"]: f"n-{node['index']}" for node in edited["nodes"]}
    for node in edited["nodes"]:
        node["x"], node["id"] = node["x"] + 7, renamed[node["id"]]
    for edge in edited["edges"]:
        edge["source"], edge["target"] = renamed[edge["source"]], renamed[edge["target"]]
    official_sdk(
        emu,
        ModifyFlowForWebRequest.ModifyFlowForWebRequest(),
        ProjectId=project,
        Id=state.id,
        Graph=json.dumps(edited),
        ClusterId=DEFAULT_CLUSTER_ID,
        CreateCluster=False,
    )
    refreshed = flows.refresh(state)
    assert refreshed is not None
    assert refreshed.outputs["steps"] == [
        {"job": a}, {"job": b, "after": [a]}, {"job": d, "after": [b]},
    ]  # fmt: skip
    _, diff = flows.preview("f", desired, refreshed)
    assert diff is not None and diff.changed and diff.replaces == []
    restored = flows.up("f", desired, refreshed)
    assert restored.operations[-1] == "Update"
    again = flows.refresh(restored)
    assert again is not None
    _, diff = flows.preview("f", desired, again)
    assert diff is not None and diff.changes == DIFF_NONE


def test_refresh_of_a_flow_deleted_out_of_band_and_destroy(
    flows: ProviderServer, emu: Emulator, project: str, jobs: list[str]
) -> None:
    state = flows.up("f", flow(project, jobs))
    official_sdk(emu, DeleteFlowRequest.DeleteFlowRequest(), ProjectId=project, Id=state.id)
    assert flows.refresh(state) is None
    flows.destroy(state)  # already gone: nothing to do


def test_a_job_in_a_flow_cannot_be_deleted_and_the_error_names_the_flow(
    flows: ProviderServer, engine: ProviderServer, project: str, jobs: list[str]
) -> None:
    state = flows.up("f", flow(project, jobs))
    with pytest.raises(ProviderCallError) as caught:
        engine.delete("j", jobs[0], {"project_id": project, "name": "ingest"})
    assert "daily" in caught.value.details and state.id in caught.value.details
    flows.destroy(state)  # the flow first, then its jobs: a stack's destroy order
    for job in jobs:
        engine.delete("j", job, {"project_id": project})


def test_adopt_by_name(
    flows: ProviderServer, client: EmrClient, project: str, jobs: list[str]
) -> None:
    existing = flows.up("old", flow(project, jobs))
    adopted = flows.up("new", flow(project, jobs, adopt=True))
    assert adopted.id == existing.id
    # One that differs from the declaration is not taken over without adopt=True.
    with pytest.raises(ProviderCallError) as failed:
        flows.up("dup", flow(project, jobs, description="another"))
    assert "already exists" in failed.value.details and "adopt=True" in failed.value.details
