"""Building API clients from the stack config the engine hands to ``configure``.

Nothing is built until the first call that needs the service (check and diff never do), and the
client module (and ``requests``) is imported only then, so loading a provider stays cheap.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pulumi_emrflow.providers.errors import ProviderError

if TYPE_CHECKING:
    from pulumi_emrflow.api.client import EmrClient


class ConfigView(Mapping[str, Any]):
    """The whole stack config as a read-only mapping of namespaced keys (``alicloud:region``).

    ``pulumi.dynamic.Config`` only offers ``get``; the client resolves keys through ``get`` too.
    """

    def __init__(self, config: Any) -> None:
        self._config = config

    def __getitem__(self, key: str) -> Any:
        value = self._config.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        raw = getattr(self._config, "_props", None)
        return iter(dict(raw) if isinstance(raw, Mapping) else {})

    def __len__(self) -> int:
        return sum(1 for _ in self)


class ClientCache:
    """One client per region, made on first use from the config and the environment.

    The config is what ``configure`` received: on ``destroy`` and ``refresh`` that is the config
    recorded in state, so the environment (``ALICLOUD_*``, ``EMRFLOW_ENDPOINT``) is the fallback.
    """

    def __init__(self) -> None:
        self._config: Mapping[str, Any] | None = None
        self._clients: dict[str, EmrClient] = {}
        self._lock = threading.Lock()

    def configure(self, config: Mapping[str, Any] | None) -> None:
        with self._lock:
            self._config = config
            self._clients.clear()

    def setting(self, key: str, env: str) -> str | None:
        """A provider setting: stack config ``key`` (``emrflow:...``), else variable ``env``."""
        value = self._config.get(key) if self._config is not None else None
        if value is None:
            value = os.environ.get(env)
        return None if value is None else str(value)

    def client(self, region: str | None = None) -> EmrClient:
        key = region or ""
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._build(region)
                self._clients[key] = client
        return client

    def _build(self, region: str | None) -> EmrClient:
        from pulumi_emrflow.api.client import EmrClient
        from pulumi_emrflow.api.errors import EmrError
        from pulumi_emrflow.providers.diagnostics import route_to_pulumi_log

        route_to_pulumi_log()  # retries are shown under the CLI: a long up never looks hung
        try:
            client = EmrClient.from_config(self._config, os.environ, region=region or None)
            # Fetch the first credentials now (a profile, a role, a URI), so that a bad
            # configuration is reported here, as configuration, by every lifecycle step.
            client.access_key_id  # noqa: B018
        except EmrError as exc:
            raise ProviderError(
                "Cannot reach Alibaba Cloud EMR: no usable credentials, region or endpoint. Set "
                "`pulumi config set alicloud:accessKey ...`, `pulumi config set --secret "
                "alicloud:secretKey ...` and `alicloud:region` (or ALICLOUD_ACCESS_KEY, "
                "ALICLOUD_SECRET_KEY, ALICLOUD_REGION), or another way pulumi-alicloud "
                f"authenticates (alicloud:profile, alicloud:assumeRole, ...). Details: {exc}"
            ) from None
        return client
