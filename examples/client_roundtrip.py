"""A round trip through the EMR Flow API client against a local emulator.

Starts the emulator the way a user would (``python -m pulumi_emrflow.emulator``), then creates a
flow project and a flow job, reads them back, and deletes both, printing each step. This is what
``make demo`` runs until the full Pulumi demo exists.
"""

from __future__ import annotations

import sys
from typing import Any

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, EmulatorProcess


def step(text: str, result: dict[str, Any] | None = None, *keys: str) -> None:
    shown = ", ".join(f"{key}={result[key]!r}" for key in keys if result and key in result)
    print(f"  {text:<34} {shown}")


def round_trip(client: EmrClient) -> None:
    project = client.call(
        "CreateFlowProject", {"Name": "demo-project", "Description": "made by make demo"}
    )
    project_id = project["Id"]
    step("CreateFlowProject", project, "Id")
    job = client.call(
        "CreateFlowJob",
        {
            "ProjectId": project_id,
            "Name": "daily-report",
            "Description": "a shell job",
            "Type": "SHELL",
            "Params": "echo hello from the emulator",
            "FailAct": "STOP",
            "MaxRetry": 2,
            "ClusterId": DEFAULT_CLUSTER_ID,
            "ResourceList": [{"Path": "oss://demo-bucket/report.sh", "Alias": "report.sh"}],
            "RunConf": {"priority": 1, "userName": "hadoop", "memory": 2048, "cores": 1},
        },
    )
    job_id = job["Id"]
    step("CreateFlowJob", job, "Id")
    described = client.call("DescribeFlowJob", {"Id": job_id, "ProjectId": project_id})
    step("DescribeFlowJob", described, "Name", "Type", "FailAct", "MaxRetry")
    listed = client.call("ListFlowJob", {"ProjectId": project_id})
    step("ListFlowJob", listed, "Total")
    deleted = client.call("DeleteFlowJob", {"Id": job_id, "ProjectId": project_id})
    step("DeleteFlowJob", deleted, "Data")
    step("DeleteFlowProject", client.call("DeleteFlowProject", {"ProjectId": project_id}), "Data")
    remaining = client.call("ListFlowProject", {})
    step("ListFlowProject", remaining, "Total")


def main() -> int:
    try:
        with EmulatorProcess() as emulator:
            print(f"EMR Flow API emulator listening on {emulator.endpoint}")
            round_trip(EmrClient.from_config(env=emulator.env()))
            print("Round trip complete: created, read back and deleted a project and a job.")
    except KeyboardInterrupt:
        print("interrupted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
