"""The command line: URL on the first stdout line, a log line per request, clean SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from emulator_wire import Wire

from pulumi_emrflow.emulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_logs_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pulumi_emrflow.emulator",
            "--port",
            "0",
            "--seed",
            "1",
            "--cluster",
            "C-00000000000000CC",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        endpoint = process.stdout.readline().strip()
        assert endpoint.startswith("http://127.0.0.1:")
        wire = Wire(endpoint, DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET)
        wire.ok("CreateFlowProject", Name="cli", Description="secret-looking value hunter2")
        assert wire.ok("DescribeClusterV2", Id="C-00000000000000CC")["ClusterInfo"]
        assert wire.call("DescribeFlowProject", {"ProjectId": "FP-X"}).status_code == 400
    finally:
        process.send_signal(stop_signal)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if "CreateFlowProject" in line]
    assert len(lines) == 1 and " 200 " in lines[0]
    assert any("DescribeFlowProject 400 FLOW_API_FAILED" in line for line in stderr.splitlines())
    assert DEFAULT_ACCESS_KEY_SECRET not in stderr and "hunter2" not in stderr


def test_cli_rejects_bad_arguments() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_emrflow.emulator", "--cluster", "bad"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 2 and "ClusterId" in result.stderr
