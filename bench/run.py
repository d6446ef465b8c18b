"""The benchmark suite as one command: one table, each figure next to a reference measured in the
same run, with the issue's target and a verdict (reported, never asserted: the exit status is 0
whatever the figures).

    .venv/bin/python bench/run.py            # everything (a few minutes); what `make bench` runs
    .venv/bin/python bench/run.py --quick    # smaller counts and fewer rounds (about a minute)

The measurements live in ``client_throughput.py`` (our client against the official SDK) and
``provider_bench.py`` (the provider server, imports and program construction) and
``flow_bench.py`` (Check+Diff of a 200-job Flow) and ``refresh_bench.py`` (refresh by List
against one Describe per job); each returns
numbers, and this script only orders the rounds and formats them. Where a figure comes from
several interleaved rounds, it is the median of the per-round ratios, and ``rounds a-b`` is the
range of those ratios: how much the figure moves between rounds on this machine. The table is
Markdown, so a run's output can be pasted into ``bench/RESULTS.md`` as it is.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from importlib import metadata
from typing import Any, TypeVar

import client_throughput
import credentials_bench
import flow_bench
import provider_bench
import refresh_bench

T = TypeVar("T")
Row = tuple[str, str, str, str, str, str]
HEADER: Row = ("measure", "ours", "reference (same run)", "ratio", "target", "verdict")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_lines() -> list[str]:
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"date: {now}",
        f"machine: {cores} cores ({usable} usable), {_cpu_model()}, {platform.platform()}",
        f"python {platform.python_version()}, pulumi {_version('pulumi')}, "
        f"grpcio {_version('grpcio')}, aliyun-python-sdk-core {_version('aliyun-python-sdk-core')}",
        f"load average at start (1/5/15 min): {load}",
    ]


def _verdict(value: float, target: float, at_least: bool) -> str:
    met = value >= target if at_least else value <= target
    return "meets" if met else "MISSES"


def _ratio(ratios: list[float]) -> str:
    """The median ratio and, when there are several rounds, their range."""
    median = statistics.median(ratios)
    if len(ratios) < 2:
        return f"{median:.2f}x"
    return f"{median:.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f})"


def _paired(ours: list[float], reference: list[float]) -> list[float]:
    return [a / b for a, b in zip(ours, reference, strict=True)]


def client_rows(r: client_throughput.ClientResult) -> list[Row]:
    ours, official = statistics.median(r.ours.rates), statistics.median(r.official.rates)
    return [
        (
            f"client: sequential CreateFlowJob calls/s ({r.rounds} rounds x {r.calls})",
            f"{ours:.0f}/s",
            f"official SDK {official:.0f}/s",
            _ratio(r.round_ratios),
            ">= 1.3x",
            _verdict(r.ratio, client_throughput.TARGET_RATIO, at_least=True),
        )
    ]


def credentials_rows(c: dict[str, Any], i: dict[str, Any]) -> list[Row]:
    rates, median = c["rates"], statistics.median
    static, static_sts = median(rates["static"]), median(rates["static-sts"])
    target = credentials_bench.TARGET_RATIO
    return [
        (
            f"client calls/s, assumed role via alibabacloud-credentials ({c['rounds']} x "
            f"{c['calls']})",
            f"{median(rates['role']):.0f}/s",
            f"static keys + STS token {static_sts:.0f}/s",
            _ratio(c["role_sts_ratios"]),
            ">= 0.95x",
            _verdict(median(c["role_sts_ratios"]), target, at_least=True),
        ),
        (
            "  the same against static keys without a token (a role's price, token included)",
            "",
            f"static keys {static:.0f}/s",
            _ratio(c["role_ratios"]),
            ">= 0.95x",
            _verdict(median(c["role_ratios"]), target, at_least=True),
        ),
        (
            "  an aliyun CLI profile (AK mode) against the same static keys",
            f"{median(rates['profile']):.0f}/s",
            f"static keys {static:.0f}/s",
            _ratio(c["profile_ratios"]),
            ">= 0.95x",
            _verdict(median(c["profile_ratios"]), target, at_least=True),
        ),
        (
            "  asking the source for keys, per request (assumed role, kept keys)",
            f"{c['lookup_us']['role']:.2f} us",
            f"a whole call {1e6 / static:.0f} us",
            f"{c['lookup_us']['role'] * static / 1e6:.4f}x",
            "",
            "info",
        ),
        (
            "  import alibabacloud_credentials (first request of a non-static source, once)",
            f"{i['library_ms']:.0f} ms",
            f"library modules loaded with static keys: {i['modules_with_static_keys']}",
            "",
            "",
            "info",
        ),
    ]


def create_rows(c: dict[str, Any]) -> list[Row]:
    ours, floor = c["ours"], c["floor"]
    sdk, client = c["sdk_ceiling"], c["client_ceiling"]
    median = statistics.median
    return [
        (
            f"provider Create/s, 50 ms API latency, 8 in flight ({c['rounds']} x {c['creates']})",
            f"{median(ours):.1f}/s",
            f"4-worker floor {floor:.0f}/s",
            _ratio([x / floor for x in ours]),
            ">= 0.9x",
            _verdict(median(ours) / floor, 0.9, at_least=True),
        ),
        (
            "  2nd reference: SDK server whose create only sleeps 50 ms",
            "",
            f"{median(sdk):.1f}/s",
            _ratio(_paired(ours, sdk)),
            "",
            "info",
        ),
        (
            "  3rd reference: our client + emulator alone, 4 at a time",
            "",
            f"{median(client):.1f}/s",
            _ratio(_paired(ours, client)),
            "",
            "info",
        ),
    ]


def check_diff_rows(d: dict[str, Any]) -> list[Row]:
    ours, noop = statistics.median(d["flowjob_s"]), statistics.median(d["noop_s"])
    ratios = _paired(d["flowjob_s"], d["noop_s"])
    return [
        (
            f"Check+Diff of {d['jobs']:,} unchanged jobs, 8 in flight ({d['rounds']} rounds)",
            f"{ours:.2f} s",
            f"no-op provider {noop:.2f} s",
            _ratio(ratios),
            "<= 1.3x",
            _verdict(statistics.median(ratios), 1.3, at_least=False),
        )
    ]


def flow_rows(f: dict[str, Any]) -> list[Row]:
    return [
        (
            f"Check+Diff of an unchanged {f['jobs']}-job Flow, in process (median of {f['runs']})",
            f"{f['in_process_ms']:.2f} ms",
            "",
            "",
            "< 20 ms",
            _verdict(f["in_process_ms"], 20, at_least=False),
        ),
        (
            "  the same through the provider server (one Check + one Diff)",
            f"{f['server_ms']:.2f} ms",
            f"no-op provider {f['noop_ms']:.2f} ms",
            f"{f['server_ms'] / f['noop_ms']:.2f}x",
            "",
            "info",
        ),
    ]


def construct_rows(
    f: dict[str, Any], p: dict[str, Any], f_same: dict[str, Any], p_same: dict[str, Any]
) -> list[Row]:
    """``f``/``p``: FlowJobs and plain resources at the full count; ``*_same``: both at a count
    the plain one survives."""
    plain_end = f"RecursionError after {p['constructed']}" if p["error"] else "no error"
    w, pw, same = f["window"], p["window"], f_same["constructed"]
    return [
        (
            f"construct {f['constructed']:,} FlowJobs: median ms/resource, last {w} vs first {w}",
            f"{f['last_ms']:.3f} ms",
            f"first {w}: {f['first_ms']:.3f} ms",
            f"{f['ratio']:.2f}x",
            "<= 1.5x (flat)",
            _verdict(f["ratio"], 1.5, at_least=False),
        ),
        (
            "  the same as means (adding CPython's full GC pauses, which grow with the heap)",
            f"{f['last_mean_ms']:.3f} ms",
            f"first {w}: {f['first_mean_ms']:.3f} ms",
            f"{f['last_mean_ms'] / f['first_mean_ms']:.2f}x",
            "",
            "info",
        ),
        (
            f"  plain dynamic.Resource: median ms/resource, last {pw} vs first {pw}",
            "",
            f"{p['last_ms']:.3f} vs {p['first_ms']:.3f} ms",
            f"{p['ratio']:.2f}x",
            "",
            f"info ({plain_end})",
        ),
        (
            f"construct {f['constructed']:,} FlowJobs: whole program, mocked registrations",
            f"{f['wall_s']:.2f} s",
            f"plain: {plain_end}",
            "",
            "",
            "info",
        ),
        (
            f"construct {same:,} (a count plain survives): whole program",
            f"{f_same['wall_s']:.2f} s",
            f"plain dynamic.Resource {p_same['wall_s']:.2f} s",
            f"{f_same['wall_s'] / p_same['wall_s']:.2f}x",
            "",
            "info",
        ),
    ]


def import_rows(i: dict[str, float]) -> list[Row]:
    sdk = i["pulumi_dynamic_ms"]
    reference = f"import pulumi.dynamic itself {sdk:.0f} ms"
    return [
        (
            "import the provider module, over import pulumi.dynamic",
            f"{i['module_ms']:.1f} ms",
            reference,
            f"{i['module_ms'] / sdk:.2f}x",
            "<= 100 ms",
            _verdict(i["module_ms"], 100, at_least=False),
        ),
        (
            "  the same plus building the flow_job spec (a server's first call)",
            f"{i['module_and_spec_ms']:.1f} ms",
            reference,
            f"{i['module_and_spec_ms'] / sdk:.2f}x",
            "<= 100 ms",
            _verdict(i["module_and_spec_ms"], 100, at_least=False),
        ),
        (
            "__provider length (base64 characters)",
            f"{i['provider_len']:.0f}",
            f"SDK pickle of a one-method provider {i['sdk_provider_len']:.0f}",
            f"{i['provider_len'] / i['sdk_provider_len']:.2f}x",
            "<= 200",
            _verdict(i["provider_len"], 200, at_least=False),
        ),
    ]


def table(rows: list[Row]) -> list[str]:
    widths = [max(len(row[k]) for row in [HEADER, *rows]) for k in range(len(HEADER))]

    def line(cells: Row | list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return [line(HEADER), line(["-" * w for w in widths]), *(line(row) for row in rows)]


def refresh_rows(r: dict[str, Any]) -> list[Row]:
    jobs = r["jobs"]
    ours, describe = r["list_s"], r["describe_s"]

    def per_job(calls: dict[str, int]) -> str:
        text = ", ".join(f"{n} {k}" for k, n in sorted(calls.items()))
        return f"{sum(calls.values()) / jobs:.3f} ({text})"

    return [
        (
            f"refresh of {jobs:,} jobs in {r['projects']} projects, "
            f"{r['latency'] * 1000:.0f} ms API latency, 8 in flight",
            f"{ours:.2f} s",
            f"one Describe per job {describe:.2f} s",
            f"{describe / ours:.1f}x faster",
            ">= 20x",
            _verdict(describe / ours, 20.0, at_least=True),
        ),
        (
            "  reference: the SDK server's no-op read (its own ceiling)",
            "",
            f"{r['noop_s']:.2f} s",
            f"{describe / r['noop_s']:.1f}x at best",
            "",
            "info",
        ),
        (
            "  API calls per resource",
            per_job(r["list_calls"]),
            per_job(r["describe_calls"]),
            "",
            "",
            "info",
        ),
    ]


def _timed(label: str, measure: Callable[[], T]) -> T:
    print(f"measuring {label} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    result = measure()
    print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts, fewer rounds")
    parser.add_argument("--skip-client", action="store_true", help="leave out the client row")
    args = parser.parse_args(argv)
    quick = args.quick
    print("\n".join(machine_lines()), flush=True)
    started = time.perf_counter()

    rows: list[Row] = []
    if not args.skip_client:
        rounds, calls = (3, 100) if quick else (9, 300)
        rows += client_rows(
            _timed("client vs SDK", lambda: client_throughput.measure_client(rounds, calls))
        )
        rounds, calls = (5, 200) if quick else (9, 600)
        rows += credentials_rows(
            _timed(
                "credentials in the path",
                lambda: credentials_bench.measure_credentials(rounds, calls),
            ),
            credentials_bench.measure_library_import(3 if quick else 5),
        )
    creates, create_rounds = (80, 1) if quick else (240, 3)
    rows += create_rows(
        _timed("Create", lambda: provider_bench.bench_create(creates, create_rounds))
    )
    jobs, diff_rounds = (1000, 2) if quick else (5000, 3)
    rows += check_diff_rows(
        _timed("Check+Diff", lambda: provider_bench.bench_check_diff(jobs, diff_rounds))
    )
    rows += flow_rows(
        _timed("Flow Check+Diff", lambda: flow_bench.bench_flow_check_diff(50 if quick else 200))
    )
    refreshed = 1000 if quick else 5000
    rows += refresh_rows(_timed("refresh", lambda: refresh_bench.bench_refresh(refreshed)))
    construct = 1000 if quick else 5000
    build = provider_bench.bench_construct
    flowjobs = _timed("FlowJob construction", lambda: build(construct, "flowjob"))
    plain = _timed("plain dynamic.Resource construction", lambda: build(construct, "plain"))
    same = min(construct, plain["constructed"] // 100 * 100)  # below the plain one's crash
    flowjobs_same = _timed(f"both at {same}", lambda: build(same, "flowjob"))
    plain_same = build(same, "plain")
    rows += construct_rows(flowjobs, plain, flowjobs_same, plain_same)
    runs = 3 if quick else 7
    rows += import_rows(_timed("imports", lambda: provider_bench.bench_import(runs)))

    print(f"mode: {'--quick' if quick else 'full'}, {time.perf_counter() - started:.0f} s")
    print()
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
