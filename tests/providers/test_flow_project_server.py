"""FlowProject through the SDK's real provider server against the emulator, and a whole stack
(project, cluster setting, folder, job) driven through ONE server process, as the engine does."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import DeleteFlowProjectRequest, ModifyFlowProjectRequest
from pulumi.output import Unknown
from sdk_drift import official_sdk

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.testing.engine import DIFF_NONE, DIFF_SOME, ProviderCallError, ProviderServer

Since = Callable[[dict[str, Any]], dict[str, int]]


def project_args(**extra: Any) -> dict[str, Any]:
    return {"name": "etl", "description": "nightly ETL", "product_type": "EMR", **extra}


def projects_named(client: EmrClient, name: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.call("ListFlowProject", {"Name": name})["Projects"][
        "Project"
    ]
    return items


@pytest.fixture
def fresh(emu: Emulator) -> Emulator:
    emu.reset()
    return emu


def test_preview_with_unknowns_and_bad_input_makes_no_call(
    projects: ProviderServer, fresh: Emulator, requests_since: Since
) -> None:
    before = fresh.counters()
    checked, diff = projects.preview("p", project_args(name=Unknown(), description=Unknown()))
    assert checked.failures == [] and diff is None
    checked, _ = projects.preview("p", project_args(name="n" * 300, product_type="ECS"))
    assert sorted(p for p, _ in checked.failures) == ["name", "product_type"]
    assert requests_since(before) == {}


def test_up_no_change_update_refresh(
    projects: ProviderServer, fresh: Emulator, client: EmrClient, requests_since: Since
) -> None:
    before = fresh.counters()
    state = projects.up("p", project_args(resource_group_id="rg-1"))
    assert requests_since(before) == {"CreateFlowProject": 1}
    assert state.id.startswith("FP-") and state.outputs["project_id"] == state.id

    before = fresh.counters()
    again = projects.up("p", project_args(resource_group_id="rg-1"), state)
    assert again.operations == ("Check", "Diff") and requests_since(before) == {}

    updated = projects.up("p", project_args(resource_group_id="rg-1", name="etl2"), state)
    assert updated.operations[-1] == "Update" and updated.id == state.id
    assert client.call("DescribeFlowProject", {"ProjectId": state.id})["Name"] == "etl2"
    refreshed = projects.refresh(updated)
    assert refreshed is not None and refreshed.outputs["gmt_create"] > 0
    assert refreshed.outputs["resource_group_id"] == "rg-1"  # not echoed: kept from state
    assert refreshed.outputs["user_id"]
    _, diff = projects.preview("p", project_args(resource_group_id="rg-1", name="etl2"), refreshed)
    assert diff is not None and diff.changes == DIFF_NONE


def test_a_new_resource_group_replaces_creating_first(
    projects: ProviderServer, fresh: Emulator, client: EmrClient
) -> None:
    state = projects.up("p", project_args(resource_group_id="rg-1"))
    replaced = projects.up("p", project_args(resource_group_id="rg-2"), state)
    assert replaced.operations == ("Check", "Diff", "Check", "Create", "Delete")
    assert [p["Id"] for p in projects_named(client, "etl")] == [replaced.id]


def test_refresh_shows_drift_made_with_the_official_sdk(
    projects: ProviderServer, fresh: Emulator
) -> None:
    state = projects.up("p", project_args())
    official_sdk(
        fresh,
        ModifyFlowProjectRequest.ModifyFlowProjectRequest(),
        ProjectId=state.id,
        Name="renamed in the console",
        Description="edited",
    )
    refreshed = projects.refresh(state)
    assert refreshed is not None and refreshed.inputs["name"] == "renamed in the console"
    assert refreshed.inputs["product_type"] == "EMR"
    _, diff = projects.preview("p", project_args(), refreshed)
    assert diff is not None and diff.changes == DIFF_SOME and diff.replaces == []
    back = projects.up("p", project_args(), refreshed)
    final = projects.refresh(back)
    assert final is not None and final.outputs["description"] == "nightly ETL"


def test_out_of_band_delete_refreshes_to_nothing_and_destroy_succeeds(
    projects: ProviderServer, fresh: Emulator
) -> None:
    state = projects.up("p", project_args())
    official_sdk(fresh, DeleteFlowProjectRequest.DeleteFlowProjectRequest(), ProjectId=state.id)
    assert projects.refresh(state) is None
    projects.destroy(state)


def test_get_reads_a_project_by_its_id(projects: ProviderServer, fresh: Emulator) -> None:
    state = projects.up("p", project_args())
    id_, outs, _ = projects.read("ref", state.id, None, {})
    assert id_ == state.id and outs["name"] == "etl" and outs["description"] == "nightly ETL"
    assert projects.read("ref", "FP-DOESNOTEXIST000", None, {})[0] == ""


def test_adopt_by_name_and_refusal_of_an_ambiguous_name(
    projects: ProviderServer, fresh: Emulator, client: EmrClient, requests_since: Since
) -> None:
    existing = client.call("CreateFlowProject", {"Name": "etl", "Description": "old"})["Id"]
    before = fresh.counters()
    state = projects.up("p", project_args(adopt=True))
    assert state.id == existing
    assert requests_since(before) == {"ListFlowProject": 1, "ModifyFlowProject": 1}
    assert client.call("DescribeFlowProject", {"ProjectId": existing})["Description"] == (
        "nightly ETL"
    )
    client.call("CreateFlowProject", {"Name": "etl", "Description": "twin"})
    with pytest.raises(ProviderCallError) as failed:
        projects.up("q", project_args(adopt=True))
    last = failed.value.details.strip().splitlines()[-1]
    assert "Cannot adopt FlowProject 'etl': 2 objects have name='etl'" in last
    assert "FlowProject.get" in last


def test_no_secret_in_provider_outputs_or_errors(
    projects: ProviderServer, fresh: Emulator, client: EmrClient
) -> None:
    secret = fresh.access_key_secret
    assert secret == "emrflow-emulator-secret" and secret not in projects.provider
    state = projects.up("p", project_args())
    assert secret not in json.dumps(state.outputs) and secret not in json.dumps(state.inputs)
    client.call("DeleteFlowProject", {"ProjectId": state.id})
    with pytest.raises(ProviderCallError) as failed:
        projects.up("p", project_args(description="new"), state)
    last = failed.value.details.strip().splitlines()[-1]
    assert f"Could not update FlowProject 'etl' ({state.id})" in last
    assert "run `pulumi refresh`" in last and secret not in failed.value.details


def test_one_server_process_serves_every_kind(
    engine: ProviderServer, projects: ProviderServer, settings: ProviderServer
) -> None:
    assert projects.stub is engine.stub and settings.stub is engine.stub
    assert len({engine.provider, projects.provider, settings.provider}) == 3
    assert projects.urn("x").endswith("::pulumi-python:dynamic/emrflow:FlowProject::x")
    projects.stop()  # a handle does not stop the shared process
    assert engine.stub is projects.stub
    with pytest.raises(RuntimeError, match="shares its server"):
        projects.start()


def test_a_stack_is_created_in_dependency_order_and_destroyed_in_reverse(
    engine: ProviderServer,
    projects: ProviderServer,
    settings: ProviderServer,
    categories: ProviderServer,
    fresh: Emulator,
    client: EmrClient,
) -> None:
    project = projects.up("project", project_args())
    setting = settings.up(
        "setting", {"project_id": project.id, "cluster_id": DEFAULT_CLUSTER_ID, "users": ["etl"]}
    )
    folder = categories.up("folder", {"project_id": project.id, "name": "jobs", "type": "JOB"})
    job = engine.up(
        "job",
        {
            "project_id": project.id,
            "name": "nightly",
            "description": "d",
            "type": "SHELL",
            "parent_category": folder.id,
        },
    )
    assert job.outputs["category_id"] == folder.id

    # Deleting the project (or the folder) first is refused with what to do about it.
    with pytest.raises(ProviderCallError) as failed:
        projects.destroy(project)
    last = failed.value.details.strip().splitlines()[-1]
    assert f"Could not delete FlowProject 'etl' ({project.id})" in last
    assert "flow jobs, folders (FlowCategory) or cluster settings" in last
    assert "Destroy or remove those first" in last
    assert fresh.access_key_secret not in failed.value.details
    with pytest.raises(ProviderCallError, match="it still holds flow jobs or sub-folders"):
        categories.destroy(folder)

    # The engine's reverse dependency order empties the emulator.
    engine.destroy(job)
    categories.destroy(folder)
    settings.destroy(setting)
    projects.destroy(project)
    assert client.call("ListFlowProject", {})["Projects"]["Project"] == []
