"""Writes whose answer is lost or lies, through the SDK's provider server and a fault proxy.

An answer that does not prove a write failed (a 5xx, a dropped connection) may come after the
service committed it. The provider must then find the object by its identity instead of
creating a second one or reporting a false conflict; reads and deletes must ride out bursts of
faults within the retry deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.testing.engine import ProviderCallError, ProviderServer, stack_config_for
from pulumi_emrflow.testing.fault_proxy import Answer, FaultProxy

ANSWERS: list[Answer] = [500, 502, 503, 504, "drop"]


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def proxy(emu: Emulator) -> Iterator[FaultProxy]:
    with FaultProxy(emu.endpoint) as fault_proxy:
        yield fault_proxy


@pytest.fixture(scope="module")
def server(emu: Emulator, proxy: FaultProxy) -> Iterator[ProviderServer]:
    config = stack_config_for(emu, **{"emrflow:endpoint": proxy.endpoint})
    with ProviderServer.for_spec("flow_job", config) as provider_server:
        yield provider_server


@pytest.fixture
def client(emu: Emulator) -> EmrClient:
    return EmrClient.from_config(env=emu.env())


@pytest.fixture
def project(emu: Emulator, proxy: FaultProxy, client: EmrClient) -> str:
    emu.reset()
    proxy.clear()
    return str(client.call("CreateFlowProject", {"Name": "home", "Description": "d"})["Id"])


def _listed(client: EmrClient, action: str, params: dict[str, Any], key: tuple[str, str]) -> list:
    answer = client.call(action, {**params, "PageSize": 100})
    return list(answer.get(key[0], {}).get(key[1], []))


# kind -> (create action, props for a project, how to list what exists with that identity)
Kinds = dict[str, tuple[str, Callable[[str], dict[str, Any]], Callable[[EmrClient, str], list]]]
KINDS: Kinds = {
    "flow_project": (
        "CreateFlowProject",
        lambda _p: {"name": "spoiled-project", "description": "d"},
        lambda c, _p: [
            x
            for x in _listed(c, "ListFlowProject", {}, ("Projects", "Project"))
            if x["Name"] == "spoiled-project"
        ],
    ),
    "flow_project_cluster_setting": (
        "CreateFlowProjectClusterSetting",
        lambda p: {"project_id": p, "cluster_id": DEFAULT_CLUSTER_ID},
        lambda c, p: _listed(
            c,
            "ListFlowProjectClusterSetting",
            {"ProjectId": p},
            ("ClusterSettings", "ClusterSetting"),
        ),
    ),
    "flow_category": (
        "CreateFlowCategory",
        lambda p: {"project_id": p, "name": "spoiled-folder", "type": "JOB"},
        lambda c, p: [
            x
            for x in _listed(c, "ListFlowCategory", {"ProjectId": p}, ("Categories", "Category"))
            if x["Name"] == "spoiled-folder"
        ],
    ),
    "flow_job": (
        "CreateFlowJob",
        lambda p: {"project_id": p, "name": "spoiled-job", "description": "d", "type": "SHELL"},
        lambda c, p: _listed(
            c, "ListFlowJob", {"ProjectId": p, "Name": "spoiled-job"}, ("JobList", "Job")
        ),
    ),
}


@pytest.mark.parametrize("answer", ANSWERS, ids=str)
@pytest.mark.parametrize("kind", list(KINDS))
def test_create_answered_with_an_error_after_the_commit_leaves_one_object(
    kind: str,
    answer: Answer,
    server: ProviderServer,
    proxy: FaultProxy,
    client: EmrClient,
    project: str,
) -> None:
    action, props, existing = KINDS[kind]
    proxy.spoil(action, answer=answer)
    state = server.kind(kind).up("spoiled", props(project))
    found = existing(client, project)
    assert len(found) == 1, f"{len(found)} objects after a spoiled {action} ({answer})"
    assert proxy.spoiled[action] == 1
    assert state.id  # the engine records the object that exists


def test_lost_answer_during_a_short_outage_is_recovered(
    server: ProviderServer, proxy: FaultProxy, client: EmrClient, project: str
) -> None:
    action, props, existing = KINDS["flow_job"]
    proxy.spoil(action, answer="drop", outage_after=3.0)
    state = server.kind("flow_job").up("blip", props(project))
    assert [job["Id"] for job in existing(client, project)] == [state.id]


@pytest.mark.parametrize("kind", ["flow_job", "flow_project", "flow_category"])
def test_unrecoverable_lost_answer_names_the_resource_and_the_next_run_completes(
    kind: str,
    emu: Emulator,
    proxy: FaultProxy,
    client: EmrClient,
    project: str,
    tmp_path: Path,
) -> None:
    action, props, existing = KINDS[kind]
    config = stack_config_for(
        emu, **{"emrflow:endpoint": proxy.endpoint, "emrflow:recoveryTimeout": "2"}
    )
    # The engine runs the provider in the project directory: a lost create is remembered there.
    with ProviderServer.for_spec(kind, config, cwd=str(tmp_path)) as first_run:
        proxy.spoil(action, answer="drop", outage_after=600.0)
        with pytest.raises(ProviderCallError) as failure:
            first_run.up("lost", props(project))
    last = failure.value.details.strip().splitlines()[-1]
    assert "may exist" in last and "pulumi up" in last
    assert repr(props(project).get("name", project)) in last
    proxy.outage(0)
    assert len(existing(client, project)) == 1
    with ProviderServer.for_spec(kind, config, cwd=str(tmp_path)) as next_run:
        state = next_run.up("lost", props(project))  # no adopt=True
    found = existing(client, project)
    assert len(found) == 1 and state.id.startswith(
        str(found[0].get("Id", found[0].get("ProjectId")))
    )
    assert not (tmp_path / ".pulumi-emrflow").exists()  # nothing left pending


def test_refresh_and_destroy_ride_out_a_burst_of_faults(
    server: ProviderServer, proxy: FaultProxy, client: EmrClient, project: str
) -> None:
    _, props, existing = KINDS["flow_job"]
    jobs = server.kind("flow_job")
    state = jobs.up("bursty", props(project))
    proxy.spoil("DescribeFlowJob", answer=503, after_commit=False, count=6)
    assert jobs.refresh(state) is not None
    proxy.spoil("DeleteFlowJob", answer=503, after_commit=False, count=6)
    jobs.destroy(state)
    assert existing(client, project) == []


UPDATES: dict[str, tuple[str, str, Callable[[str], dict[str, Any]]]] = {
    # kind -> (modify action, delete action, an edited declaration)
    "flow_project": (
        "ModifyFlowProject",
        "DeleteFlowProject",
        lambda _p: {"name": "spoiled-project", "description": "edited"},
    ),
    "flow_project_cluster_setting": (
        "ModifyFlowProjectClusterSetting",
        "DeleteFlowProjectClusterSetting",
        lambda p: {"project_id": p, "cluster_id": DEFAULT_CLUSTER_ID, "default_queue": "edited"},
    ),
    "flow_category": (
        "ModifyFlowCategory",
        "DeleteFlowCategory",
        lambda p: {"project_id": p, "name": "spoiled-folder-edited", "type": "JOB"},
    ),
    "flow_job": (
        "ModifyFlowJob",
        "DeleteFlowJob",
        lambda p: {
            "project_id": p,
            "name": "spoiled-job",
            "description": "edited",
            "type": "SHELL",
        },
    ),
}


@pytest.mark.parametrize("answer", ANSWERS, ids=str)
@pytest.mark.parametrize("kind", list(UPDATES))
def test_modify_and_delete_answered_with_an_error_after_the_commit_converge(
    kind: str,
    answer: Answer,
    server: ProviderServer,
    proxy: FaultProxy,
    client: EmrClient,
    project: str,
) -> None:
    props = KINDS[kind][1]
    modify, delete, edited = UPDATES[kind]
    handle = server.kind(kind)
    state = handle.up("spoiled", props(project))
    proxy.spoil(modify, answer=answer)
    updated = handle.up("spoiled", edited(project), state)
    assert updated.operations[-1] == "Update" and proxy.spoiled[modify] == 1
    refreshed = handle.refresh(updated)
    assert refreshed is not None
    _, diff = handle.preview("spoiled", edited(project), refreshed)
    assert diff is not None and not diff.changed  # the edit took effect once
    proxy.spoil(delete, answer=answer)
    handle.destroy(refreshed)
    assert proxy.spoiled[delete] == 1
    assert handle.refresh(refreshed) is None
