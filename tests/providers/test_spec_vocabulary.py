"""What every spec says with the shared vocabulary: one id kind per kind of object, the
per-resource facts, and fields Create does not take (create, then Modify; undone on failure)."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from toy_resource import TOY

from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.providers.errors import ProviderError
from pulumi_emrflow.providers.lifecycle import EmrFlowProvider
from pulumi_emrflow.specs import get_spec, ids, spec_names
from pulumi_emrflow.specs.flow_category import FLOW_CATEGORY
from pulumi_emrflow.specs.flow_job import FLOW_JOB

ID_KINDS = {
    "project_id": ids.PROJECT_ID,
    "cluster_id": ids.CLUSTER_ID,
    "parent_id": ids.FOLDER_ID,
    "parent_category": ids.FOLDER_ID,
}
JOB = {"project_id": "FP-1", "name": "j", "description": "d", "type": "SHELL"}


@pytest.mark.parametrize("name", spec_names())
def test_every_id_input_uses_the_one_kind_of_its_object(name: str) -> None:
    spec = get_spec(name)
    for f in spec.inputs:
        if f.name in ID_KINDS:
            assert f.kind is ID_KINDS[f.name], f"{name}.{f.name}"
    assert spec.id_prefix or spec.id_fields
    assert spec.messages.not_found and spec.type_token.endswith(f":{spec.type_name}")


@pytest.mark.parametrize(
    ("field", "value"),
    [("project_id", "my-project"), ("cluster_id", "cluster 1"), ("parent_category", "jobs")],
)
def test_a_job_refuses_what_a_folder_refuses(field: str, value: str) -> None:
    _, failures = FLOW_JOB.check({**JOB, field: value})
    assert [f.property for f in failures] == [field]
    if field == "project_id":
        _, same = FLOW_CATEGORY.check({"project_id": value, "name": "n", "type": "JOB"})
        assert [f.reason for f in same] == [f.reason for f in failures]


def test_ids_the_service_hands_out_and_unknown_outputs_pass() -> None:
    documented = {"project_id": "FP-257A173659F59685", "cluster_id": "C-1234567890ABCDEF"}
    assert FLOW_JOB.check({**JOB, **documented, "parent_category": "FC-A10DB75C7D62A"})[1] == []
    unknown = {"project_id": Unknown(), "cluster_id": Unknown(), "parent_category": Unknown()}
    assert FLOW_JOB.check({**JOB, **unknown})[1] == []


def test_a_spec_outside_the_registry_is_found_by_its_import_path() -> None:
    assert get_spec("toy_resource:TOY") is TOY  # its operation rows join the API table
    with pytest.raises(KeyError, match="load a spec by its name"):
        get_spec("pulumi_emrflow.specs.flow_job:FLOW_JOB")  # named flow_job: would not unpickle
    with pytest.raises(KeyError, match="cannot be loaded"):
        get_spec("no_such_module:SPEC")


class FakeClient:
    """Answers the toy's actions; ``fail`` names an action that fails."""

    def __init__(self, fail: str = "") -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail = fail

    def call(self, action: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((action, params))
        if action == self.fail:
            raise ApiError(action, "FLOW_API_FAILED", "Invalid status")
        return {"Id": "T-1"}


def _provider(client: FakeClient) -> EmrFlowProvider:
    provider = EmrFlowProvider(TOY.name)
    provider._client = lambda props: client  # type: ignore[method-assign,assignment,return-value]
    return provider


def test_a_field_create_does_not_take_is_set_by_a_modify_right_after() -> None:
    client = FakeClient()
    result = _provider(client).create({"name": "a", "status": "OFF"})
    assert result.id == "T-1" and result.outs["status"] == "OFF"
    assert [a for a, _ in client.calls] == ["CreateToy", "ModifyToy"]
    assert client.calls[0][1] == {"Name": "a"} and client.calls[1][1]["Status"] == "OFF"


def test_when_that_modify_fails_the_new_object_is_deleted_again() -> None:
    client = FakeClient(fail="ModifyToy")
    with pytest.raises(ProviderError, match=r"setting status .* failed.*it was deleted again"):
        _provider(client).create({"name": "a", "status": "OFF"})
    assert [a for a, _ in client.calls] == ["CreateToy", "ModifyToy", "DeleteToy"]
