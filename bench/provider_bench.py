"""FlowJob provider benchmarks: every figure next to a reference measured in the same run.

The ``bench_*`` functions return numbers; ``bench/run.py`` runs them (with ``client_throughput``)
and prints the one table. Run on its own, this script prints that table without the client row:

    .venv/bin/python bench/provider_bench.py            # everything (two to three minutes)
    .venv/bin/python bench/provider_bench.py --quick    # smaller counts

1. Create throughput through the real provider server (``python -m pulumi.dynamic``) with 50 ms
   of emulator latency and 8 concurrent engine Create calls, against the floor set by the
   server's 4 workers: 4 / 0.05 s = 80 creates/s (target >= 0.9x). In the same rounds: the SDK's
   server with a provider whose create only sleeps 50 ms (the server's own ceiling) and our
   client alone, 4 calls at a time.
2. Check + Diff of 5,000 unchanged jobs through the server, against the SDK's own no-op
   ``ResourceProvider`` (check echoes, diff answers "unknown") on the same payloads (<= 1.3x).
3. Importing the provider module over ``import pulumi.dynamic`` (fresh processes, best of N;
   target <= 100 ms) next to ``import pulumi.dynamic`` itself, and the length of ``__provider``
   (<= 200 base64 characters) next to the SDK's pickle of a one-method provider.
4. Constructing 5,000 FlowJobs under ``pulumi.runtime.set_mocks``: median per-resource time,
   last 500 vs first 500 (target <= 1.5x), next to plain ``pulumi.dynamic.Resource``
   subclasses, whose construction slows with every resource and which die with RecursionError
   near the 975th; whole programs of both at a count the plain one survives.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

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
    """A provider whose create only sleeps 50 ms, pickled by value the SDK's way (its
    ``serialize_provider``, as ``dynamic.Resource`` does for a provider class of one's own):
    what the SDK's server allows at best, and a typical ``__provider`` for its size."""
    from pulumi.dynamic import CreateResult, ResourceProvider
    from pulumi.dynamic.dynamic import serialize_provider

    class SleepingProvider(ResourceProvider):  # local class: dill pickles it by value
        def create(self, props: dict[str, Any]) -> CreateResult:
            import time as _time

            _time.sleep(0.05)
            return CreateResult(f"id-{props['name']}", props)

    return serialize_provider(SleepingProvider())


def _create_requests(engine: Any, project: str, first: int, count: int) -> list[Any]:
    """The engine is Go: its requests are built up front so that the Python harness's own
    serialization (which shares this machine's cores) is not counted as provider time."""
    from pulumi.runtime.proto import provider_pb2

    from pulumi_emrflow.testing.wire import PROVIDER_KEY, serialize

    return [
        provider_pb2.CreateRequest(
            urn=engine.urn(f"j{i}"),
            properties=serialize({**_job(project, i), PROVIDER_KEY: engine.provider}),
        )
        for i in range(first, first + count)
    ]


def _timed_creates(engine: Any, requests: list[Any]) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda r: engine.stub.Create(r, timeout=60).id, requests))
    elapsed = time.perf_counter() - started
    assert len(set(ids)) == len(requests)
    return len(requests) / elapsed


def _timed_client_creates(client: Any, project: str, first: int, count: int) -> float:
    """The client and emulator alone, 4 calls at a time (the server's 4 workers)."""
    from pulumi_emrflow.specs import wire
    from pulumi_emrflow.specs.flow_job import FLOW_JOB

    params = [wire.create_params(FLOW_JOB, _job(project, i)) for i in range(first, first + count)]
    started = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda p: client.call("CreateFlowJob", p), params))
    return count / (time.perf_counter() - started)


def bench_create(count: int, rounds: int = 3) -> dict[str, Any]:
    """Creates per second through the provider server, 8 at a time, emulator latency 50 ms;
    next to it, in interleaved rounds, the SDK server with a sleep-only provider and the client
    alone. Rates are lists, one per round."""
    from pulumi_emrflow.api.client import EmrClient
    from pulumi_emrflow.emulator import EmulatorProcess
    from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

    rates: dict[str, list[float]] = {"ours": [], "sdk_ceiling": [], "client_ceiling": []}
    with EmulatorProcess(["--latency-ms", "50"]) as emu:
        client = EmrClient.from_config(env=emu.env())
        project = str(client.call("CreateFlowProject", {"Name": "b", "Description": "b"})["Id"])
        with (
            ProviderServer.for_spec("flow_job", stack_config_for(emu)) as engine,
            ProviderServer(_sleeping_provider(), {}) as sleeper,
        ):
            engine.create("warm", _job(project, -1))  # unpickle, configure, build the client
            sleeper.create("warm", _job(project, -1))
            for r in range(rounds):
                first = (r + 1) * 10**6
                work = {
                    "ours": partial(
                        _timed_creates, engine, _create_requests(engine, project, first, count)
                    ),
                    "sdk_ceiling": partial(
                        _timed_creates, sleeper, _create_requests(sleeper, project, first, count)
                    ),
                    "client_ceiling": partial(
                        _timed_client_creates, client, project, first + count, count
                    ),
                }
                names = list(work)
                for name in names[r % 3 :] + names[: r % 3]:  # rotate the order each round
                    rates[name].append(work[name]())
    return {"creates": count, "rounds": rounds, "floor": 4 / 0.05, **rates}


def _check_diff_requests(engine: Any, states: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """The engine's Check and Diff requests for unchanged jobs, built up front (the engine is
    Go; building them in the timed loop would bill the Python harness to the provider)."""
    from pulumi.runtime.proto import provider_pb2

    from pulumi_emrflow.testing.wire import PROVIDER_KEY, serialize

    pairs = []
    for id_, props in states:
        news = serialize({**props, PROVIDER_KEY: engine.provider})
        olds = serialize({**props, "job_id": id_, PROVIDER_KEY: engine.provider})
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


def bench_check_diff(count: int, rounds: int = 3) -> dict[str, Any]:
    """Seconds for Check+Diff of ``count`` unchanged jobs, 8 at a time, through our provider and
    through the SDK's no-op ``ResourceProvider``, interleaved by fifths (lists, one per round)."""
    import base64

    import dill
    from pulumi.dynamic import ResourceProvider

    from pulumi_emrflow.testing.engine import ProviderServer

    states = [(f"FJ-{i:016X}", _job("FP-0000000000000001", i)) for i in range(count)]
    noop = base64.b64encode(dill.dumps(ResourceProvider())).decode()
    times: dict[str, list[float]] = {"flowjob_s": [], "noop_s": []}
    with (
        ProviderServer.for_spec("flow_job", {}) as ours,
        ProviderServer(noop, {}) as reference,
    ):
        work = {
            "flowjob_s": (ours, _check_diff_requests(ours, states)),
            "noop_s": (reference, _check_diff_requests(reference, states)),
        }
        for server, pairs in work.values():
            _check_diff_pass(server, pairs[:500])  # warm up
        chunk = max(count // 5, 1)
        for _ in range(rounds):
            # Each round is the whole set through both, taking turns every ``chunk`` jobs
            # (A B, B A, ...), so that a disturbance hits both alike.
            spent = dict.fromkeys(work, 0.0)
            for k, start in enumerate(range(0, count, chunk)):
                names = list(work) if k % 2 == 0 else list(reversed(work))
                for name in names:
                    server, pairs = work[name]
                    spent[name] += _check_diff_pass(server, pairs[start : start + chunk])
            for name, seconds in spent.items():
                times[name].append(seconds)
    return {"jobs": count, "rounds": rounds, **times}


_IMPORT_CODE = """
import time
{before}
t = time.perf_counter()
import {module}
{extra}
print(time.perf_counter() - t)
"""


def _best_import(
    runs: int, module: str, extra: str = "", before: str = "import pulumi.dynamic"
) -> float:
    code = _IMPORT_CODE.format(before=before, module=module, extra=extra)
    return min(
        float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    )


def bench_import(runs: int = 7) -> dict[str, float]:
    """Import cost over ``import pulumi.dynamic`` (fresh interpreters, best of ``runs``), the
    SDK's own import for scale, and the ``__provider`` lengths."""
    from pulumi_emrflow.providers.pickled import serialized_provider

    baseline = _best_import(runs, "json")  # an already-imported module: the method's floor
    module = _best_import(runs, "pulumi_emrflow.providers.lifecycle")
    with_spec = _best_import(
        runs,
        "pulumi_emrflow.providers.lifecycle",
        "pulumi_emrflow.providers.lifecycle.EmrFlowProvider('flow_job').spec",
    )
    sdk = _best_import(runs, "pulumi.dynamic", before="")
    return {
        "module_ms": (module - baseline) * 1000,
        "module_and_spec_ms": (with_spec - baseline) * 1000,
        "pulumi_dynamic_ms": sdk * 1000,
        "provider_len": len(serialized_provider("flow_job")),
        "sdk_provider_len": len(_sleeping_provider()),
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

started = time.perf_counter()
try:
    program()
except Exception as exc:
    error = error or type(exc).__name__
wall = time.perf_counter() - started
print(json.dumps({"durations": durations, "error": error, "wall": wall}))
"""


def bench_construct(count: int, kind: str) -> dict[str, Any]:
    """Construct ``count`` resources (``kind`` "flowjob" or "plain", a ``dynamic.Resource``
    subclass) in a fresh ``set_mocks`` program: per-resource durations, the median and mean of
    the first and last windows, and the program's wall time (construction plus the mocked
    registrations). The median is the construction work itself; the mean adds CPython's full
    garbage collections, rare pauses that grow with the heap (tens to hundreds of ms here)."""
    out = subprocess.run(
        [PY, "-c", _MOCKS_CODE, kind, str(count)], capture_output=True, text=True, check=False
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    durations: list[float] = result["durations"]
    window = min(500, max(1, len(durations) // 4))
    first = durations[1 : window + 1]  # the very first pays one-time setup
    last = durations[-window:]
    return {
        "constructed": len(durations),
        "error": result["error"],
        "durations": durations,
        "wall_s": result["wall"],
        "window": window,
        "first_ms": statistics.median(first) * 1000,
        "last_ms": statistics.median(last) * 1000,
        "ratio": statistics.median(last) / statistics.median(first),
        "first_mean_ms": statistics.mean(first) * 1000,
        "last_mean_ms": statistics.mean(last) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    """The provider rows of ``bench/run.py``'s table (the client row is left out)."""
    from run import main as run_main  # bench/ is this script's directory, so on sys.path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    args = parser.parse_args(argv)
    return run_main(["--skip-client", *(["--quick"] if args.quick else [])])


if __name__ == "__main__":
    sys.exit(main())
