"""Category listings hold a folder's jobs as ``CategoryType=FILE`` nodes (ObjectId, ObjectType):
a FlowCategory is only ever a FOLDER node, for adopt, lookup, get and refresh."""

from __future__ import annotations

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.testing.engine import ProviderServer


def _job_node(client: EmrClient, project: str, name: str) -> str:
    client.call(
        "CreateFlowJob", {"ProjectId": project, "Name": name, "Description": "d", "Type": "SHELL"}
    )
    listed = client.call("ListFlowCategory", {"ProjectId": project, "PageSize": 100})
    nodes = [c for c in listed["Categories"]["Category"] if c.get("CategoryType") == "FILE"]
    assert [n["Name"] for n in nodes] == [name], "the emulator lists the job as a FILE node"
    return str(nodes[0]["Id"])


def test_adopt_never_takes_a_jobs_node_with_the_folders_name(
    categories: ProviderServer, client: EmrClient, project: str
) -> None:
    node = _job_node(client, project, "nightly")
    news = {"project_id": project, "name": "nightly", "type": "JOB", "adopt": True}
    state = categories.up("nightly", news)
    assert state.id != node
    described = client.call("DescribeFlowCategory", {"Id": state.id, "ProjectId": project})
    assert described.get("CategoryType", "FOLDER") == "FOLDER"


def test_a_jobs_node_is_not_a_folder_to_get_or_refresh(
    categories: ProviderServer, client: EmrClient, project: str
) -> None:
    node = _job_node(client, project, "nightly")
    id_, _, _ = categories.read("ref", node, None, {"project_id": project})
    assert id_ == ""


def test_a_folder_still_reads_and_adopts(
    categories: ProviderServer, client: EmrClient, project: str
) -> None:
    folder = client.call("CreateFlowCategory", {"ProjectId": project, "Name": "f", "Type": "JOB"})
    news = {"project_id": project, "name": "f", "type": "JOB", "adopt": True}
    state = categories.up("f", news)
    assert state.id == folder["Id"]
    assert categories.refresh(state) is not None
