"""The single-call layer of the engine harness: a provider server process and its RPCs.

``ProviderCalls`` spawns the SDK's own dynamic-provider server (``python -u -m pulumi.dynamic``),
reads its port from the first stdout line, connects a
``pulumi.runtime.proto.provider_pb2_grpc.ResourceProviderStub``, sends ``Configure`` with a whole
stack config, and offers one method per provider RPC (``check``, ``diff``, ``create``,
``update``, ``read``, ``delete``) taking and returning plain Python values. What it sends is what
the engine sends (pulumi 3.272): Check(olds = previous checked inputs, ``{}`` on create or
replace), Diff(olds = previous OUTPUTS, news = checked inputs), Update(olds = previous outputs),
Read(properties = previous outputs, inputs = previous inputs), Delete(properties = outputs).

Tests normally use ``pulumi_emrflow.testing.engine.ProviderServer``, which is this class plus the
engine's sequences (``preview``, ``up``, ``refresh``, ``destroy``); every name here is importable
from that module too.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self

import grpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from pulumi_emrflow.providers.pickled import serialized_provider
from pulumi_emrflow.testing.interrupts import sigint_deferred
from pulumi_emrflow.testing.wire import PROVIDER_KEY, deserialize, serialize, without_provider

__all__ = [
    "DIFF_NONE",
    "DIFF_SOME",
    "DIFF_UNKNOWN",
    "CheckOutcome",
    "DiffOutcome",
    "EmulatorLike",
    "ProviderCallError",
    "ProviderCalls",
    "clean_environment",
    "stack_config_for",
]

_CREDENTIAL_ENV_PREFIXES = ("ALICLOUD_", "ALIBABA_CLOUD_", "EMRFLOW_")
DIFF_NONE = provider_pb2.DiffResponse.DIFF_NONE
DIFF_SOME = provider_pb2.DiffResponse.DIFF_SOME
DIFF_UNKNOWN = provider_pb2.DiffResponse.DIFF_UNKNOWN


class ProviderCallError(Exception):
    """An RPC failed; ``details`` is the server's text (for a provider exception, its traceback,
    which is what ``pulumi up`` shows the user)."""

    def __init__(self, method: str, code: grpc.StatusCode, details: str) -> None:
        self.method = method
        self.code = code
        self.details = details
        last = details.strip().splitlines()[-1] if details.strip() else ""
        super().__init__(f"{method} failed ({code.name}): {last}")


@dataclass(frozen=True)
class CheckOutcome:
    inputs: dict[str, Any]
    failures: list[tuple[str, str]]
    """``(property, reason)`` pairs, as the engine shows them."""


@dataclass(frozen=True)
class DiffOutcome:
    changes: int
    """``DIFF_NONE``, ``DIFF_SOME`` or ``DIFF_UNKNOWN`` (module constants)."""
    replaces: list[str]
    delete_before_replace: bool

    @property
    def changed(self) -> bool:
        return self.changes != DIFF_NONE


class EmulatorLike(Protocol):
    """What the harness needs of an emulator (``Emulator``, ``EmulatorProcess``, or any other
    service double): where it listens, the key pair it accepts, and its region."""

    @property
    def endpoint(self) -> str: ...
    @property
    def access_key_id(self) -> str: ...
    @property
    def access_key_secret(self) -> str: ...
    @property
    def region(self) -> str: ...


def stack_config_for(emulator: EmulatorLike, **extra: Any) -> dict[str, Any]:
    """A whole stack config pointing at ``emulator`` (alicloud:* keys and emrflow:endpoint)."""
    config = {
        "alicloud:accessKey": emulator.access_key_id,
        "alicloud:secretKey": emulator.access_key_secret,
        "alicloud:region": emulator.region,
        "emrflow:endpoint": emulator.endpoint,
    }
    config.update(extra)
    return config


class ProviderCalls:
    """A running ``python -m pulumi.dynamic`` server plus a stub, used as a context manager.

    ``provider`` is the ``__provider`` string resources carry (``for_spec`` makes the one our
    resources use). ``config`` is the whole stack config (namespaced keys) sent in Configure.
    The child's environment is ``env`` or, by default, ``clean_environment()``: this process's
    without ``ALICLOUD_*``, ``ALIBABA_CLOUD_*`` and ``EMRFLOW_*`` variables, so a test proves the
    config is used.
    """

    def __init__(
        self,
        provider: str,
        config: Mapping[str, Any] | None = None,
        *,
        type_token: str = "pulumi-python:dynamic:Resource",
        project: str = "project",
        stack: str = "stack",
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
        python: str = sys.executable,
        timeout: float = 60.0,
    ) -> None:
        self.provider = provider
        self.config = dict(config or {})
        self.type_token = type_token
        self.project = project
        self.stack = stack
        self.timeout = timeout
        self._env = env
        self._cwd = cwd
        self._python = python
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: provider_pb2_grpc.ResourceProviderStub | None = None
        self._owner = True

    @classmethod
    def for_spec(cls, spec: str, config: Mapping[str, Any] | None = None, **kwargs: Any) -> Self:
        """A server for the pulumi_emrflow resource whose spec is named ``spec``."""
        from pulumi_emrflow.specs import get_spec

        token = get_spec(spec).type_token
        return cls(serialized_provider(spec), config, type_token=token, **kwargs)

    def kind(self, spec: str) -> Self:
        """A handle on this same server process for another pulumi_emrflow resource kind.

        The engine runs one dynamic-provider process for every dynamic resource of a stack; each
        request carries its own ``__provider`` (and its URN its own type token). The handle shares
        the process and connection (stopping it does nothing; stop the server that started it).
        """
        from pulumi_emrflow.specs import get_spec

        handle = copy.copy(self)
        handle.provider = serialized_provider(spec)
        handle.type_token = get_spec(spec).type_token
        handle._owner = False
        return handle

    # ---- process ---------------------------------------------------------------------------
    def start(self) -> Self:
        if not self._owner:
            raise RuntimeError("a kind() handle shares its server's process; start that server")
        env = dict(self._env) if self._env is not None else clean_environment()
        env["PULUMI_PROJECT"] = self.project
        env["PULUMI_CONFIG"] = json.dumps({k: str(v) for k, v in self.config.items()})
        try:
            with sigint_deferred():  # we stop it, not the terminal's Ctrl-C (interrupts.py)
                self._process = subprocess.Popen(
                    [self._python, "-u", "-m", "pulumi.dynamic", "127.0.0.1:0"],
                    stdout=subprocess.PIPE,
                    env=env,
                    cwd=self._cwd,
                )
            line = self._process.stdout.readline().decode().strip() if self._process.stdout else ""
            if not line.isdigit():
                raise RuntimeError(f"the provider server did not print its port (got {line!r})")
            self._channel = grpc.insecure_channel(f"127.0.0.1:{line}")
            self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)
            self.configure(self.config)
        except BaseException:  # Ctrl-C included: no `with` will stop it, so stop it here
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if not self._owner:
            return
        with sigint_deferred():  # a Ctrl-C now must not leave the child running
            try:
                if self._channel is not None:
                    self._channel.close()
                    self._channel = None
            finally:
                self._stop_process()

    def _stop_process(self) -> None:
        process = self._process
        if process is None:
            return
        try:
            process.terminate()
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        except KeyboardInterrupt:
            # Blocking SIGINT holds it back in this thread only: with other threads running, a
            # Ctrl-C can still surface here. Finish the stop, then let it go on.
            process.kill()
            process.wait()
            raise
        finally:
            if process.stdout is not None:
                process.stdout.close()
            self._process = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def stub(self) -> provider_pb2_grpc.ResourceProviderStub:
        if self._stub is None:
            raise RuntimeError("the provider server is not running; use it in a `with` block")
        return self._stub

    def _rpc(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.stub, method)(request, timeout=self.timeout)
        except grpc.RpcError as exc:
            raise ProviderCallError(method, exc.code(), exc.details() or "") from None

    def urn(self, name: str) -> str:
        return f"urn:pulumi:{self.stack}::{self.project}::{self.type_token}::{name}"

    def _with_provider(self, props: Mapping[str, Any]) -> dict[str, Any]:
        return {**props, PROVIDER_KEY: self.provider}

    # ---- single calls ----------------------------------------------------------------------
    def configure(self, config: Mapping[str, Any]) -> None:
        """Configure with the whole stack config (namespaced keys, secrets in plain text)."""
        self._rpc(
            "Configure",
            provider_pb2.ConfigureRequest(
                args=serialize(config),
                variables={k: str(v) for k, v in config.items()},
                acceptSecrets=True,
                acceptResources=True,
            ),
        )

    def check(self, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> CheckOutcome:
        """``news``: program inputs (``__provider`` is added); ``olds``: previous checked inputs."""
        response = self._rpc(
            "Check",
            provider_pb2.CheckRequest(
                urn=self.urn(name),
                olds=serialize(self._with_provider(olds) if olds else {}),
                news=serialize(self._with_provider(news)),
            ),
        )
        failures = [(f.property, f.reason) for f in response.failures]
        return CheckOutcome(without_provider(deserialize(response.inputs)), failures)

    def diff(
        self,
        name: str,
        id_: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        old_inputs: Mapping[str, Any] | None = None,
    ) -> DiffOutcome:
        response = self._rpc(
            "Diff",
            provider_pb2.DiffRequest(
                id=id_,
                urn=self.urn(name),
                olds=serialize(self._with_provider(olds)),
                news=serialize(self._with_provider(news)),
                old_inputs=serialize(self._with_provider(old_inputs or {})),
            ),
        )
        return DiffOutcome(
            response.changes, list(response.replaces), bool(response.deleteBeforeReplace)
        )

    def create(self, name: str, props: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        response = self._rpc(
            "Create",
            provider_pb2.CreateRequest(
                urn=self.urn(name), properties=serialize(self._with_provider(props))
            ),
        )
        return response.id, deserialize(response.properties)

    def update(
        self,
        name: str,
        id_: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        old_inputs: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        response = self._rpc(
            "Update",
            provider_pb2.UpdateRequest(
                id=id_,
                urn=self.urn(name),
                olds=serialize(self._with_provider(olds)),
                news=serialize(self._with_provider(news)),
                old_inputs=serialize(self._with_provider(old_inputs or {})),
            ),
        )
        return deserialize(response.properties)

    def read(
        self,
        name: str,
        id_: str,
        props: Mapping[str, Any] | None,
        inputs: Mapping[str, Any] | None = None,
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        """Refresh passes previous outputs as ``props``; a ``get`` passes only ``inputs``."""
        request = provider_pb2.ReadRequest(
            id=id_,
            urn=self.urn(name),
            properties=serialize(self._with_provider(props) if props else {}),
            inputs=serialize(self._with_provider(inputs or {})),
        )
        response = self._rpc("Read", request)
        new_inputs = deserialize(response.inputs) if response.HasField("inputs") else None
        return response.id, deserialize(response.properties), new_inputs

    def delete(self, name: str, id_: str, props: Mapping[str, Any]) -> None:
        self._rpc(
            "Delete",
            provider_pb2.DeleteRequest(
                id=id_,
                urn=self.urn(name),
                properties=serialize(self._with_provider(props)),
                old_inputs=serialize(self._with_provider(props)),
            ),
        )


def clean_environment() -> dict[str, str]:
    """This process's environment without the variables that hold credentials or an endpoint."""
    return {k: v for k, v in os.environ.items() if not k.startswith(_CREDENTIAL_ENV_PREFIXES)}
