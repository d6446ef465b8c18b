"""Check + Diff of an unchanged 200-job Flow: the provider's work for a big DAG on every preview.

Measured two ways, median of many runs: the spec's check and diff in this process (the provider's
own work; target under 20 ms), and one Check plus one Diff request through the real provider
server (what the engine waits for, gRPC and the SDK's (de)serialisation of the 200 steps
included) next to the SDK's own no-op ``ResourceProvider`` given the same requests: that floor
is the SDK's, not the provider's.

    .venv/bin/python bench/flow_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

JOBS = 200


def flow_props(jobs: int = JOBS) -> dict[str, Any]:
    """A flow of ``jobs`` jobs in layers of 10, each job waiting for up to 3 of the layer above."""
    steps = []
    for i in range(jobs):
        layer = i // 10
        after = [f"FJ-{j:016X}" for j in range((layer - 1) * 10, layer * 10)][:3] if layer else []
        steps.append({"job": f"FJ-{i:016X}", **({"after": after} if after else {})})
    return {
        "project_id": "FP-0000000000000001",
        "name": "big",
        "description": "a 200-job flow",
        "cluster_id": "C-0000000000000001",
        "cron_expr": "0 0 2 * * ?",
        "start_schedule": "2026-12-01T00:00:00+08:00",
        "scheduled": True,
        "steps": steps,
    }


def bench_flow_check_diff(runs: int = 200) -> dict[str, Any]:
    from pulumi.runtime.proto import provider_pb2

    from pulumi_emrflow.specs import get_spec
    from pulumi_emrflow.testing.engine import DIFF_SOME, ProviderServer
    from pulumi_emrflow.testing.wire import PROVIDER_KEY, serialize

    spec = get_spec("flow")
    props = flow_props()
    olds, failures = spec.check(props)
    assert not failures, failures
    in_process = []
    for _ in range(runs):
        started = time.perf_counter()
        news, _ = spec.check(props)
        assert spec.diff(olds, news).changes == ()
        in_process.append(time.perf_counter() - started)
    import base64

    import dill
    from pulumi.dynamic import ResourceProvider

    noop = base64.b64encode(dill.dumps(ResourceProvider())).decode()
    through: dict[str, list[float]] = {"server": [], "noop": []}
    with (
        ProviderServer.for_spec("flow", {}) as ours,
        ProviderServer(noop, {}) as reference,
    ):
        servers = {"server": ours, "noop": reference}
        requests = {}
        for name, server in servers.items():
            news_wire = serialize({**props, PROVIDER_KEY: server.provider})
            olds_wire = serialize({**olds, "flow_id": "F-1", PROVIDER_KEY: server.provider})
            urn = server.urn("big")
            requests[name] = (
                provider_pb2.CheckRequest(urn=urn, olds=news_wire, news=news_wire),
                provider_pb2.DiffRequest(
                    id="F-1", urn=urn, olds=olds_wire, news=news_wire, old_inputs=news_wire
                ),
            )
            for _ in range(20):  # warm up
                server.stub.Check(requests[name][0], timeout=60)
                server.stub.Diff(requests[name][1], timeout=60)
        for _ in range(runs):
            for name, server in servers.items():  # interleaved: a disturbance hits both
                check, diff = requests[name]
                started = time.perf_counter()
                checked = server.stub.Check(check, timeout=60)
                changed = server.stub.Diff(diff, timeout=60)
                through[name].append(time.perf_counter() - started)
                if name == "server":
                    assert not checked.failures and changed.changes != DIFF_SOME
    return {
        "jobs": JOBS,
        "runs": runs,
        "in_process_ms": statistics.median(in_process) * 1000,
        "server_ms": statistics.median(through["server"]) * 1000,
        "noop_ms": statistics.median(through["noop"]) * 1000,
    }


def main() -> int:
    result = bench_flow_check_diff(50 if "--quick" in sys.argv else 200)
    print(
        f"Check+Diff of an unchanged {result['jobs']}-job flow (median of {result['runs']}): "
        f"{result['in_process_ms']:.2f} ms in process (target < 20 ms); through the provider "
        f"server {result['server_ms']:.2f} ms, the SDK's no-op provider {result['noop_ms']:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
