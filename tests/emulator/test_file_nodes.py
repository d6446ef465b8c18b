"""Category listings hold a folder's jobs as FILE nodes (ObjectId / ObjectType), as the official
models suggest the service does; ``file_nodes=False`` / ``--no-file-nodes`` lists folders only."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from alibabacloud_emr20160408 import models as emr
from alibabacloud_emr20160408.client import Client
from alibabacloud_tea_openapi import models as openapi
from emulator_wire import Wire

from pulumi_emrflow.emulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Emulator


def _tree(wire: Wire, project: str) -> dict[str, str]:
    """A folder ``f`` holding a sub-folder ``f`` and a job ``f``, and a root ad-hoc job ``r``."""
    folder = wire.ok("CreateFlowCategory", ProjectId=project, Name="f", Type="JOB")["Id"]
    sub = wire.ok("CreateFlowCategory", ProjectId=project, Name="f", Type="JOB", ParentId=folder)[
        "Id"
    ]
    job = wire.ok(
        "CreateFlowJob", ProjectId=project, Name="f", Type="SHELL", Description="",
        ParentCategory=folder,
    )["Id"]  # fmt: skip
    root_job = wire.ok(
        "CreateFlowJob", ProjectId=project, Name="r", Type="HIVE", Description="", Adhoc="true"
    )["Id"]
    return {"folder": folder, "sub": sub, "job": job, "root_job": root_job}


def _nodes(wire: Wire, project: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = wire.ok("ListFlowCategory", ProjectId=project, **params)[
        "Categories"
    ]["Category"]
    return items


def test_a_folder_lists_its_folders_then_its_jobs_as_file_nodes(wire: Wire, project: str) -> None:
    tree = _tree(wire, project)
    children = _nodes(wire, project, ParentId=tree["folder"])
    assert [(n["CategoryType"], n["Name"]) for n in children] == [("FOLDER", "f"), ("FILE", "f")]
    folder, file = children
    assert "ObjectId" not in folder and "ObjectType" not in folder
    assert (file["ObjectId"], file["ObjectType"], file["Type"]) == (tree["job"], "JOB", "JOB")
    assert file["ParentId"] == tree["folder"] and file["Id"] == "FC-" + tree["job"][3:]
    root = _nodes(wire, project, Root="true")
    assert [(n["CategoryType"], n["Id"]) for n in root] == [
        ("FOLDER", tree["folder"]),
        ("FILE", "FC-" + tree["root_job"][3:]),
    ]
    assert root[1]["Type"] == "ADHOC" and root[1]["ParentId"] == "root_parent"
    assert len(_nodes(wire, project)) == 4


def test_pages_run_across_folders_and_files(wire: Wire, project: str) -> None:
    _tree(wire, project)
    pages = [
        wire.ok("ListFlowCategory", ProjectId=project, PageSize=3, PageNumber=number)
        for number in (1, 2)
    ]
    assert [page["Total"] for page in pages] == [4, 4]
    kinds = [n["CategoryType"] for page in pages for n in page["Categories"]["Category"]]
    assert kinds == ["FOLDER", "FOLDER", "FILE", "FILE"]


def test_a_file_node_is_described_but_never_changed(wire: Wire, project: str) -> None:
    tree = _tree(wire, project)
    node_id = "FC-" + tree["job"][3:]
    node = wire.ok("DescribeFlowCategory", ProjectId=project, Id=node_id)
    assert (node["CategoryType"], node["ObjectId"], node["Name"]) == ("FILE", tree["job"], "f")
    for action, extra in [("ModifyFlowCategory", {"Name": "x"}), ("DeleteFlowCategory", {})]:
        _, body = wire.error(action, {"ProjectId": project, "Id": node_id, **extra})
        assert body["message"] == f"Category does not exist [{node_id}]"
    _, body = wire.error(
        "CreateFlowCategory",
        {"ProjectId": project, "Name": "x", "Type": "JOB", "ParentId": node_id},
    )
    assert body["message"] == f"Category does not exist [{node_id}]"
    wire.ok("DeleteFlowJob", ProjectId=project, Id=tree["job"])
    _, body = wire.error("DescribeFlowCategory", {"ProjectId": project, "Id": node_id})
    assert body["message"] == f"Category does not exist [{node_id}]"


def test_the_official_models_read_file_nodes(emrflow_emulator: Emulator, wire: Wire) -> None:
    project = wire.ok("CreateFlowProject", Name="p", Description="")["Id"]
    tree = _tree(wire, project)
    tea = Client(
        openapi.Config(
            access_key_id=emrflow_emulator.access_key_id,
            access_key_secret=emrflow_emulator.access_key_secret,
            endpoint=emrflow_emulator.endpoint.removeprefix("http://"),
            protocol="http",
        )
    )
    request = emr.ListFlowCategoryRequest(
        project_id=project, parent_id=tree["folder"], region_id=emrflow_emulator.region
    )
    nodes = tea.list_flow_category(request).body.categories.category
    assert [(n.category_type, n.object_id, n.object_type) for n in nodes] == [
        ("FOLDER", None, None),
        ("FILE", tree["job"], "JOB"),
    ]


def test_file_nodes_can_be_switched_off() -> None:
    with Emulator(file_nodes=False) as emu:
        wire = Wire(emu.endpoint, emu.access_key_id, emu.access_key_secret)
        project = wire.ok("CreateFlowProject", Name="p", Description="")["Id"]
        tree = _tree(wire, project)
        assert [n["Id"] for n in _nodes(wire, project)] == [tree["folder"], tree["sub"]]
        node_id = "FC-" + tree["job"][3:]
        _, body = wire.error("DescribeFlowCategory", {"ProjectId": project, "Id": node_id})
        assert body["message"] == f"Category does not exist [{node_id}]"


def test_the_command_line_switch() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_emrflow.emulator", "--port", "0", "--quiet",
         "--no-file-nodes"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        wire = Wire(
            process.stdout.readline().strip(), DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET
        )
        project = wire.ok("CreateFlowProject", Name="p", Description="")["Id"]
        _tree(wire, project)
        assert {n["CategoryType"] for n in _nodes(wire, project)} == {"FOLDER"}
    finally:
        process.terminate()
        process.wait(timeout=10)
