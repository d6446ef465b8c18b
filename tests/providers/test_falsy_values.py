"""False, 0 and "" are values, not absence: through adopt, refresh and diff, for every kind that
has such a property (a job's switches and counts and texts; a cluster setting's texts)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID
from pulumi_emrflow.testing.engine import ProviderServer

JOB_FALSY = {
    "adhoc": False,
    "max_retry": 0,
    "retry_interval": 0,
    "max_running_time_sec": 0,
    "params": "",
}


def _existing_job(client: EmrClient, project: str) -> str:
    params = {
        "ProjectId": project,
        "Name": "falsy",
        "Description": "made outside Pulumi",
        "Type": "SHELL",
        "Adhoc": False,
        "MaxRetry": 0,
        "RetryInterval": 0,
        "MaxRunningTimeSec": 0,
        "Params": "",
    }
    return str(client.call("CreateFlowJob", params)["Id"])


@pytest.mark.parametrize("field", [*JOB_FALSY, "all"])
def test_a_job_with_falsy_values_is_adopted_refreshed_and_unchanged(
    engine: ProviderServer, client: EmrClient, project: str, field: str
) -> None:
    existing = _existing_job(client, project)
    falsy = JOB_FALSY if field == "all" else {field: JOB_FALSY[field]}
    news = {
        "project_id": project,
        "name": "falsy",
        "description": "made outside Pulumi",
        "type": "SHELL",
        "adopt": True,
        **falsy,
    }
    state = engine.up("falsy", news)
    assert state.id == existing
    for key, value in falsy.items():
        have = state.outputs[key]  # numbers cross the wire as floats; None would be absence
        assert (
            have is not None and have == value and isinstance(have, bool) is isinstance(value, bool)
        )
    refreshed = engine.refresh(state)
    assert refreshed is not None
    for key, value in falsy.items():
        assert refreshed.outputs[key] == value, key
    _, diff = engine.preview("falsy", news, refreshed)
    assert diff is not None and not diff.changed


def test_falsy_adhoc_still_refuses_a_different_existing_job(
    engine: ProviderServer, client: EmrClient, project: str
) -> None:
    client.call(
        "CreateFlowJob",
        {"ProjectId": project, "Name": "adhoc", "Description": "d", "Type": "SHELL", "Adhoc": True},
    )
    news = {"project_id": project, "name": "adhoc", "description": "d", "type": "SHELL"}
    with pytest.raises(Exception, match="adhoc is True there but False here"):
        engine.up("adhoc", {**news, "adhoc": False, "adopt": True})


def test_a_setting_with_empty_texts_is_adopted_and_unchanged(
    settings: ProviderServer, client: EmrClient, project: str
) -> None:
    client.call(
        "CreateFlowProjectClusterSetting",
        {"ProjectId": project, "ClusterId": DEFAULT_CLUSTER_ID, "DefaultUser": "hadoop"},
    )
    news: dict[str, Any] = {
        "project_id": project,
        "cluster_id": DEFAULT_CLUSTER_ID,
        "default_user": "hadoop",
        "adopt": True,
    }
    state = settings.up("empty", news)
    refreshed = settings.refresh(state)
    assert refreshed is not None
    _, diff = settings.preview("empty", news, refreshed)
    assert diff is not None and not diff.changed
