"""A local emulator of the Alibaba Cloud EMR Flow API (2016-04-08), in the spirit of moto.

It speaks the real wire (RPC style, signature 1.0 and the V3 signature ACS3-HMAC-SHA256, JSON or
XML answers, the gateway's and the Flow service's error shapes), keeps state in SQLite per
(account, region) as moto does (the account from the AccessKeyId, the region from ``RegionId``),
and can inject throttling, 5xx errors, latency and dropped connections. Its rules come from the
API reference, not from this project's resource specs, so that the official SDK can check both
independently.

Use it in-process::

    with Emulator() as emu:
        client = EmrClient.from_config(env=emu.env())

in a process of its own (``EmulatorProcess``, for benchmarks and demos), or as a server:
``python -m pulumi_emrflow.emulator --port 8080`` (see ``--help``).

The default key pair (``DEFAULT_ACCESS_KEY_ID`` / ``DEFAULT_ACCESS_KEY_SECRET``) is public and
only meant for local use; it belongs to ``DEFAULT_ACCOUNT_ID``. The module does not import pulumi.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from .admin import Admin
from .auth import Authenticator, KeyPair
from .backend import Backends, EmrFlowBackend
from .credentials_uri import CREDENTIALS_PATH, CredentialsUri
from .defaults import (
    DEFAULT_ACCESS_KEY_ID,
    DEFAULT_ACCESS_KEY_SECRET,
    DEFAULT_ACCOUNT_ID,
    DEFAULT_CLUSTER_ID,
    DEFAULT_REGION,
    client_env,
)
from .ecs_metadata import DEFAULT_ROLE_NAME, EcsMetadata
from .exceptions import EmulatorError
from .faults import FaultConfig, Faults
from .process import EmulatorProcess
from .protocol import Protocol
from .regions import KNOWN_REGIONS
from .server import EmulatorHTTPServer
from .store import Store, StoreError
from .sts import StsService

__all__ = [
    "DEFAULT_ACCESS_KEY_ID",
    "DEFAULT_ACCESS_KEY_SECRET",
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_CLUSTER_ID",
    "DEFAULT_REGION",
    "KNOWN_REGIONS",
    "Backends",
    "EmrFlowBackend",
    "Emulator",
    "EmulatorError",
    "EmulatorProcess",
    "FaultConfig",
    "StoreError",
    "StsService",
    "client_env",
]


def _seeded_cluster(text: str, region: str) -> tuple[str, str]:
    """``C-ID`` (in ``region``) or ``REGION:C-ID`` as (region, cluster id)."""
    where, _, cluster_id = text.rpartition(":")
    return where or region, cluster_id


class Emulator:
    """The emulator as an object: a store, a backend, and an HTTP server on a daemon thread.

    ``port=0`` picks a free port (read it back from ``endpoint``); ``db`` is a SQLite file whose
    data survives restarts (in memory when ``None``; a file from v0.1.0 is upgraded, see
    store.py); ``clusters`` are extra cluster ids known besides ``DEFAULT_CLUSTER_ID``, each
    ``C-ID`` (seeded in ``region``) or ``REGION:C-ID``; ``seed`` makes random faults
    reproducible. The key pair belongs to ``account_id``; ``region`` is where the clusters are
    seeded, what ``env()`` points clients at, and the scope of ``backend``. Other accounts and
    regions: ``add_key(..., account_id=...)`` and ``backends[account_id, region_id]``.
    ``file_nodes`` lists each job as a FILE node of its folder in ListFlowCategory and
    DescribeFlowCategory, as the service's models suggest it does (see categories.py).
    ``sts_expiry_seconds`` cuts the life of the temporary keys STS, the ECS metadata stand-in
    and the credentials-URI stand-in hand out (``sts``; by default as long as asked); the ECS
    stand-in's instance has the role ``ecs_role_name`` (see ecs_metadata.py).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        db: str | Path | None = None,
        access_key_id: str = DEFAULT_ACCESS_KEY_ID,
        access_key_secret: str = DEFAULT_ACCESS_KEY_SECRET,
        clusters: Iterable[str] = (),
        seed: int | None = None,
        *,
        region: str = DEFAULT_REGION,
        account_id: str = DEFAULT_ACCOUNT_ID,
        file_nodes: bool = True,
        sts_expiry_seconds: float | None = None,
        ecs_role_name: str = DEFAULT_ROLE_NAME,
    ) -> None:
        self.host = host
        self.port = port
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.region = region
        self.account_id = account_id
        seeded = [_seeded_cluster(text, region) for text in (DEFAULT_CLUSTER_ID, *clusters)]
        self.store = Store(db)
        self.backends = Backends(self.store, file_nodes=file_nodes)
        try:
            self.backend = self.backends[account_id, region]
            for cluster_region, cluster_id in seeded:
                self.backends[account_id, cluster_region].add_cluster(cluster_id, seeded=True)
        except EmulatorError:
            self.store.close()
            raise
        self.auth = Authenticator()
        self.auth.add_key(KeyPair(access_key_id, access_key_secret, account_id=account_id))
        self.faults = Faults(seed=seed)
        self.sts = StsService(self.auth, expiry_seconds=sts_expiry_seconds)
        self.ecs_metadata = EcsMetadata(self.sts, account_id, ecs_role_name)
        self._credentials_uri = CredentialsUri(self.sts, account_id)
        self.protocol = Protocol(self.backends, self.auth, self.faults, self.sts)
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def endpoint(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321``; the port is known once started."""
        return f"http://{self.host}:{self.port}"

    @property
    def credentials_uri(self) -> str:
        """The URL of the credentials-URI stand-in (for ``alicloud:credentialsUri``)."""
        return f"{self.endpoint}{CREDENTIALS_PATH}"

    def start(self) -> Emulator:
        """Bind and serve on a daemon thread; returns self."""
        if self._server is not None:
            return self
        admin = Admin(self.faults, self.reset)
        self._server = EmulatorHTTPServer(
            (self.host, self.port),
            self.protocol,
            admin,
            ecs_metadata=self.ecs_metadata,
            credentials_uri=self._credentials_uri,
        )
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"emrflow-emulator:{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close open connections and the store. Idempotent."""
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = self._thread = None
        self.store.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def add_key(
        self,
        access_key_id: str,
        access_key_secret: str,
        security_token: str | None = None,
        *,
        account_id: str | None = None,
    ) -> None:
        """Accept another key pair; with ``security_token`` requests must carry that token.

        The key reaches the resources of ``account_id``, by default the emulator's account (so a
        second key, or an STS credential, sees what the first one created).
        """
        account = account_id or self.account_id
        self.auth.add_key(KeyPair(access_key_id, access_key_secret, security_token, account))

    def set_faults(self, **partial: Any) -> FaultConfig:
        """Change fault settings (see faults.py); raises ValueError for a bad name or value."""
        return self.faults.update(**partial)

    def counters(self) -> dict[str, Any]:
        """``{"requests": {action: n}, "throttled": n, "errors": n, "dropped": n}``."""
        return self.faults.counters()

    def reset(self) -> None:
        """Forget resources (seeded clusters stay), faults, counters and used nonces."""
        self.backend.reset()
        self.faults.reset()
        self.auth.reset_nonces()

    def env(self) -> dict[str, str]:
        """Environment variables that point the project's client at this emulator."""
        return client_env(self.endpoint, self.access_key_id, self.access_key_secret, self.region)
