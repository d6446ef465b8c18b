"""Durability with --db, and correctness under concurrent requests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from emulator_wire import Wire

from pulumi_emrflow.emulator import Emulator


def _wire(emu: Emulator) -> Wire:
    return Wire(emu.endpoint, emu.access_key_id, emu.access_key_secret)


def test_db_file_keeps_data_across_restarts(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite"
    with Emulator(db=db, clusters=["C-00000000000000AA"]) as first:
        wire = _wire(first)
        pid = wire.ok("CreateFlowProject", Name="kept", Description="d")["Id"]
        job = wire.ok(
            "CreateFlowJob",
            ProjectId=pid,
            Name="j",
            Type="SHELL",
            Description="",
            ClusterId="C-00000000000000AA",
        )["Id"]
    with Emulator(db=db) as second:
        wire = _wire(second)
        assert wire.ok("DescribeFlowProject", ProjectId=pid)["Name"] == "kept"
        assert wire.ok("DescribeFlowJob", ProjectId=pid, Id=job)["Name"] == "j"
        assert wire.ok("DescribeClusterV2", Id="C-00000000000000AA")["ClusterInfo"]["Id"]


def test_concurrent_creates_lose_and_duplicate_nothing(emrflow_emulator: Emulator) -> None:
    pid = _wire(emrflow_emulator).ok("CreateFlowProject", Name="p", Description="d")["Id"]

    def create_many(thread: int) -> list[str]:
        wire = _wire(emrflow_emulator)  # one keep-alive session per thread
        return [
            wire.ok(
                "CreateFlowJob", ProjectId=pid, Name=f"t{thread}-{n}", Type="SHELL", Description=""
            )["Id"]
            for n in range(100)
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = [job_id for batch in pool.map(create_many, range(8)) for job_id in batch]
    assert len(ids) == len(set(ids)) == 800
    wire = _wire(emrflow_emulator)
    assert wire.ok("ListFlowJob", ProjectId=pid, PageSize=1)["Total"] == 800
    listed = [
        job["Id"]
        for page in range(1, 9)
        for job in wire.ok("ListFlowJob", ProjectId=pid, PageSize=100, PageNumber=page)["JobList"][
            "Job"
        ]
    ]
    assert sorted(listed) == sorted(ids)


def test_concurrent_duplicate_names_create_exactly_one(emrflow_emulator: Emulator) -> None:
    pid = _wire(emrflow_emulator).ok("CreateFlowProject", Name="p", Description="d")["Id"]

    def create(_: int) -> int:
        return (
            _wire(emrflow_emulator)
            .call(
                "CreateFlowJob",
                {"ProjectId": pid, "Name": "same", "Type": "SHELL", "Description": ""},
            )
            .status_code
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(create, range(16)))
    assert sorted(statuses) == [200] + [400] * 15


def test_reset_keeps_seeded_clusters_only(emrflow_emulator: Emulator) -> None:
    backend = emrflow_emulator.backend
    backend.add_cluster("C-00000000000000BB")
    backend.create_flow_project("p", "d")
    emrflow_emulator.reset()
    assert backend.list_flow_project().total == 0
    assert set(backend.cluster_names()) == {"C-1234567890ABCDEF"}
