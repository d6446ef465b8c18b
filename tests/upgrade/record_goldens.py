"""Record the golden states of a release: ``python tests/upgrade/record_goldens.py v0.1.0``.

For each case of ``programs_v<release>.py`` it runs the program with THAT release's package (the
tag's ``provider/`` tree, put first on ``PYTHONPATH``), sends every registration through that
release's provider (the SDK's own server, ``python -m pulumi.dynamic``) against the emulator,
and writes ``goldens/<release>.json``: per resource, the program's inputs, the checked inputs
and the outputs after create (both with the release's ``__provider``), the state after a
refresh, the id, and the API requests its create sent (so a test can make the same objects
again and map the ids).

Run it once when a release is tagged; never re-record an existing release's goldens unless the
file is lost (they are the state users of that release have).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from golden_capture import placeholder, replace_strings  # noqa: E402
from golden_rpc import Rpc  # noqa: E402

from pulumi_emrflow.emulator import Emulator  # noqa: E402
from pulumi_emrflow.testing.calls import ProviderCalls, stack_config_for  # noqa: E402
from pulumi_emrflow.testing.fault_proxy import FaultProxy  # noqa: E402

# Signature and protocol parameters: the replaying client adds its own.
COMMON_PARAMS = frozenset(
    {
        "Action",
        "Version",
        "Format",
        "AccessKeyId",
        "SecurityToken",
        "Signature",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        "RegionId",
    }
)
_CREDENTIAL_ENV_PREFIXES = ("ALICLOUD_", "ALIBABA_CLOUD_", "EMRFLOW_")


def programs_module(release: str) -> str:
    return "programs_v" + release.replace(".", "_")


def _writes(proxy: FaultProxy) -> list[dict[str, Any]]:
    """The write requests the service answered since the last call, and the ids it gave."""
    return [
        {
            "action": entry.action,
            "params": {k: v for k, v in entry.params.items() if k not in COMMON_PARAMS},
            "answer_id": (entry.answer or {}).get("Id"),
        }
        for entry in proxy.take_journal()
        if entry.action.startswith(("Create", "Modify", "Delete")) and entry.status == 200
    ]


def _release_tree(ref: str, into: Path) -> str:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "provider"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", f"{ref}^{{commit}}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return commit


def _capture(module: str, case: str, pythonpath: str) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": pythonpath}
    out = subprocess.run(
        [sys.executable, str(HERE / "golden_capture.py"), module, case, "0"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=str(HERE),
    ).stdout
    registered: list[dict[str, Any]] = json.loads(out)
    return registered


def _substitute(value: Any, ids: Mapping[str, str]) -> Any:
    """``value`` with every id placeholder (``<<id:NAME>>``) replaced by NAME's id."""
    return replace_strings(value, {placeholder(name): id_ for name, id_ in ids.items()})


def dependency_order(registered: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Registrations ordered so each comes after the ones whose ids it uses (then by name), so
    that the golden file is stable across recordings."""
    left = sorted(registered, key=lambda r: r["name"])
    ordered: list[dict[str, Any]] = []
    while left:
        placed = {r["name"] for r in ordered}
        ready = next(
            r
            for r in left
            if all(
                placeholder(other["name"]) not in json.dumps(r["program_inputs"])
                or other["name"] in placed
                for other in registered
            )
        )
        ordered.append(ready)
        left.remove(ready)
    return ordered


def record(ref: str, release: str) -> Path:
    module = programs_module(release)
    cases = list(importlib.import_module(module).CASES)
    with tempfile.TemporaryDirectory() as tmp:
        commit = _release_tree(ref, Path(tmp))
        pythonpath = os.pathsep.join([str(Path(tmp) / "provider"), str(HERE)])
        env = {k: v for k, v in os.environ.items() if not k.startswith(_CREDENTIAL_ENV_PREFIXES)}
        env["PYTHONPATH"] = pythonpath
        golden: dict[str, Any] = {
            "release": release,
            "ref": ref,
            "commit": commit,
            "pulumi": importlib.metadata.version("pulumi"),
            "recorded": datetime.date.today().isoformat(),
            "cases": {},
        }
        with Emulator() as emulator, FaultProxy(emulator.endpoint) as proxy:
            config = stack_config_for(emulator, **{"emrflow:endpoint": proxy.endpoint})
            server = ProviderCalls("", config, project="golden", stack="golden", env=env)
            with server:
                rpc = Rpc(server)
                for case in cases:
                    golden["cases"][case] = _record_case(rpc, proxy, module, case, pythonpath)
    path = HERE / "goldens" / f"{release}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(golden, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return path


def _record_case(
    rpc: Rpc, proxy: FaultProxy, module: str, case: str, pythonpath: str
) -> list[dict[str, Any]]:
    ids: dict[str, str] = {}
    resources = []
    for registered in dependency_order(_capture(module, case, pythonpath)):
        name, type_ = registered["name"], registered["type"]
        news = _substitute(registered["program_inputs"], ids)
        checked, failures = rpc.check(type_, name, {}, news)
        if failures:
            raise SystemExit(f"{case}/{name}: the release's check refused the program: {failures}")
        _writes(proxy)
        id_, outputs = rpc.create(type_, name, checked)
        requests = _writes(proxy)
        _, refreshed, refreshed_inputs = rpc.read(type_, name, id_, outputs, checked)
        ids[name] = id_
        resources.append(
            {
                "name": name,
                "type": type_,
                "id": id_,
                "program_inputs": news,
                "secret_inputs": registered["secret_inputs"],
                "inputs": checked,
                "outputs": outputs,
                "requests": requests,
                "refreshed": {"inputs": refreshed_inputs, "outputs": refreshed},
            }
        )
    return resources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", help="the release's git tag (or commit), e.g. v0.1.0")
    parser.add_argument("--release", help="the version (default: the tag without its 'v')")
    args = parser.parse_args()
    release = args.release or args.ref.removeprefix("v")
    print(record(args.ref, release))


if __name__ == "__main__":
    main()
