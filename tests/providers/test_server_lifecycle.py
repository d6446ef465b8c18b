"""FlowJob through the SDK's real provider server (python -m pulumi.dynamic), replaying the
engine's call sequences against an in-process emulator configured by stack config only."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import DeleteFlowJobRequest, ModifyFlowJobRequest
from pulumi.output import Unknown
from sdk_drift import official_sdk

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.testing.engine import (
    DIFF_NONE,
    DIFF_SOME,
    ProviderCallError,
    ProviderServer,
)

Since = Callable[[dict[str, Any]], dict[str, int]]


def job(project: str, **extra: Any) -> dict[str, Any]:
    return {
        "project_id": project,
        "name": "nightly",
        "description": "nightly export",
        "type": "SHELL",
        "params": "ls -l",
        "resources": [{"path": "oss://bucket/demo.jar", "alias": "demo.jar"}],
        "run_conf": {"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1},
        "param_conf": {"date": "${yyyy-MM-dd}"},
        "custom_variables": [{"name": "v1", "value": "s3cr3t-value", "password": True}],
        "mode": "YARN",
        "max_retry": 3,
        "cluster_id": DEFAULT_CLUSTER_ID,
        **extra,
    }


def jobs_in(client: EmrClient, project: str) -> list[dict[str, Any]]:
    answer = client.call("ListFlowJob", {"ProjectId": project, "PageSize": 100})
    items: list[dict[str, Any]] = answer["JobList"]["Job"]
    return items


def test_preview_with_unknown_inputs_checks_and_diffs_without_calls(
    engine: ProviderServer, emu: Emulator, project: str, requests_since: Since
) -> None:
    before = emu.counters()
    checked, diff = engine.preview("j", job(Unknown(), cluster_id=Unknown()))  # type: ignore[arg-type]
    assert checked.failures == [] and diff is None
    state = engine.up("j", job(project))
    before = emu.counters()
    _, diff = engine.preview("j", job(project, description=Unknown(), type=Unknown()), state)
    assert diff is not None and diff.changes == DIFF_SOME and diff.replaces == ["type"]
    assert requests_since(before) == {}


def test_preview_rejects_an_invalid_job_before_any_call(
    engine: ProviderServer, emu: Emulator, project: str, requests_since: Since
) -> None:
    before = emu.counters()
    checked, _ = engine.preview("j", job(project, type="BASH", max_retry=9))
    assert sorted(p for p, _ in checked.failures) == ["max_retry", "type"]
    assert requests_since(before) == {}


def test_up_creates_with_one_call_and_a_second_up_changes_nothing(
    engine: ProviderServer, emu: Emulator, client: EmrClient, project: str, requests_since: Since
) -> None:
    before = emu.counters()
    state = engine.up("j", job(project))
    assert requests_since(before) == {"CreateFlowJob": 1}
    assert state.id.startswith("FJ-") and state.outputs["job_id"] == state.id
    assert state.outputs["run_conf"]["user_name"] == "hadoop"
    assert {k: v for k, v in state.outputs.items() if k in job(project)} == job(project)
    assert state.outputs.get("gmt_create") is None  # filled in by the next read
    assert [j["Id"] for j in jobs_in(client, project)] == [state.id]

    before = emu.counters()
    again = engine.up("j", job(project), state)
    assert again.operations == ("Check", "Diff") and again.outputs == state.outputs
    assert requests_since(before) == {}
    # and after a refresh (gmt_* filled in) still no diff
    refreshed = engine.refresh(state)
    assert refreshed is not None and refreshed.outputs["gmt_create"] > 0
    _, diff = engine.preview("j", job(project), refreshed)
    assert diff is not None and diff.changes == DIFF_NONE


def test_update_in_place_sends_the_whole_state_and_clears_removed_fields(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    state = engine.up("j", job(project))
    desired = job(project, description="changed", max_retry=5, mode="LOCAL")
    del desired["params"], desired["param_conf"]
    updated = engine.up("j", desired, state)
    assert updated.operations == ("Check", "Diff", "Update") and updated.id == state.id
    described = client.call("DescribeFlowJob", {"Id": state.id, "ProjectId": project})
    assert described["Description"] == "changed" and described["mode"] == "LOCAL"
    assert described["MaxRetry"] == 5
    assert not described.get("Params") and not described.get("ParamConf")
    assert "params" not in updated.outputs and updated.outputs["description"] == "changed"
    refreshed = engine.refresh(updated)
    assert refreshed is not None
    _, diff = engine.preview("j", desired, refreshed)
    assert diff is not None and diff.changes == DIFF_NONE


def test_replace_leaves_exactly_one_job(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    state = engine.up("j", job(project))
    replaced = engine.up("j", job(project, type="HIVE"), state)
    # same name in the same project: the old job must go first
    assert replaced.operations == ("Check", "Diff", "Check", "Delete", "Create")
    assert replaced.id != state.id
    assert [(j["Id"], j["Type"]) for j in jobs_in(client, project)] == [(replaced.id, "HIVE")]
    renamed = engine.up("j", job(project, type="SPARK", name="other"), replaced)
    assert renamed.operations[-2:] == ("Create", "Delete")
    assert [j["Id"] for j in jobs_in(client, project)] == [renamed.id]


def test_refresh_shows_drift_made_with_the_official_sdk(
    engine: ProviderServer, emu: Emulator, project: str
) -> None:
    state = engine.up("j", job(project))
    official_sdk(
        emu,
        ModifyFlowJobRequest.ModifyFlowJobRequest(),
        Id=state.id,
        ProjectId=project,
        Description="edited in the console",
        RunConf='{"priority":9,"userName":"root","memory":1024,"cores":2}',
        Mode="LOCAL",
    )
    _, outs, inputs = engine.read("j", state.id, state.outputs, state.inputs)
    assert inputs is not None
    assert inputs["description"] == "edited in the console" and inputs["mode"] == "LOCAL"
    assert inputs["run_conf"] == {"priority": 9, "user_name": "root", "memory": 1024, "cores": 2}
    assert inputs["project_id"] == project and inputs["cluster_id"] == DEFAULT_CLUSTER_ID
    assert "job_id" not in inputs and outs["job_id"] == state.id
    refreshed = engine.refresh(state)
    assert refreshed is not None
    _, diff = engine.preview("j", job(project), refreshed)
    assert diff is not None and diff.changes == DIFF_SOME and diff.replaces == []
    back = engine.up("j", job(project), refreshed)
    assert back.operations[-1] == "Update"
    final = engine.refresh(back)
    assert final is not None and final.outputs["mode"] == "YARN"


def test_refresh_and_destroy_after_an_out_of_band_delete(
    engine: ProviderServer, emu: Emulator, project: str
) -> None:
    state = engine.up("j", job(project))
    official_sdk(emu, DeleteFlowJobRequest.DeleteFlowJobRequest(), Id=state.id, ProjectId=project)
    id_, outs, _ = engine.read("j", state.id, state.outputs, state.inputs)
    assert id_ == "" and set(outs) == {"__provider"}  # the server adds __provider back
    assert engine.refresh(state) is None
    engine.destroy(state)  # already gone: success


def test_destroy_deletes(engine: ProviderServer, client: EmrClient, project: str) -> None:
    state = engine.up("j", job(project))
    engine.destroy(state)
    assert jobs_in(client, project) == []


def test_get_reads_an_existing_job_from_its_id_and_project(
    engine: ProviderServer, project: str
) -> None:
    state = engine.up("j", job(project))
    id_, outs, _ = engine.read("ref", state.id, None, {"project_id": project})
    assert id_ == state.id and outs["name"] == "nightly" and outs["project_id"] == project
    with pytest.raises(ProviderCallError, match="project_id is needed"):
        engine.read("ref", state.id, None, {"name": "x"})


def test_adopt_takes_over_an_existing_job(
    engine: ProviderServer, emu: Emulator, client: EmrClient, project: str, requests_since: Since
) -> None:
    existing = client.call(
        "CreateFlowJob",
        {
            "ProjectId": project,
            "Name": "nightly",
            "Description": "old",
            "Type": "SHELL",
            "Params": "echo old",
            "EnvConf": '{"A":"1"}',
        },
    )["Id"]
    with pytest.raises(ProviderCallError) as failed:
        engine.up("j", job(project))
    assert "already exists" in failed.value.details and "adopt=True" in failed.value.details

    before = emu.counters()
    state = engine.up("j", job(project, adopt=True))
    assert state.id == existing
    assert requests_since(before) == {"ListFlowJob": 1, "ModifyFlowJob": 1}
    described = client.call("DescribeFlowJob", {"Id": existing, "ProjectId": project})
    assert described["Description"] == "nightly export" and described["Params"] == "ls -l"
    assert not described.get("EnvConf")  # not declared: cleared
    assert len(jobs_in(client, project)) == 1


def test_adopt_refuses_a_type_mismatch(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    client.call(
        "CreateFlowJob",
        {"ProjectId": project, "Name": "nightly", "Description": "d", "Type": "HIVE"},
    )
    with pytest.raises(ProviderCallError) as failed:
        engine.up("j", job(project, adopt=True))
    assert "type is 'HIVE' there but 'SHELL' here" in failed.value.details


def test_adopt_without_an_existing_job_creates_one(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    state = engine.up("j", job(project, adopt=True))
    assert [j["Id"] for j in jobs_in(client, project)] == [state.id]


def test_calls_are_retried_through_throttling_and_5xx(
    engine: ProviderServer, emu: Emulator, client: EmrClient, project: str
) -> None:
    emu.set_faults(throttle_next=2)
    state = engine.up("j", job(project))
    emu.set_faults(error_next=2)
    updated = engine.up("j", job(project, description="after 5xx"), state)
    emu.set_faults(throttle_next=1, error_next=1)
    assert engine.refresh(updated) is not None
    counters = emu.counters()
    assert counters["throttled"] >= 3 and counters["errors"] >= 3
    assert len(jobs_in(client, project)) == 1


def test_a_lost_create_answer_is_recovered_without_a_duplicate(
    engine: ProviderServer,
    emu: Emulator,
    client: EmrClient,
    project: str,
    requests_since: Since,
) -> None:
    emu.set_faults(drop_after_commit={"CreateFlowJob": 1})
    before = emu.counters()
    state = engine.up("j", job(project))
    # the lost answer was looked up by name and the job adopted, not created twice
    assert requests_since(before) == {"CreateFlowJob": 1, "ListFlowJob": 1, "ModifyFlowJob": 1}
    listed = jobs_in(client, project)
    assert [j["Id"] for j in listed] == [state.id]
    assert emu.counters()["dropped"] == 1


def test_no_secret_reaches_provider_outputs_or_errors(
    engine: ProviderServer, emu: Emulator, project: str
) -> None:
    secret = emu.access_key_secret
    assert secret not in engine.provider
    state = engine.up("j", job(project))
    assert secret not in json.dumps(state.outputs) and secret not in json.dumps(state.inputs)
    with pytest.raises(ProviderCallError) as failed:
        engine.up("j", job("FP-DOESNOTEXIST0000"))
    assert secret not in failed.value.details
    assert "Could not create FlowJob 'nightly'" in failed.value.details


def test_bad_credentials_fail_with_a_clear_message(emu: Emulator, project: str) -> None:
    config = {
        "alicloud:accessKey": emu.access_key_id,
        "alicloud:secretKey": "wrong-secret-value",
        "alicloud:region": emu.region,
        "emrflow:endpoint": emu.endpoint,
    }
    with (
        ProviderServer.for_spec("flow_job", config) as server,
        pytest.raises(ProviderCallError) as failed,
    ):
        server.up("j", job(project))
    assert "check the access key pair" in failed.value.details
    assert "wrong-secret-value" not in failed.value.details
    with (
        ProviderServer.for_spec("flow_job", {}) as server,
        pytest.raises(ProviderCallError) as failed,
    ):
        server.up("j", job(project))
    assert "no usable credentials" in failed.value.details


def test_without_stack_config_the_environment_is_used(emu: Emulator, project: str) -> None:
    """destroy and refresh configure from the config recorded in state: env is the fallback."""
    env = {**os.environ, **emu.env()}
    with ProviderServer.for_spec("flow_job", {}, env=env) as server:
        state = server.up("j", job(project))
        assert server.refresh(state) is not None
        server.destroy(state)


def test_updating_a_job_deleted_out_of_band_says_to_refresh(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    state = engine.up("j", job(project))
    client.call("DeleteFlowJob", {"Id": state.id, "ProjectId": project})
    with pytest.raises(ProviderCallError) as failed:
        engine.up("j", job(project, description="new"), state)
    last_line = failed.value.details.strip().splitlines()[-1]
    assert f"Could not update FlowJob 'nightly' ({state.id}" in last_line
    assert "run `pulumi refresh`" in last_line
