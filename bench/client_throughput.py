"""Sequential CreateFlowJob calls per second: our client against the official Alibaba SDK.

Both talk to the same emulator, run as a separate process through its command line
(``python -m pulumi_emrflow.emulator --port 0 --quiet``) so that the server's work does not share
the clients' interpreter and GIL. The clients are measured in interleaved rounds (ours then
official, then official then ours, ...) so that drift in the machine's speed touches both alike;
the medians are compared as a ratio ours/official (target >= 1.3). To explain the ratio, the
client CPU time per call (getrusage of this process) is printed for each, and, on Linux, the
emulator's CPU time per call (from /proc), which both clients pay alike. Also printed: the
emulator's signed requests per second through our keep-alive client, sequential and with 8
threads.

    .venv/bin/python bench/client_throughput.py            # 5 rounds x 200 calls each
    .venv/bin/python bench/client_throughput.py --quick    # 3 rounds x 50 calls
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aliyunsdkcore.client import AcsClient
from aliyunsdkemr.request.v20160408.CreateFlowJobRequest import CreateFlowJobRequest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.credentials import Credentials
from pulumi_emrflow.emulator import (
    DEFAULT_ACCESS_KEY_ID,
    DEFAULT_ACCESS_KEY_SECRET,
    DEFAULT_REGION,
    EmulatorProcess,
)

TARGET_RATIO = 1.3
RUN_CONF = {"priority": 1, "userName": "hadoop", "memory": 2048, "cores": 1}
RESOURCES = [{"Path": "oss://bucket/path/demo.jar", "Alias": "demo.jar"}]
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _process_cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time process ``pid`` has used (Linux only)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class _Samples:
    rates: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)


def _measure(
    calls: int, one: Callable[[int], object], emu: EmulatorProcess, into: _Samples
) -> None:
    server_before = _process_cpu_seconds(emu.pid)
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    for n in range(calls):
        one(n)
    elapsed = time.perf_counter() - started
    client_cpu = _cpu_seconds() - cpu_before
    server_after = _process_cpu_seconds(emu.pid)
    into.rates.append(calls / elapsed)
    into.client_ms.append(client_cpu / calls * 1000)
    if server_before is not None and server_after is not None:
        into.server_ms.append((server_after - server_before) / calls * 1000)


def _rate(calls: int, one: Callable[[int], object]) -> float:
    started = time.perf_counter()
    for n in range(calls):
        one(n)
    return calls / (time.perf_counter() - started)


def _ours(client: EmrClient, project: str, tag: str) -> Callable[[int], object]:
    def one(n: int) -> object:
        return client.call(
            "CreateFlowJob",
            {
                "ProjectId": project,
                "Name": f"{tag}-{n}",
                "Type": "SHELL",
                "Description": "bench job",
                "Params": "ls -l",
                "RunConf": RUN_CONF,
                "MaxRetry": 1,
                "ResourceList": RESOURCES,
            },
        )

    return one


def _official(acs: AcsClient, host: str, project: str, tag: str) -> Callable[[int], object]:
    run_conf = json.dumps(RUN_CONF)

    def one(n: int) -> object:
        request = CreateFlowJobRequest()
        request.set_endpoint(host)
        request.set_protocol_type("http")
        request.set_accept_format("JSON")
        request.set_ProjectId(project)
        request.set_Name(f"{tag}-{n}")
        request.set_Type("SHELL")
        request.set_Description("bench job")
        request.set_Params("ls -l")
        request.set_RunConf(run_conf)
        request.set_MaxRetry(1)
        request.set_ResourceLists(RESOURCES)
        return json.loads(acs.do_action_with_exception(request))

    return one


def _threaded_rate(client: EmrClient, project: str, threads: int, calls: int) -> float:
    def work() -> None:
        for _ in range(calls):
            client.call("DescribeFlowProject", {"ProjectId": project})

    pool = [threading.Thread(target=work) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return threads * calls / (time.perf_counter() - started)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200, help="calls per client per round")
    parser.add_argument("--quick", action="store_true", help="3 rounds x 50 calls")
    args = parser.parse_args(argv)
    rounds, calls = (3, 50) if args.quick else (args.rounds, args.calls)

    with EmulatorProcess() as emu:
        credentials = Credentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET)
        ours = EmrClient(credentials, DEFAULT_REGION, endpoint=emu.endpoint)
        project = ours.call("CreateFlowProject", {"Name": "bench", "Description": "bench"})["Id"]
        # The official SDK configured the usual way: key pair, region, and the endpoint's port.
        acs = AcsClient(
            DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_REGION, port=emu.port
        )
        host = urlsplit(emu.endpoint).hostname or "127.0.0.1"
        # Warm both up (imports, first connection) outside the measurement.
        _ours(ours, project, "warm-ours")(0)
        _official(acs, host, project, "warm-sdk")(0)

        ours_samples, sdk_samples = _Samples(), _Samples()
        for r in range(rounds):
            # A B, then B A: a drift in machine speed (or a growing job table) hits both alike.
            order = [
                (ours_samples, _ours(ours, project, f"ours-{r}")),
                (sdk_samples, _official(acs, host, project, f"sdk-{r}")),
            ]
            for samples, one in order if r % 2 == 0 else reversed(order):
                _measure(calls, one, emu, samples)

        seq = _rate(calls, lambda _: ours.call("DescribeFlowProject", {"ProjectId": project}))
        par = _threaded_rate(ours, project, 8, max(calls // 4, 10))
        requests_by_action = emu.counters()["requests"]
        made = (
            requests_by_action.get("CreateFlowJob", 0)
            if isinstance(requests_by_action, dict)
            else 0
        )

    ratio = statistics.median(ours_samples.rates) / statistics.median(sdk_samples.rates)
    print(f"CreateFlowJob, sequential, {rounds} rounds x {calls} calls per client (interleaved)")
    print(f"emulator: separate process at {emu.endpoint}")
    header = f"{'client':<32}{'median calls/s':>15}{'min':>7}{'max':>7}"
    print(f"{header}{'client CPU ms/call':>20}{'emulator CPU ms/call':>22}")
    for name, samples in (
        ("pulumi-emrflow EmrClient", ours_samples),
        ("aliyunsdkcore AcsClient + emr", sdk_samples),
    ):
        rates = samples.rates
        print(
            f"{name:<32}{statistics.median(rates):>15.0f}{min(rates):>7.0f}{max(rates):>7.0f}"
            f"{_median(samples.client_ms):>20}{_median(samples.server_ms):>22}"
        )
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(f"ratio ours/official: {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")
    print(f"emulator, signed DescribeFlowProject via keep-alive EmrClient: {seq:.0f} req/s")
    print(f"emulator, same with 8 threads sharing one client: {par:.0f} req/s")
    print(f"(jobs created: {made})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
