"""The service killed (SIGKILL) and restarted on the same data while creates are under way:
nothing committed is lost, the create whose answer died with the service is recovered by its
identity, and the run ends with exactly the declared objects."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import EmulatorProcess
from pulumi_emrflow.testing.engine import ProviderServer, ResourceState, stack_config_for
from pulumi_emrflow.testing.fault_proxy import FaultProxy


def _job(project: str, name: str) -> dict[str, str]:
    return {"project_id": project, "name": name, "description": "d", "type": "SHELL"}


def test_creates_survive_a_kill_and_restart_of_the_service(tmp_path: Path) -> None:
    db = str(tmp_path / "emr.db")
    first = EmulatorProcess(["--db", db]).start()
    second: EmulatorProcess | None = None
    try:
        with FaultProxy(first.endpoint) as proxy:
            env = {**first.env(), "EMRFLOW_ENDPOINT": proxy.endpoint}
            client = EmrClient.from_config(env=env)
            project = str(client.call("CreateFlowProject", {"Name": "p", "Description": "d"})["Id"])
            config = stack_config_for(first, **{"emrflow:endpoint": proxy.endpoint})
            with ProviderServer.for_spec("flow_job", config) as server:
                before = [server.up(f"before-{i}", _job(project, f"before-{i}")) for i in range(5)]

                # The next create is committed, then the service dies before answering.
                proxy.spoil("CreateFlowJob", answer="drop", outage_after=3.0)
                outcome: list[ResourceState | BaseException] = []

                def create() -> None:
                    try:
                        outcome.append(server.up("crash", _job(project, "crash")))
                    except BaseException as exc:
                        outcome.append(exc)

                worker = threading.Thread(target=create)
                worker.start()
                while not proxy.spoiled["CreateFlowJob"] and worker.is_alive():
                    worker.join(0.01)
                os.kill(first.pid, signal.SIGKILL)
                first.stop()
                second = EmulatorProcess(["--db", db]).start()
                proxy.retarget(second.endpoint)
                worker.join(120)

                crashed = outcome[0]
                assert isinstance(crashed, ResourceState), crashed
                after = [server.up(f"after-{i}", _job(project, f"after-{i}")) for i in range(5)]
                for state in before:
                    assert server.refresh(state) is not None, f"{state.name} was lost"

            listed = client.call("ListFlowJob", {"ProjectId": project, "PageSize": 100})
            ids = sorted(job["Id"] for job in listed["JobList"]["Job"])
            assert ids == sorted(s.id for s in [*before, crashed, *after])
    finally:
        first.stop()
        if second is not None:
            second.stop()
