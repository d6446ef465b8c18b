"""FlowProjectClusterSetting and FlowCategory through the SDK's real provider server against
the emulator, with the engine's call sequences; drift made with the official SDK."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import (
    DeleteFlowCategoryRequest,
    DeleteFlowProjectClusterSettingRequest,
    ModifyFlowCategoryRequest,
    ModifyFlowProjectClusterSettingRequest,
)
from pulumi.output import Unknown
from sdk_drift import official_sdk

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.testing.engine import DIFF_NONE, DIFF_SOME, ProviderCallError, ProviderServer

Since = Callable[[dict[str, Any]], dict[str, int]]
OTHER_CLUSTER = "C-0000000000000002"


def setting(project: str, **extra: Any) -> dict[str, Any]:
    return {
        "project_id": project,
        "cluster_id": DEFAULT_CLUSTER_ID,
        "users": ["etl", "hadoop"],
        "queues": ["default", "etl"],
        "hosts": ["emr-header-1"],
        **extra,
    }


def folder(project: str, **extra: Any) -> dict[str, Any]:
    return {"project_id": project, "name": "jobs", "type": "JOB", **extra}


def describe_setting(client: EmrClient, project: str, cluster: str = DEFAULT_CLUSTER_ID) -> Any:
    return client.call(
        "DescribeFlowProjectClusterSetting", {"ProjectId": project, "ClusterId": cluster}
    )


# ---- FlowProjectClusterSetting ----------------------------------------------------------------
def test_setting_preview_with_unknowns_makes_no_call(
    settings: ProviderServer, emu: Emulator, project: str, requests_since: Since
) -> None:
    before = emu.counters()
    checked, diff = settings.preview("s", setting(Unknown(), users=[Unknown()]))  # type: ignore[arg-type]
    assert checked.failures == [] and diff is None
    state = settings.up("s", setting(project))
    before = emu.counters()
    _, diff = settings.preview("s", setting(project, cluster_id=Unknown()), state)
    assert diff is not None and diff.replaces == ["cluster_id"]
    assert requests_since(before) == {}


def test_setting_up_composes_its_id_and_refresh_of_defaults_shows_no_diff(
    settings: ProviderServer, emu: Emulator, project: str, requests_since: Since
) -> None:
    before = emu.counters()
    state = settings.up("s", {"project_id": project, "cluster_id": DEFAULT_CLUSTER_ID})
    assert requests_since(before) == {"CreateFlowProjectClusterSetting": 1}
    assert state.id == f"{project}:{DEFAULT_CLUSTER_ID}"
    assert state.outputs["default_user"] == "hadoop" and state.outputs["default_queue"] == "default"
    refreshed = settings.refresh(state)
    assert refreshed is not None and refreshed.outputs.get("users") is None
    before = emu.counters()
    again = settings.up("s", {"project_id": project, "cluster_id": DEFAULT_CLUSTER_ID}, refreshed)
    assert again.operations == ("Check", "Diff") and requests_since(before) == {}


def test_setting_update_keeps_list_order_and_refreshes_clean(
    settings: ProviderServer, client: EmrClient, project: str
) -> None:
    state = settings.up("s", setting(project))
    desired = setting(project, users=["hadoop", "etl", "bi"], default_user="etl")
    updated = settings.up("s", desired, state)
    assert updated.operations[-1] == "Update" and updated.id == state.id
    described = describe_setting(client, project)
    assert described["UserList"]["User"] == ["hadoop", "etl", "bi"]
    assert described["DefaultUser"] == "etl"
    refreshed = settings.refresh(updated)
    assert refreshed is not None
    _, diff = settings.preview("s", desired, refreshed)
    assert diff is not None and diff.changes == DIFF_NONE


def test_setting_replaces_when_a_list_is_emptied_or_the_cluster_changes(
    settings: ProviderServer, emu: Emulator, client: EmrClient, project: str
) -> None:
    state = settings.up("s", setting(project))
    emptied = settings.up("s", setting(project, hosts=[]), state)
    # same project and cluster: the old setting must go first
    assert emptied.operations == ("Check", "Diff", "Check", "Delete", "Create")
    assert describe_setting(client, project)["HostList"]["Host"] == []
    emu.backend.add_cluster(OTHER_CLUSTER, region_id=emu.region, seeded=True)
    moved = settings.up("s", setting(project, hosts=[], cluster_id=OTHER_CLUSTER), emptied)
    assert moved.operations[-2:] == ("Create", "Delete")
    assert moved.id == f"{project}:{OTHER_CLUSTER}"
    listed = client.call("ListFlowProjectClusterSetting", {"ProjectId": project})
    assert [s["ClusterId"] for s in listed["ClusterSettings"]["ClusterSetting"]] == [OTHER_CLUSTER]


def test_setting_refresh_shows_drift_made_with_the_official_sdk(
    settings: ProviderServer, emu: Emulator, project: str
) -> None:
    state = settings.up("s", setting(project))
    official_sdk(
        emu,
        ModifyFlowProjectClusterSettingRequest.ModifyFlowProjectClusterSettingRequest(),
        ProjectId=project,
        ClusterId=DEFAULT_CLUSTER_ID,
        DefaultQueue="etl",
        UserLists=["root"],
    )
    refreshed = settings.refresh(state)
    assert refreshed is not None
    assert refreshed.inputs["users"] == ["root"] and refreshed.inputs["default_queue"] == "etl"
    assert refreshed.inputs["project_id"] == project
    _, diff = settings.preview("s", setting(project), refreshed)
    assert diff is not None and diff.changes == DIFF_SOME and diff.replaces == []
    back = settings.up("s", setting(project), refreshed)
    final = settings.refresh(back)
    assert final is not None and final.outputs["users"] == ["etl", "hadoop"]


def test_setting_out_of_band_delete_then_destroy(
    settings: ProviderServer, emu: Emulator, project: str
) -> None:
    state = settings.up("s", setting(project))
    official_sdk(
        emu,
        DeleteFlowProjectClusterSettingRequest.DeleteFlowProjectClusterSettingRequest(),
        ProjectId=project,
        ClusterId=DEFAULT_CLUSTER_ID,
    )
    assert settings.refresh(state) is None
    settings.destroy(state)


def test_setting_get_parses_its_id_strictly(settings: ProviderServer, project: str) -> None:
    state = settings.up("s", setting(project))
    id_, outs, _ = settings.read("ref", state.id, None, {})
    assert id_ == state.id and outs["project_id"] == project and outs["users"] == ["etl", "hadoop"]
    for bad in (project, f"{DEFAULT_CLUSTER_ID}:{project}", f"{state.id}:x"):
        with pytest.raises(ProviderCallError) as failed:
            settings.read("ref", bad, None, {})
        last = failed.value.details.strip().splitlines()[-1]
        assert "is not of the form <project_id>:<cluster_id>" in last or "(<project_id>" in last


def test_setting_conflict_says_adopt_and_adopt_takes_it_over(
    settings: ProviderServer, client: EmrClient, project: str
) -> None:
    client.call(
        "CreateFlowProjectClusterSetting",
        {"ProjectId": project, "ClusterId": DEFAULT_CLUSTER_ID, "DefaultUser": "root"},
    )
    with pytest.raises(ProviderCallError) as failed:
        settings.up("s", setting(project))
    assert "already exists" in failed.value.details and "adopt=True" in failed.value.details
    state = settings.up("s", setting(project, adopt=True))
    assert state.id == f"{project}:{DEFAULT_CLUSTER_ID}"
    described = describe_setting(client, project)
    assert described["DefaultUser"] == "hadoop" and described["UserList"]["User"] == [
        "etl",
        "hadoop",
    ]


# ---- FlowCategory -----------------------------------------------------------------------------
def test_category_lifecycle_move_rename_replace_and_refresh(
    categories: ProviderServer,
    emu: Emulator,
    client: EmrClient,
    project: str,
    requests_since: Since,
) -> None:
    checked, _ = categories.preview("f", folder(Unknown(), parent_id=Unknown()))  # type: ignore[arg-type]
    assert checked.failures == []
    top = categories.up("top", folder(project, name="top"))
    before = emu.counters()
    child = categories.up("f", folder(project, parent_id=top.id))
    assert requests_since(before) == {"CreateFlowCategory": 1}
    assert child.id.startswith("FC-") and child.outputs["category_id"] == child.id
    before = emu.counters()
    assert categories.up("f", folder(project, parent_id=top.id), child).operations[-1] == "Diff"
    assert requests_since(before) == {}

    moved = categories.up("f", folder(project, name="renamed"), child)  # to the root, renamed
    assert moved.operations[-1] == "Update" and moved.id == child.id
    described = client.call("DescribeFlowCategory", {"Id": child.id, "ProjectId": project})
    assert described["ParentId"] == "root_parent" and described["Name"] == "renamed"
    refreshed = categories.refresh(moved)
    assert refreshed is not None and refreshed.outputs.get("parent_id") is None
    _, diff = categories.preview("f", folder(project, name="renamed"), refreshed)
    assert diff is not None and diff.changes == DIFF_NONE

    replaced = categories.up("f", folder(project, name="renamed", type="FLOW"), refreshed)
    assert replaced.operations[-2:] == ("Create", "Delete") and replaced.id != child.id


def test_category_refresh_shows_a_move_made_with_the_official_sdk(
    categories: ProviderServer, emu: Emulator, project: str
) -> None:
    top = categories.up("top", folder(project, name="top"))
    state = categories.up("f", folder(project))
    official_sdk(
        emu,
        ModifyFlowCategoryRequest.ModifyFlowCategoryRequest(),
        Id=state.id,
        ProjectId=project,
        ParentId=top.id,
    )
    refreshed = categories.refresh(state)
    assert refreshed is not None and refreshed.inputs["parent_id"] == top.id
    _, diff = categories.preview("f", folder(project), refreshed)
    assert diff is not None and diff.changes == DIFF_SOME and diff.replaces == []
    back = categories.up("f", folder(project), refreshed)
    final = categories.refresh(back)
    assert final is not None and final.outputs.get("parent_id") is None


def test_category_out_of_band_delete_get_and_destroy(
    categories: ProviderServer, emu: Emulator, project: str
) -> None:
    state = categories.up("f", folder(project))
    id_, outs, _ = categories.read("ref", state.id, None, {"project_id": project})
    assert id_ == state.id and outs["name"] == "jobs" and outs["type"] == "JOB"
    with pytest.raises(ProviderCallError, match="project_id is needed"):
        categories.read("ref", state.id, None, {})
    official_sdk(
        emu, DeleteFlowCategoryRequest.DeleteFlowCategoryRequest(), Id=state.id, ProjectId=project
    )
    assert categories.refresh(state) is None
    categories.destroy(state)


def test_category_adopt_matches_name_and_parent_and_refuses_a_type_mismatch(
    categories: ProviderServer, client: EmrClient, project: str
) -> None:
    top = client.call("CreateFlowCategory", {"ProjectId": project, "Name": "top", "Type": "JOB"})
    inner = client.call(
        "CreateFlowCategory",
        {"ProjectId": project, "Name": "jobs", "Type": "JOB", "ParentId": top["Id"]},
    )
    root_twin = client.call(
        "CreateFlowCategory", {"ProjectId": project, "Name": "jobs", "Type": "FLOW"}
    )
    state = categories.up("f", folder(project, parent_id=top["Id"], adopt=True))
    assert state.id == inner["Id"]
    with pytest.raises(ProviderCallError) as failed:
        categories.up("g", folder(project, adopt=True))
    assert f"Cannot adopt the existing FlowCategory 'jobs' ({root_twin['Id']}" in (
        failed.value.details
    )
    assert "type is 'FLOW' there but 'JOB' here" in failed.value.details


def test_no_secret_in_setting_or_category_errors(
    settings: ProviderServer, categories: ProviderServer, emu: Emulator, project: str
) -> None:
    secret = emu.access_key_secret
    assert secret not in settings.provider and secret not in categories.provider
    state = categories.up("f", folder(project))
    assert secret not in json.dumps(state.outputs)
    for server, props in (
        (settings, setting("FP-DOESNOTEXIST0000")),
        (categories, folder("FP-DOESNOTEXIST0000")),
    ):
        with pytest.raises(ProviderCallError) as failed:
            server.up("x", props)
        assert secret not in failed.value.details
        assert "Project does not exist" in failed.value.details


def test_a_lost_setting_create_answer_is_recovered_by_its_composite_id(
    settings: ProviderServer, emu: Emulator, project: str, requests_since: Since
) -> None:
    emu.set_faults(drop_after_commit={"CreateFlowProjectClusterSetting": 1})
    before = emu.counters()
    state = settings.up("s", setting(project))
    assert state.id == f"{project}:{DEFAULT_CLUSTER_ID}"
    assert requests_since(before) == {
        "CreateFlowProjectClusterSetting": 1,
        "ListFlowProjectClusterSetting": 1,
        "ModifyFlowProjectClusterSetting": 1,
    }
