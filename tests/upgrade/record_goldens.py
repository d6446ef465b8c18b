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
import http.client
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from golden_capture import placeholder  # noqa: E402
from golden_rpc import Rpc  # noqa: E402

from pulumi_emrflow.emulator import Emulator  # noqa: E402
from pulumi_emrflow.testing.calls import ProviderCalls, stack_config_for  # noqa: E402

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


class _Recording(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, target: str) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.target = urllib.parse.urlsplit(target).netloc
        self.log: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    def take(self) -> list[dict[str, Any]]:
        with self.lock:
            taken, self.log = self.log, []
        return taken


class _ProxyHandler(BaseHTTPRequestHandler):
    """Forwards to the emulator and logs each call's action, parameters and answered id."""

    server: _Recording
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
        conn = http.client.HTTPConnection(self.server.target, timeout=30)
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        conn.close()
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query, True))
        if body and "form-urlencoded" in (self.headers.get("Content-Type") or ""):
            params.update(urllib.parse.parse_qsl(body.decode(), True))
        action = params.get("Action", "")
        if action.startswith(("Create", "Modify", "Delete")) and answer.status == 200:
            document = json.loads(data)
            with self.server.lock:
                self.server.log.append(
                    {
                        "action": action,
                        "params": {k: v for k, v in params.items() if k not in COMMON_PARAMS},
                        "answer_id": document.get("Id"),
                    }
                )
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _forward


@contextmanager
def recording_proxy(target: str) -> Iterator[_Recording]:
    server = _Recording(target)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


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
    if isinstance(value, str):
        for name, id_ in ids.items():
            value = value.replace(placeholder(name), id_)
        return value
    if isinstance(value, dict):
        return {k: _substitute(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, ids) for v in value]
    return value


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
        with Emulator() as emulator, recording_proxy(emulator.endpoint) as proxy:
            config = stack_config_for(emulator, **{"emrflow:endpoint": proxy_url(proxy)})
            server = ProviderCalls("", config, project="golden", stack="golden", env=env)
            with server:
                rpc = Rpc(server)
                for case in cases:
                    golden["cases"][case] = _record_case(rpc, proxy, module, case, pythonpath)
    path = HERE / "goldens" / f"{release}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(golden, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return path


def proxy_url(proxy: _Recording) -> str:
    return f"http://127.0.0.1:{proxy.server_address[1]}"


def _record_case(
    rpc: Rpc, proxy: _Recording, module: str, case: str, pythonpath: str
) -> list[dict[str, Any]]:
    ids: dict[str, str] = {}
    resources = []
    for registered in dependency_order(_capture(module, case, pythonpath)):
        name, type_ = registered["name"], registered["type"]
        news = _substitute(registered["program_inputs"], ids)
        checked, failures = rpc.check(type_, name, {}, news)
        if failures:
            raise SystemExit(f"{case}/{name}: the release's check refused the program: {failures}")
        proxy.take()
        id_, outputs = rpc.create(type_, name, checked)
        requests = proxy.take()
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
