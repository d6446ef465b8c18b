"""Refresh at scale (issue 15): reading 5,000 jobs in 5 projects through the provider server,
8 Read calls in flight, 50 ms of emulator latency per API call; answered from each project's
paged ListFlowJob, against the same server with ``emrflow:listReads=false`` (one
DescribeFlowJob per job) in the same run. Also the API calls each path made per resource, and
the same reads through the SDK's no-op provider: the server's own cost per Read, which bounds
the ratio.

    .venv/bin/python bench/refresh_bench.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

PROJECTS = 5
LATENCY = 0.05


def _seed(client: Any, jobs: int) -> list[tuple[str, dict[str, Any]]]:
    """``jobs`` jobs over ``PROJECTS`` projects as ``pulumi up`` would have stored them, then
    one more in a project of its own (for warming the servers up)."""
    from pulumi_emrflow.specs import wire
    from pulumi_emrflow.specs.flow_job import FLOW_JOB

    def project(name: str) -> str:
        return str(client.call("CreateFlowProject", {"Name": name, "Description": "b"})["Id"])

    projects = [project(f"refresh-{p}") for p in range(PROJECTS)]
    declared = []
    for i in range(jobs):
        props, failures = FLOW_JOB.check(
            {
                "project_id": projects[i % PROJECTS],
                "name": f"job-{i}",
                "description": "bench",
                "type": "SHELL",
                "params": "ls -l",
                "run_conf": {"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1},
                "param_conf": {"date": "${yyyy-MM-dd}"},
                "mode": "YARN",
                "max_retry": 3,
            }
        )
        assert not failures
        declared.append(props)

    def create(props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        id_ = str(client.call("CreateFlowJob", wire.create_params(FLOW_JOB, props))["Id"])
        return id_, wire.outputs(FLOW_JOB, id_, props)

    with ThreadPoolExecutor(8) as pool:
        states = list(pool.map(create, declared))
    warm = project("warm")
    props, _ = FLOW_JOB.check({"project_id": warm, "name": "w", "description": "", "type": "SHELL"})
    states.append(create(props))
    return states


def _requests(engine: Any, states: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """Read requests built up front (the engine is Go: the harness's own serialization is not
    the provider's time)."""
    from pulumi.runtime.proto import provider_pb2

    from pulumi_emrflow.specs import wire
    from pulumi_emrflow.specs.flow_job import FLOW_JOB
    from pulumi_emrflow.testing.wire import PROVIDER_KEY, serialize

    return [
        provider_pb2.ReadRequest(
            id=id_,
            urn=engine.urn(id_),
            properties=serialize({**outs, PROVIDER_KEY: engine.provider}),
            inputs=serialize({**wire.inputs_of(FLOW_JOB, outs), PROVIDER_KEY: engine.provider}),
        )
        for id_, outs in states
    ]


def _set_latency(endpoint: str, seconds: float) -> None:
    request = urllib.request.Request(
        f"{endpoint}/__emulator/faults",
        data=json.dumps({"latency": seconds}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


def _timed_refresh(emu: Any, engine: Any, requests: list[Any]) -> tuple[float, dict[str, int]]:
    before = emu.counters()["requests"]
    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda r: engine.stub.Read(r, timeout=600).id, requests))
    elapsed = time.perf_counter() - started
    assert ids == [r.id for r in requests]  # every job found
    now = emu.counters()["requests"]
    return elapsed, {k: now[k] - before.get(k, 0) for k in now if now[k] != before.get(k, 0)}


def bench_refresh(jobs: int) -> dict[str, Any]:
    """Seconds and API calls for a refresh of ``jobs`` jobs: by List, by one Describe each, and
    through the SDK's no-op ``ResourceProvider`` (its read echoes: the server's own ceiling)."""
    import base64

    import dill
    from pulumi.dynamic import ResourceProvider

    from pulumi_emrflow.api.client import EmrClient
    from pulumi_emrflow.emulator import EmulatorProcess
    from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

    with EmulatorProcess() as emu:
        client = EmrClient.from_config(env=emu.env())
        states = _seed(client, jobs)
        config = stack_config_for(emu)
        with (
            ProviderServer.for_spec("flow_job", config) as ours,
            ProviderServer.for_spec("flow_job", {**config, "emrflow:listReads": "false"}) as ref,
            ProviderServer(base64.b64encode(dill.dumps(ResourceProvider())).decode(), {}) as noop,
        ):
            work = {"list": ours, "describe": ref, "noop": noop}
            requests = {name: _requests(server, states[:-1]) for name, server in work.items()}
            for server in work.values():  # unpickle, configure, build the client
                _timed_refresh(emu, server, _requests(server, states[-1:]))
            _set_latency(emu.endpoint, LATENCY)
            result: dict[str, Any] = {"jobs": jobs, "projects": PROJECTS, "latency": LATENCY}
            for name, server in work.items():
                seconds, calls = _timed_refresh(emu, server, requests[name])
                result[f"{name}_s"] = seconds
                result[f"{name}_calls"] = calls
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 jobs instead of 5,000")
    args = parser.parse_args(argv)
    print(json.dumps(bench_refresh(1000 if args.quick else 5000), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
