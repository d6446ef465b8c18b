"""Sequential CreateFlowJob calls per second: our client against the official Alibaba SDK.

Both talk to the same emulator, run as a separate process through its command line
(``python -m pulumi_emrflow.emulator --port 0 --quiet``) so that the server's work does not share
the clients' interpreter and GIL. In each round the two clients take turns every 50 calls (ours,
official, official, ours, ...) so that drift in the machine's speed touches both alike; the
figure is the median of the per-round ratios ours/official (target >= 1.3), printed with their
range. To explain the ratio, the client CPU time per call (getrusage of this process) is
printed for each, and, on Linux, the emulator's CPU time per call (from /proc), which both
clients pay alike. Also printed: the emulator's signed requests per second through our
keep-alive client, sequential and with 8 threads. ``measure_client`` returns the numbers
(``bench/run.py`` puts them in its table).

    .venv/bin/python bench/client_throughput.py            # 9 rounds x 300 calls each
    .venv/bin/python bench/client_throughput.py --quick    # 3 rounds x 100 calls
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
CHUNK = 50  # calls per client before switching to the other one
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


@dataclass
class _Tally:
    """Time and CPU summed over the chunks of one round."""

    calls: int = 0
    elapsed: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float | None = 0.0

    def add(self, calls: int, one: Callable[[int], object], emu: EmulatorProcess) -> None:
        server_before = _process_cpu_seconds(emu.pid)
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        for n in range(self.calls, self.calls + calls):
            one(n)
        self.elapsed += time.perf_counter() - started
        self.client_cpu += _cpu_seconds() - cpu_before
        server_after = _process_cpu_seconds(emu.pid)
        if server_before is None or server_after is None or self.server_cpu is None:
            self.server_cpu = None
        else:
            self.server_cpu += server_after - server_before
        self.calls += calls

    def record(self, into: _Samples) -> None:
        into.rates.append(self.calls / self.elapsed)
        into.client_ms.append(self.client_cpu / self.calls * 1000)
        if self.server_cpu is not None:
            into.server_ms.append(self.server_cpu / self.calls * 1000)


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


@dataclass
class ClientResult:
    """Interleaved rounds of sequential CreateFlowJob calls, ours and the official SDK's."""

    rounds: int
    calls: int
    ours: _Samples
    official: _Samples
    round_ratios: list[float]
    """ours/official calls per second within each round (the two measured back to back)."""
    describe_rate: float
    describe_rate_8_threads: float
    jobs_created: int

    @property
    def ratio(self) -> float:
        """The median of the per-round ratios (pairs measured back to back cancel slow drift)."""
        return statistics.median(self.round_ratios)


def measure_client(rounds: int = 9, calls: int = 300) -> ClientResult:
    """``rounds`` rounds of ``calls`` CreateFlowJob calls per client against one emulator
    process; within a round the clients take turns every ``CHUNK`` calls (A B B A A B ...)."""
    with EmulatorProcess() as emu:
        credentials = Credentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET)
        ours = EmrClient(credentials, DEFAULT_REGION, endpoint=emu.endpoint)
        project = ours.call("CreateFlowProject", {"Name": "bench", "Description": "bench"})["Id"]
        # The official SDK configured the usual way: key pair, region, and the endpoint's port.
        acs = AcsClient(
            DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_REGION, port=emu.port
        )
        host = urlsplit(emu.endpoint).hostname or "127.0.0.1"
        # Warm both up (imports, first connection, code paths) outside the measurement.
        _rate(max(calls // 10, 5), _ours(ours, project, "warm-ours"))
        _rate(max(calls // 10, 5), _official(acs, host, project, "warm-sdk"))

        ours_samples, sdk_samples = _Samples(), _Samples()
        chunk = min(CHUNK, calls)
        for r in range(rounds):
            # Chunks alternate A B, B A, ... within the round, so that a disturbance (another
            # process, a slower moment of the machine, a growing job table) hits both alike.
            tallies = [
                (_Tally(), _ours(ours, project, f"ours-{r}"), ours_samples),
                (_Tally(), _official(acs, host, project, f"sdk-{r}"), sdk_samples),
            ]
            for k in range(max(calls // chunk, 1)):
                for tally, one, _ in tallies if k % 2 == 0 else reversed(tallies):
                    tally.add(chunk, one, emu)
            for tally, _, samples in tallies:
                tally.record(samples)

        seq = _rate(calls, lambda _: ours.call("DescribeFlowProject", {"ProjectId": project}))
        par = _threaded_rate(ours, project, 8, max(calls // 4, 10))
        requests_by_action = emu.counters()["requests"]
        made = (
            requests_by_action.get("CreateFlowJob", 0)
            if isinstance(requests_by_action, dict)
            else 0
        )
    ratios = [a / b for a, b in zip(ours_samples.rates, sdk_samples.rates, strict=True)]
    return ClientResult(rounds, calls, ours_samples, sdk_samples, ratios, seq, par, made)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=300, help="calls per client per round")
    parser.add_argument("--quick", action="store_true", help="3 rounds x 100 calls")
    args = parser.parse_args(argv)
    rounds, calls = (3, 100) if args.quick else (args.rounds, args.calls)
    result = measure_client(rounds, calls)

    print(f"CreateFlowJob, sequential, {rounds} rounds x {calls} calls per client (interleaved)")
    print("emulator: a separate process")
    header = f"{'client':<32}{'median calls/s':>15}{'min':>7}{'max':>7}"
    print(f"{header}{'client CPU ms/call':>20}{'emulator CPU ms/call':>22}")
    for name, samples in (
        ("pulumi-emrflow EmrClient", result.ours),
        ("aliyunsdkcore AcsClient + emr", result.official),
    ):
        rates = samples.rates
        print(
            f"{name:<32}{statistics.median(rates):>15.0f}{min(rates):>7.0f}{max(rates):>7.0f}"
            f"{_median(samples.client_ms):>20}{_median(samples.server_ms):>22}"
        )
    verdict = "meets" if result.ratio >= TARGET_RATIO else "BELOW"
    spread = f"{min(result.round_ratios):.2f}-{max(result.round_ratios):.2f}"
    print(
        f"ratio ours/official: {result.ratio:.2f}x, median of the rounds (range {spread}; "
        f"{verdict} the {TARGET_RATIO}x target)"
    )
    print("emulator, signed DescribeFlowProject via keep-alive EmrClient: ", end="")
    print(f"{result.describe_rate:.0f} req/s")
    print("emulator, same with 8 threads sharing one client: ", end="")
    print(f"{result.describe_rate_8_threads:.0f} req/s")
    print(f"(jobs created: {result.jobs_created})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
