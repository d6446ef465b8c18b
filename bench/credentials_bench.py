"""Calls per second with alibabacloud-credentials in the path, against today's static keys.

One emulator process; one ``EmrClient`` signs with static keys, another with keys of an assumed
role (``alicloud:assumeRole``: the library's ``RamRoleArnCredentialsProvider`` against the
emulator's STS, one-hour tokens, kept by ``RefreshingSource`` until near expiry), a third with a
profile of the aliyun CLI's file (``CLIProfileCredentialsProvider``, which gives no expiry), a
fourth with that role's temporary keys given as static keys (``alicloud:securityToken``): the
same requests as the role's, token included, without the library. They take turns every 20
sequential ``DescribeFlowProject`` calls (a cheap call: the client's own cost weighs most); the
figures are the medians of the per-round ratios to static keys (target: within 5%, >= 0.95x).
A role's requests carry an STS token, which makes every request longer to sign, send and check
than one with a plain key pair: role / static-with-token is the library's own cost, role /
static the whole price of using a role. On a shared
machine those wall-clock ratios move by several percent from round to round, so the cost itself
is measured too, without the network: what asking the source for the keys adds to a request
(microseconds per call, kept keys), next to the whole call's time. Also measured, in fresh
interpreters: importing the library (what the first request of a non-static source pays, once)
and that importing the provider and building a static-key client do not import it.

    .venv/bin/python bench/credentials_bench.py            # 9 rounds x 600 calls per client
    .venv/bin/python bench/credentials_bench.py --quick    # 5 rounds x 200 calls
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import (
    DEFAULT_ACCESS_KEY_ID,
    DEFAULT_ACCESS_KEY_SECRET,
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    EmulatorProcess,
)

TARGET_RATIO = 0.95
CHUNK = 20
PY = sys.executable
ROLE_ARN = f"acs:ram::{DEFAULT_ACCOUNT_ID}:role/bench"


def _clients(endpoint: str, profile_path: Path) -> dict[str, EmrClient]:
    base = {"alicloud:region": DEFAULT_REGION, "emrflow:endpoint": endpoint}
    keys = {
        "alicloud:accessKey": DEFAULT_ACCESS_KEY_ID,
        "alicloud:secretKey": DEFAULT_ACCESS_KEY_SECRET,
    }
    role = {
        **keys,
        "alicloud:assumeRole": json.dumps({"roleArn": ROLE_ARN}),
        "alicloud:endpoints": json.dumps([{"sts": endpoint}]),
    }
    profile = {"alicloud:profile": "bench", "alicloud:sharedCredentialsFile": str(profile_path)}
    assumed = EmrClient.from_config({**base, **role}, {})
    temporary = assumed._source.current()  # the seam the client asks before every request
    sts_keys = {
        "alicloud:accessKey": temporary.access_key_id,
        "alicloud:secretKey": temporary.access_key_secret,
        "alicloud:securityToken": temporary.security_token,
    }
    return {
        "static": EmrClient.from_config({**base, **keys}, {}),
        "role": assumed,
        "profile": EmrClient.from_config({**base, **profile}, {}),
        "static-sts": EmrClient.from_config({**base, **sts_keys}, {}),
    }


def _chunk(client: EmrClient, project: str, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        client.call("DescribeFlowProject", {"ProjectId": project})
    return time.perf_counter() - started


def _lookup_us(client: EmrClient, times: int = 20000) -> float:
    """Microseconds one request spends asking the client's source for its keys."""
    source = client._source  # the seam the client asks before every request
    started = time.perf_counter()
    for _ in range(times):
        source.current()
    return (time.perf_counter() - started) / times * 1e6


def measure_credentials(rounds: int = 9, calls: int = 600) -> dict[str, Any]:
    """Per-round calls/s of each client and the ratios role/static and profile/static."""
    with tempfile.TemporaryDirectory() as home, EmulatorProcess() as emu:
        path = Path(home) / "config.json"
        profile = {
            "name": "bench",
            "mode": "AK",
            "access_key_id": DEFAULT_ACCESS_KEY_ID,
            "access_key_secret": DEFAULT_ACCESS_KEY_SECRET,
        }
        path.write_text(json.dumps({"current": "bench", "profiles": [profile]}))
        clients = _clients(emu.endpoint, path)
        static = clients["static"]
        project = static.call("CreateFlowProject", {"Name": "bench", "Description": "b"})["Id"]
        for client in clients.values():  # first connection, first STS call, imports
            _chunk(client, project, max(calls // 10, 5))
        rates: dict[str, list[float]] = {name: [] for name in clients}
        chunk = min(CHUNK, calls)
        order = list(clients)
        for _ in range(rounds):
            elapsed = dict.fromkeys(clients, 0.0)
            for k in range(max(calls // chunk, 1)):
                for name in order if k % 2 == 0 else reversed(order):
                    elapsed[name] += _chunk(clients[name], project, chunk)
            done = max(calls // chunk, 1) * chunk
            for name in clients:
                rates[name].append(done / elapsed[name])
        lookup_us = {name: _lookup_us(client) for name, client in clients.items()}
    return {
        "lookup_us": lookup_us,
        "rounds": rounds,
        "calls": calls,
        "rates": rates,
        "role_ratios": [r / s for r, s in zip(rates["role"], rates["static"], strict=True)],
        "role_sts_ratios": [r / s for r, s in zip(rates["role"], rates["static-sts"], strict=True)],
        "profile_ratios": [p / s for p, s in zip(rates["profile"], rates["static"], strict=True)],
    }


_IMPORT = "import time, sys; {before}; t = time.perf_counter(); {code}; "
_IMPORT += "print(time.perf_counter() - t)"


def _best(runs: int, code: str, before: str = "import pulumi.dynamic") -> float:
    program = _IMPORT.format(before=before, code=code)
    command = [PY, "-c", program]
    return min(
        float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    )


def measure_library_import(runs: int = 5) -> dict[str, Any]:
    """The library's import time, and which library modules a static-key provider loads."""
    library_ms = _best(runs, "import alibabacloud_credentials.provider") * 1000
    static_client = (
        "import pulumi_emrflow.providers.lifecycle; from pulumi_emrflow.api.client import "
        "EmrClient; EmrClient.from_config({'alicloud:accessKey': 'a', 'alicloud:secretKey': 'b'}"
        ", {}).access_key_id; print(len([m for m in sys.modules if m.startswith("
        "('alibabacloud_credentials', 'Tea', 'aiohttp', 'apscheduler'))]))"
    )
    program = f"import sys, pulumi.dynamic; {static_client}"
    out = subprocess.run([PY, "-c", program], capture_output=True, text=True, check=True)
    return {"library_ms": library_ms, "modules_with_static_keys": int(out.stdout.strip())}


def _median_range(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} (rounds {min(values):.3f}-{max(values):.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds x 150 calls")
    args = parser.parse_args(argv)
    rounds, calls = (5, 200) if args.quick else (9, 600)
    result = measure_credentials(rounds, calls)
    print(f"DescribeFlowProject, sequential, {rounds} rounds x {calls} calls per client")
    for name, rates in result["rates"].items():
        print(f"  {name:<8} median {statistics.median(rates):.0f} calls/s")
    print(f"role/static:    {_median_range(result['role_ratios'])} (target >= {TARGET_RATIO})")
    print(f"role/static-sts: {_median_range(result['role_sts_ratios'])} (the library's own cost)")
    print(f"profile/static: {_median_range(result['profile_ratios'])}")
    call_us = 1e6 / statistics.median(result["rates"]["static"])
    lookups = ", ".join(f"{k} {v:.2f}" for k, v in result["lookup_us"].items())
    print(f"asking the source per request, us: {lookups} (a whole call: {call_us:.0f} us)")
    imports = measure_library_import()
    print(f"import alibabacloud_credentials.provider: {imports['library_ms']:.0f} ms")
    print(f"library modules loaded with static keys: {imports['modules_with_static_keys']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
