"""State per (account, region): the account from the AccessKeyId, the region from RegionId."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from emulator_wire import Wire, error_body

from pulumi_emrflow.emulator import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_CLUSTER_ID,
    DEFAULT_REGION,
    Emulator,
    EmulatorError,
    StoreError,
)
from pulumi_emrflow.emulator.store import SCHEMA_VERSION

OTHER_REGION = "eu-central-1"
OTHER_ACCOUNT = "9876543210987654"


def _in(wire: Wire, region: str, action: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = wire.call(action, {k: str(v) for k, v in params.items()}, RegionId=region)
    return response.status_code, (response.json() if response.ok else error_body(response))


def _other_account_wire(emu: Emulator) -> Wire:
    emu.add_key("other-account-key", "other-account-secret", account_id=OTHER_ACCOUNT)
    return Wire(emu.endpoint, "other-account-key", "other-account-secret")


def test_a_project_of_another_region_does_not_exist(wire: Wire, project: str) -> None:
    status, body = _in(wire, OTHER_REGION, "DescribeFlowProject", ProjectId=project)
    assert (status, body["code"]) == (400, "FLOW_API_FAILED")
    assert body["message"] == f"Project does not exist [{project}]"
    assert _in(wire, OTHER_REGION, "ListFlowProject")[1]["Total"] == 0
    assert _in(wire, DEFAULT_REGION, "ListFlowProject")[1]["Total"] == 1


def test_every_kind_is_scoped_through_its_project(wire: Wire, job: dict[str, Any]) -> None:
    key = {"ProjectId": job["ProjectId"]}
    for action, params in [
        ("DescribeFlowJob", {**key, "Id": job["Id"]}),
        ("DeleteFlowJob", {**key, "Id": job["Id"]}),
        ("ListFlowJob", key),
        ("ListFlowCategory", key),
        ("ListFlowProjectClusterSetting", key),
        ("CreateFlowJob", {**key, "Name": "j2", "Type": "SHELL", "Description": ""}),
        ("DeleteFlowProject", key),
    ]:
        status, body = _in(wire, OTHER_REGION, action, **params)
        assert (status, body["code"]) == (400, "FLOW_API_FAILED"), action
        assert body["message"].startswith("Project does not exist"), action
    assert wire.ok("DescribeFlowJob", **key, Id=job["Id"])["Name"] == job["Name"]


def test_clusters_are_seeded_in_their_region(wire: Wire) -> None:
    assert _in(wire, DEFAULT_REGION, "DescribeClusterV2", Id=DEFAULT_CLUSTER_ID)[0] == 200
    status, body = _in(wire, OTHER_REGION, "DescribeClusterV2", Id=DEFAULT_CLUSTER_ID)
    assert (status, body["Code"]) == (404, "InvalidClusterId.NotFound")
    pid = _in(wire, OTHER_REGION, "CreateFlowProject", Name="p", Description="")[1]["Id"]
    status, body = _in(
        wire, OTHER_REGION, "CreateFlowProjectClusterSetting",
        ProjectId=pid, ClusterId=DEFAULT_CLUSTER_ID,
    )  # fmt: skip
    assert (status, body["Code"]) == (404, "InvalidClusterId.NotFound")


def test_an_unknown_region_is_refused_as_the_gateway_does(wire: Wire) -> None:
    status, body = _in(wire, "xx-nowhere-1", "ListFlowProject")
    assert (status, body["Code"]) == (404, "InvalidRegionId")
    assert body["Message"] == "The specified region does not exist."
    status, body = _in(wire, "", "ListFlowProject")
    assert (status, body["Code"]) == (400, "MissingParameter")
    assert '"RegionId"' in body["Message"]


def test_another_account_sees_nothing_and_a_second_key_of_one_account_sees_all(
    emrflow_emulator: Emulator, wire: Wire, project: str
) -> None:
    other = _other_account_wire(emrflow_emulator)
    _, body = _in(other, DEFAULT_REGION, "DescribeFlowProject", ProjectId=project)
    assert body["message"] == f"Project does not exist [{project}]"
    assert other.ok("ListFlowProject")["Total"] == 0
    assert _in(other, DEFAULT_REGION, "DescribeClusterV2", Id=DEFAULT_CLUSTER_ID)[0] == 404
    mine = other.ok("CreateFlowProject", Name="theirs", Description="")["Id"]
    assert other.ok("DescribeFlowProject", ProjectId=mine)["UserId"] == OTHER_ACCOUNT
    emrflow_emulator.add_key("second-key", "second-secret")
    second = Wire(emrflow_emulator.endpoint, "second-key", "second-secret")
    described = second.ok("DescribeFlowProject", ProjectId=project)
    assert described["UserId"] == DEFAULT_ACCOUNT_ID
    assert [p["Id"] for p in second.ok("ListFlowProject")["Projects"]["Project"]] == [project]


def test_backends_are_addressed_by_account_and_region(emrflow_emulator: Emulator) -> None:
    here = emrflow_emulator.backend
    there = emrflow_emulator.backends[DEFAULT_ACCOUNT_ID, OTHER_REGION]
    project = here.create_flow_project("p", "d")
    with pytest.raises(EmulatorError, match="Project does not exist"):
        there.describe_flow_project(project.id)
    with pytest.raises(EmulatorError, match="InvalidRegionId"):
        emrflow_emulator.backends[DEFAULT_ACCOUNT_ID, "xx-nowhere-1"]


def test_the_command_line_seeds_clusters_per_region(tmp_path: Path) -> None:
    cluster = "C-00000000000000CC"
    with Emulator(clusters=[f"{OTHER_REGION}:{cluster}"]) as emu:
        wire = Wire(emu.endpoint, emu.access_key_id, emu.access_key_secret)
        assert _in(wire, OTHER_REGION, "DescribeClusterV2", Id=cluster)[0] == 200
        assert _in(wire, DEFAULT_REGION, "DescribeClusterV2", Id=cluster)[0] == 404
    with pytest.raises(EmulatorError, match="InvalidRegionId"):
        Emulator(clusters=[f"xx-nowhere-1:{cluster}"])


def test_regions_survive_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite"
    with Emulator(db=db) as first:
        wire = Wire(first.endpoint, first.access_key_id, first.access_key_secret)
        pid = _in(wire, OTHER_REGION, "CreateFlowProject", Name="kept", Description="")[1]["Id"]
    with Emulator(db=db) as second:
        wire = Wire(second.endpoint, second.access_key_id, second.access_key_secret)
        assert _in(wire, OTHER_REGION, "DescribeFlowProject", ProjectId=pid)[0] == 200
        assert _in(wire, DEFAULT_REGION, "DescribeFlowProject", ProjectId=pid)[0] == 400


# The schema of v0.1.0, whose files had no region or account columns (user_version 0).
_V0_SCHEMA = """
CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
    user_id TEXT NOT NULL, product_type TEXT, resource_group_id TEXT,
    gmt_create INTEGER NOT NULL, gmt_modified INTEGER NOT NULL);
CREATE TABLE jobs (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, adhoc INTEGER NOT NULL, gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL, description TEXT, fail_act TEXT, max_retry INTEGER,
    retry_policy TEXT, max_running_time_sec INTEGER, retry_interval INTEGER, params TEXT,
    param_conf TEXT, custom_variables TEXT, env_conf TEXT, run_conf TEXT, monitor_conf TEXT,
    mode TEXT, parent_category TEXT, cluster_id TEXT, alert_conf TEXT, resources TEXT NOT NULL,
    last_instance_id TEXT, UNIQUE (project_id, name));
CREATE TABLE cluster_settings (project_id TEXT NOT NULL, cluster_id TEXT NOT NULL,
    default_user TEXT NOT NULL, default_queue TEXT NOT NULL, users TEXT NOT NULL,
    queues TEXT NOT NULL, hosts TEXT NOT NULL, gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL, PRIMARY KEY (project_id, cluster_id));
CREATE TABLE categories (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, parent_id TEXT, gmt_create INTEGER NOT NULL,
    gmt_modified INTEGER NOT NULL);
CREATE TABLE clusters (id TEXT PRIMARY KEY, name TEXT NOT NULL, region_id TEXT NOT NULL,
    status TEXT NOT NULL, gmt_create INTEGER NOT NULL, seeded INTEGER NOT NULL DEFAULT 0);
INSERT INTO projects VALUES ('FP-00000000000000A1', 'old', 'd', '1234567890123456', NULL, NULL,
    1, 1);
INSERT INTO jobs (id, project_id, name, type, adhoc, gmt_create, gmt_modified, resources)
    VALUES ('FJ-00000000000000B1', 'FP-00000000000000A1', 'oldjob', 'SHELL', 0, 1, 1, '[]');
INSERT INTO clusters VALUES ('C-1234567890ABCDEF', 'emulated', 'cn-hangzhou', 'IDLE', 1, 1);
"""


def test_a_db_file_from_v0_1_0_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:
        conn.executescript(_V0_SCHEMA)
    conn.close()
    with Emulator(db=db) as emu:
        wire = Wire(emu.endpoint, emu.access_key_id, emu.access_key_secret)
        project = "FP-00000000000000A1"
        assert wire.ok("DescribeFlowProject", ProjectId=project)["Name"] == "old"
        job = wire.ok("DescribeFlowJob", ProjectId=project, Id="FJ-00000000000000B1")
        assert job["Name"] == "oldjob"
        assert wire.ok("DescribeClusterV2", Id=DEFAULT_CLUSTER_ID)["ClusterInfo"]["Id"]
        wire.ok("CreateFlowJob", ProjectId=project, Name="new", Type="SHELL", Description="")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_an_unreadable_db_file_is_refused_with_its_name(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match=r"garbage\.sqlite: not an emulator database"):
        Emulator(db=garbage)
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match=r"newer\.sqlite: written by a newer emulator"):
        Emulator(db=newer)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE projects (id TEXT PRIMARY KEY)")
    conn.close()
    with pytest.raises(StoreError, match="table projects lacks"):
        Emulator(db=foreign)


def test_a_duplicate_job_name_is_found_by_lookup(emrflow_emulator: Emulator) -> None:
    backend = emrflow_emulator.backend
    project = backend.create_flow_project("p", "d").id
    backend.create_flow_job(project, "same", "SHELL")
    with pytest.raises(EmulatorError, match=r"Job name already exists: \[same\]"):
        backend.create_flow_job(project, "same", "SHELL")
    other = backend.create_flow_project("q", "d").id
    assert backend.create_flow_job(other, "same", "SHELL").name == "same"
