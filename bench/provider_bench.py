"""FlowJob provider benchmarks: every figure next to a reference measured in the same run.

    .venv/bin/python bench/provider_bench.py            # everything (about a minute)
    .venv/bin/python bench/provider_bench.py --quick    # smaller counts

1. Create throughput through the real provider server (``python -m pulumi.dynamic``) with 50 ms
   of emulator latency and 8 concurrent engine Create calls, against the floor set by the
   server's 4 workers: 4 / 0.05 s = 80 creates/s (target >= 0.9x).
2. Check + Diff of 5,000 unchanged jobs through the server, against the SDK's own no-op
   ``ResourceProvider`` (check echoes, diff answers "unknown") on the same payloads (<= 1.3x).
3. Importing the provider module over ``import pulumi.dynamic`` (fresh processes, best of N;
   target <= 100 ms), and the length of ``__provider`` (<= 200 base64 characters).
4. Constructing 5,000 FlowJobs under ``pulumi.runtime.set_mocks``: last 500 vs first 500
   (target <= 1.5x), next to plain ``pulumi.dynamic.Resource`` subclasses, whose construction
   slows with every resource and which die with RecursionError near the 975th.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

HERE = __file__
PY = sys.executable


def _job(project: str, i: int) -> dict[str, Any]:
    return {
        "project_id": project,
        "name": f"job-{i}",
        "description": "bench",
        "type": "SHELL",
        "params": "ls -l",
        "resources": [{"path": "oss://bucket/x.jar", "alias": "x.jar"}],
        "run_conf": {"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1},
        "param_conf": {"date": "${yyyy-MM-dd}"},
        "mode": "YARN",
        "max_retry": 3,
    }


def _sleeping_provider() -> str:
    """A provider whose create only sleeps 50 ms: what the SDK's server allows at best."""
    import base64

    import dill
    from pulumi.dynamic import CreateResult, ResourceProvider

    class SleepingProvider(ResourceProvider):  # local class: dill pickles it by value
        def create(self, props: dict[str, Any]) -> CreateResult:
            import time as _time

            _time.sleep(0.05)
            return CreateResult(f"id-{props['name']}", props)

    return base64.b64encode(dill.dumps(SleepingProvider(), recurse=True)).decode()


def _timed_creates(engine: Any, project: str, count: int) -> float:
    from pulumi.runtime.proto import provider_pb2

    from pulumi_emrflow.testing.engine import _serialize

    # The engine is Go: build its requests up front so that the Python harness's own
    # serialization (which shares this machine's cores) is not counted as provider time.
    requests = [
        provider_pb2.CreateRequest(
            urn=engine.urn(f"j{i}"),
            properties=_serialize({**_job(project, i), "__provider": engine.provider}),
        )
        for i in range(count)
    ]
    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda r: engine.stub.Create(r, timeout=60).id, requests))
    elapsed = time.perf_counter() - started
    assert len(set(ids)) == count
    return count / elapsed


def bench_create(count: int) -> dict[str, float]:
    from pulumi_emrflow.api.client import EmrClient
    from pulumi_emrflow.emulator import EmulatorProcess
    from pulumi_emrflow.specs import wire
    from pulumi_emrflow.specs.flow_job import FLOW_JOB
    from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

    emu = EmulatorProcess(["--latency-ms", "50"]).start()
    try:
        client = EmrClient.from_config(env=emu.env())
        project = str(client.call("CreateFlowProject", {"Name": "b", "Description": "b"})["Id"])
        with ProviderServer.for_spec("flow_job", stack_config_for(emu)) as engine:
            engine.create("warm", _job(project, -1))  # unpickle, configure, build the client
            rate = _timed_creates(engine, project, count)
        with ProviderServer(_sleeping_provider(), {}) as sleeper:
            sdk_ceiling = _timed_creates(sleeper, project, count)
        # The client and emulator alone, 4 calls at a time (the server's 4 workers).
        started = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            list(
                pool.map(
                    lambda i: client.call(
                        "CreateFlowJob", wire.create_params(FLOW_JOB, _job(project, 10**6 + i))
                    ),
                    range(count),
                )
            )
        client_ceiling = count / (time.perf_counter() - started)
    finally:
        emu.stop()
    return {
        "creates": count,
        "rate": rate,
        "floor": 80.0,
        "ratio": rate / 80.0,
        "sdk_ceiling": sdk_ceiling,
        "client_ceiling": client_ceiling,
    }


def _check_diff_requests(engine: Any, states: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """The engine's Check and Diff requests for unchanged jobs, built up front (the engine is
    Go; building them in the timed loop would bill the Python harness to the provider)."""
    from pulumi.runtime.proto import provider_pb2

    from pulumi_emrflow.testing.engine import _serialize

    pairs = []
    for id_, props in states:
        news = _serialize({**props, "__provider": engine.provider})
        olds = _serialize({**props, "job_id": id_, "__provider": engine.provider})
        urn = engine.urn(id_)
        pairs.append(
            (
                provider_pb2.CheckRequest(urn=urn, olds=news, news=news),
                provider_pb2.DiffRequest(id=id_, urn=urn, olds=olds, news=news, old_inputs=news),
            )
        )
    return pairs


def _check_diff_pass(engine: Any, pairs: list[Any]) -> float:
    from pulumi_emrflow.testing.engine import DIFF_SOME

    stub = engine.stub

    def one(pair: Any) -> None:
        checked = stub.Check(pair[0], timeout=60)
        diff = stub.Diff(pair[1], timeout=60)
        assert not checked.failures and diff.changes != DIFF_SOME  # unchanged jobs

    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, pairs))
    return time.perf_counter() - started


def bench_check_diff(count: int, rounds: int = 3) -> dict[str, float]:
    import base64

    import dill
    from pulumi.dynamic import ResourceProvider

    from pulumi_emrflow.testing.engine import ProviderServer

    states = [(f"FJ-{i:016X}", _job("FP-0000000000000001", i)) for i in range(count)]
    noop = base64.b64encode(dill.dumps(ResourceProvider())).decode()
    times: dict[str, list[float]] = {"flowjob": [], "noop": []}
    with (
        ProviderServer.for_spec("flow_job", {}) as ours,
        ProviderServer(noop, {}) as reference,
    ):
        work = {
            "flowjob": (ours, _check_diff_requests(ours, states)),
            "noop": (reference, _check_diff_requests(reference, states)),
        }
        for server, pairs in work.values():
            _check_diff_pass(server, pairs[:200])  # warm up
        for _ in range(rounds):  # interleaved; the best round of each counts
            for name, (server, pairs) in work.items():
                times[name].append(_check_diff_pass(server, pairs))
    ours_s, ref_s = min(times["flowjob"]), min(times["noop"])
    return {"jobs": count, "flowjob_s": ours_s, "noop_s": ref_s, "ratio": ours_s / ref_s}


_IMPORT_CODE = """
import time, pulumi.dynamic
t = time.perf_counter()
import {module}
{extra}
print(time.perf_counter() - t)
"""


def _best_import(module: str, extra: str = "", runs: int = 7) -> float:
    code = _IMPORT_CODE.format(module=module, extra=extra)
    return min(
        float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    )


def bench_import() -> dict[str, float]:
    from pulumi_emrflow.resources._registration import serialized_provider

    baseline = _best_import("json")  # an already-imported module: the measurement's floor
    module = _best_import("pulumi_emrflow.providers.lifecycle")
    with_spec = _best_import(
        "pulumi_emrflow.providers.lifecycle",
        "pulumi_emrflow.providers.lifecycle.EmrFlowProvider('flow_job').spec",
    )
    return {
        "module_ms": (module - baseline) * 1000,
        "module_and_spec_ms": (with_spec - baseline) * 1000,
        "provider_len": len(serialized_provider("flow_job")),
    }


_MOCKS_CODE = """
import json, sys, time
import pulumi
kind, count = sys.argv[1], int(sys.argv[2])
sys.setrecursionlimit(1000)

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        return args.name, dict(args.inputs)
    def call(self, args):
        return {}, None

pulumi.runtime.set_mocks(Mocks(), preview=False)
import pulumi_emrflow as emrflow

class Noop(pulumi.dynamic.ResourceProvider):
    pass

class Plain(pulumi.dynamic.Resource):
    def __init__(self, name, props):
        super().__init__(Noop(), name, props)

durations, error = [], None

@pulumi.runtime.test
def program():
    global error
    for i in range(count):
        props = {"project_id": "FP-1", "name": f"j{i}", "description": "d", "type": "SHELL"}
        t = time.perf_counter()
        try:
            if kind == "flowjob":
                emrflow.FlowJob(f"j{i}", **props)
            else:
                Plain(f"j{i}", props)
        except RecursionError:
            error = "RecursionError"
            break
        durations.append(time.perf_counter() - t)

try:
    program()
except Exception as exc:
    error = error or type(exc).__name__
print(json.dumps({"durations": durations, "error": error}))
"""


def bench_construct(count: int, kind: str) -> dict[str, Any]:
    out = subprocess.run(
        [PY, "-c", _MOCKS_CODE, kind, str(count)], capture_output=True, text=True, check=False
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    durations: list[float] = result["durations"]
    window = min(500, max(1, len(durations) // 4))
    first = statistics.mean(durations[1 : window + 1])  # the very first pays one-time setup
    last = statistics.mean(durations[-window:])
    return {
        "constructed": len(durations),
        "error": result["error"],
        "window": window,
        "first_ms": first * 1000,
        "last_ms": last * 1000,
        "ratio": last / first,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    args = parser.parse_args()
    creates, jobs = (80, 1000) if args.quick else (240, 5000)

    rows: list[tuple[str, str, str, str]] = []
    c = bench_create(creates)
    rows.append(
        (
            f"Create, 50 ms latency, 8 concurrent ({creates} jobs)",
            f"{c['rate']:.1f}/s",
            "floor 80.0/s",
            f"{c['ratio']:.2f}x (>= 0.9x)",
        )
    )
    rows.append(
        (
            "  reference: SDK server, create = sleep(50 ms)",
            f"{c['sdk_ceiling']:.1f}/s",
            "",
            f"ours {c['rate'] / c['sdk_ceiling']:.2f}x of it",
        )
    )
    rows.append(
        (
            "  reference: client + emulator alone, 4 at a time",
            f"{c['client_ceiling']:.1f}/s",
            "",
            f"ours {c['rate'] / c['client_ceiling']:.2f}x of it",
        )
    )
    d = bench_check_diff(jobs)
    rows.append(
        (
            f"Check+Diff, {jobs} unchanged jobs",
            f"{d['flowjob_s']:.2f} s",
            f"no-op {d['noop_s']:.2f} s",
            f"{d['ratio']:.2f}x (<= 1.3x)",
        )
    )
    i = bench_import()
    rows.append(
        (
            "import provider module over pulumi.dynamic",
            f"{i['module_ms']:.1f} ms",
            f"+ spec {i['module_and_spec_ms']:.1f} ms",
            "(<= 100 ms)",
        )
    )
    rows.append(("__provider length", f"{i['provider_len']:.0f} chars", "", "(<= 200)"))
    f = bench_construct(jobs, "flowjob")
    p = bench_construct(jobs, "plain")
    rows.append(
        (
            f"construct {f['constructed']} FlowJobs (set_mocks)",
            f"first {f['first_ms']:.2f} ms",
            f"last {f['last_ms']:.2f} ms",
            f"{f['ratio']:.2f}x (<= 1.5x)",
        )
    )
    rows.append(
        (
            f"construct plain dynamic.Resource: {p['constructed']} then {p['error'] or 'ok'}",
            f"first {p['first_ms']:.2f} ms",
            f"last {p['last_ms']:.2f} ms",
            f"{p['ratio']:.2f}x (window {p['window']})",
        )
    )
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
