"""The emulator in a process of its own, started through its command line.

For benchmarks (an emulator in the caller's process competes with it for the interpreter lock,
so it measures the wrong thing) and for demos that run the server as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Sequence
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from .defaults import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_REGION, client_env


class EmulatorProcess:
    """``python -m pulumi_emrflow.emulator --port 0 [args]`` as a context manager.

    ``args`` are further command-line flags (``--latency-ms 50``, ``--db PATH``, ...); the
    default key pair is used, and ``env()`` points at the region given with ``--region``.
    ``quiet`` drops the per-request log lines.
    """

    access_key_id = DEFAULT_ACCESS_KEY_ID
    access_key_secret = DEFAULT_ACCESS_KEY_SECRET

    def __init__(self, args: Sequence[str] = (), *, quiet: bool = True) -> None:
        flags = list(args)
        self.region = DEFAULT_REGION
        if "--region" in flags[:-1]:
            self.region = flags[flags.index("--region") + 1]
        self._command = [sys.executable, "-m", "pulumi_emrflow.emulator", "--port", "0"]
        self._command += [*args, *(["--quiet"] if quiet else [])]
        self._process: subprocess.Popen[str] | None = None
        self.endpoint = ""

    def start(self) -> EmulatorProcess:
        """Start the process and wait for its first line, the base URL; returns self."""
        if self._process is not None:
            return self
        process = subprocess.Popen(self._command, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        endpoint = process.stdout.readline().strip()
        if not endpoint.startswith("http://"):
            process.kill()
            raise RuntimeError(f"the emulator did not start (exit status {process.wait()})")
        self._process, self.endpoint = process, endpoint
        return self

    def stop(self) -> None:
        """SIGTERM, then wait for the clean exit. Idempotent."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("the emulator process is not running")
        return self._process.pid

    @property
    def port(self) -> int:
        return urlsplit(self.endpoint).port or 80

    def env(self) -> dict[str, str]:
        """Environment variables that point the project's client at this emulator."""
        return client_env(self.endpoint, self.access_key_id, self.access_key_secret, self.region)

    def counters(self) -> dict[str, Any]:
        """What the emulator saw (``GET /__emulator/counters``)."""
        with urllib.request.urlopen(f"{self.endpoint}/__emulator/counters", timeout=10) as answer:
            document: dict[str, Any] = json.load(answer)
        return document
