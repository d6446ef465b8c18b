"""EmulatorProcess: the emulator run through its command line, as benchmarks and demos do."""

from __future__ import annotations

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_ACCESS_KEY_SECRET, EmulatorProcess


def test_serves_the_client_through_its_env_and_stops() -> None:
    with EmulatorProcess(["--latency-ms", "1"]) as emulator:
        assert emulator.endpoint.startswith("http://127.0.0.1:") and emulator.port > 0
        env = emulator.env()
        assert env["EMRFLOW_ENDPOINT"] == emulator.endpoint
        assert env["ALICLOUD_SECRET_KEY"] == DEFAULT_ACCESS_KEY_SECRET
        client = EmrClient.from_config(env=env)
        client.call("CreateFlowProject", {"Name": "p", "Description": "d"})
        assert emulator.counters()["requests"] == {"CreateFlowProject": 1}
        pid = emulator.pid
    assert pid > 0
    with pytest.raises(RuntimeError, match="not running"):
        _ = emulator.pid
    emulator.stop()  # idempotent


def test_a_process_that_cannot_start_is_reported() -> None:
    with pytest.raises(RuntimeError, match="did not start"):
        EmulatorProcess(["--cluster", "not-a-cluster-id"]).start()


def test_env_points_at_the_region_the_process_serves() -> None:
    with EmulatorProcess(["--region", "eu-central-1", "--cluster", "C-00000000000000DD"]) as emu:
        client = EmrClient.from_config(env=emu.env())
        assert client.region == "eu-central-1"
        assert client.call("DescribeClusterV2", {"Id": "C-00000000000000DD"})["ClusterInfo"]
