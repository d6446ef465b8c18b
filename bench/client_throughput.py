"""Sequential CreateFlowJob calls per second: our client against the official Alibaba SDK.

Both talk to the same in-process emulator (no faults), interleaved in rounds (ours then
official, then official then ours, ...) so that drift in the machine's speed touches both
alike; the medians are compared as a ratio ours/official (target >= 1.3). Also printed: the
emulator's signed requests per second through our keep-alive client, sequential and with 8
threads.

    .venv/bin/python bench/client_throughput.py            # 5 rounds x 200 calls each
    .venv/bin/python bench/client_throughput.py --quick    # 3 rounds x 50 calls
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable

from aliyunsdkcore.client import AcsClient
from aliyunsdkemr.request.v20160408.CreateFlowJobRequest import CreateFlowJobRequest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import Emulator

TARGET_RATIO = 1.3
RUN_CONF = {"priority": 1, "userName": "hadoop", "memory": 2048, "cores": 1}
RESOURCES = [{"Path": "oss://bucket/path/demo.jar", "Alias": "demo.jar"}]


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200, help="calls per client per round")
    parser.add_argument("--quick", action="store_true", help="3 rounds x 50 calls")
    args = parser.parse_args(argv)
    rounds, calls = (3, 50) if args.quick else (args.rounds, args.calls)

    with Emulator() as emu:
        ours = EmrClient.from_config({}, emu.env())
        project = ours.call("CreateFlowProject", {"Name": "bench", "Description": "bench"})["Id"]
        acs = AcsClient(emu.access_key_id, emu.access_key_secret, emu.region, port=emu.port)
        host = emu.host
        # Warm both up (imports, first connection) outside the measurement.
        _ours(ours, project, "warm-ours")(0)
        _official(acs, host, project, "warm-sdk")(0)

        ours_rates: list[float] = []
        sdk_rates: list[float] = []
        for r in range(rounds):
            # A B, then B A: a drift in machine speed (or a growing job table) hits both alike.
            order = [
                (ours_rates, _ours(ours, project, f"ours-{r}")),
                (sdk_rates, _official(acs, host, project, f"sdk-{r}")),
            ]
            for rates, one in order if r % 2 == 0 else reversed(order):
                rates.append(_rate(calls, one))

        seq = _rate(calls, lambda _: ours.call("DescribeFlowProject", {"ProjectId": project}))
        par = _threaded_rate(ours, project, 8, max(calls // 4, 10))
        made = emu.counters()["requests"].get("CreateFlowJob", 0)

    ours_median = statistics.median(ours_rates)
    sdk_median = statistics.median(sdk_rates)
    ratio = ours_median / sdk_median
    print(f"CreateFlowJob, sequential, {rounds} rounds x {calls} calls per client (interleaved)")
    print(f"{'client':<34}{'median calls/s':>16}{'min':>10}{'max':>10}")
    for name, rates in (
        ("pulumi-emrflow EmrClient", ours_rates),
        ("aliyunsdkcore AcsClient + emr", sdk_rates),
    ):
        med = statistics.median(rates)
        print(f"{name:<34}{med:>16.0f}{min(rates):>10.0f}{max(rates):>10.0f}")
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(f"ratio ours/official: {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")
    print(f"emulator, signed DescribeFlowProject via keep-alive EmrClient: {seq:.0f} req/s")
    print(f"emulator, same with 8 threads sharing one client: {par:.0f} req/s")
    print(f"(jobs created: {made})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
