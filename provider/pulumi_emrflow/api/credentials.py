"""Access keys and region, found the way pulumi-alicloud finds them.

Each value is resolved on its own, first match wins: the explicit argument, then the
pulumi-alicloud config key the provider hands in, then environment variables in the Terraform
provider's order (``alicloud/provider.go``):

- access key ID: ``alicloud:accessKey``; ``ALICLOUD_ACCESS_KEY``, ``ALIBABA_CLOUD_ACCESS_KEY_ID``,
  ``ALIBABACLOUD_ACCESS_KEY_ID``;
- access key secret: ``alicloud:secretKey``; ``ALICLOUD_SECRET_KEY``,
  ``ALIBABA_CLOUD_ACCESS_KEY_SECRET``, ``ALIBABACLOUD_ACCESS_KEY_SECRET``;
- STS token: ``alicloud:securityToken``; ``ALICLOUD_SECURITY_TOKEN``,
  ``ALIBABA_CLOUD_SECURITY_TOKEN``, ``ALIBABACLOUD_SECURITY_TOKEN``;
- region: ``alicloud:region``; ``ALICLOUD_REGION``, ``ALIBABA_CLOUD_REGION`` (the Terraform
  provider's second name), ``ALIBABA_CLOUD_REGION_ID``, ``ALIBABACLOUD_REGION_ID``.

With no region anywhere, ``cn-beijing`` is used, as the Terraform provider (and so
pulumi-alicloud) does (``DEFAULT_REGION``). Empty strings count as unset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, NoReturn

from pulumi_emrflow.api.errors import CredentialsError
from pulumi_emrflow.api.signing import percent_encode

DEFAULT_REGION = "cn-beijing"

ACCESS_KEY_ID_CONFIG = "alicloud:accessKey"
ACCESS_KEY_SECRET_CONFIG = "alicloud:secretKey"
SECURITY_TOKEN_CONFIG = "alicloud:securityToken"
REGION_CONFIG = "alicloud:region"

ACCESS_KEY_ID_ENV = (
    "ALICLOUD_ACCESS_KEY",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABACLOUD_ACCESS_KEY_ID",
)
ACCESS_KEY_SECRET_ENV = (
    "ALICLOUD_SECRET_KEY",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABACLOUD_ACCESS_KEY_SECRET",
)
SECURITY_TOKEN_ENV = (
    "ALICLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABACLOUD_SECURITY_TOKEN",
)
REGION_ENV = (
    "ALICLOUD_REGION",
    "ALIBABA_CLOUD_REGION",
    "ALIBABA_CLOUD_REGION_ID",
    "ALIBABACLOUD_REGION_ID",
)

_REDACTED = "***"


class Credentials:
    """An AccessKey pair, optionally with an STS token.

    The secret and the token never show in ``repr``/``str``, and the object refuses pickling so
    that it cannot end up in serialized Pulumi state.
    """

    __slots__ = ("access_key_id", "access_key_secret", "security_token")

    access_key_id: str
    access_key_secret: str
    security_token: str | None

    def __init__(
        self, access_key_id: str, access_key_secret: str, security_token: str | None = None
    ) -> None:
        object.__setattr__(self, "access_key_id", access_key_id)
        object.__setattr__(self, "access_key_secret", access_key_secret)
        object.__setattr__(self, "security_token", security_token or None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Credentials are immutable")

    def __repr__(self) -> str:
        token = _REDACTED if self.security_token else None
        return (
            f"Credentials(access_key_id={self.access_key_id!r}, "
            f"access_key_secret={_REDACTED!r}, security_token={token!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Credentials):
            return NotImplemented
        return (self.access_key_id, self.access_key_secret, self.security_token) == (
            other.access_key_id,
            other.access_key_secret,
            other.security_token,
        )

    def __hash__(self) -> int:
        return hash((self.access_key_id, self.access_key_secret, self.security_token))

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("Credentials cannot be pickled (they hold a secret)")

    def redact(self, text: str) -> str:
        """``text`` with the secret and the token (raw or percent-encoded once or twice, as they
        appear in a server's string-to-sign) replaced by ``***``."""
        for secret in (self.access_key_secret, self.security_token):
            if not secret:
                continue
            once = percent_encode(secret)
            for form in (percent_encode(once), once, secret):
                text = text.replace(form, _REDACTED)
        return text


def _lookup(
    explicit: str | None,
    config: Mapping[str, Any],
    key: str,
    env: Mapping[str, str],
    names: tuple[str, ...],
) -> str | None:
    for value in (explicit, config.get(key), *(env.get(name) for name in names)):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def resolve_credentials(
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    access_key_id: str | None = None,
    access_key_secret: str | None = None,
    security_token: str | None = None,
) -> Credentials:
    """Credentials from the arguments, the config keys, then ``env`` (default ``os.environ``).

    Raises CredentialsError, one line naming every argument, config key and variable looked at,
    when the key ID or the secret is missing.
    """
    config = config or {}
    env = os.environ if env is None else env
    key_id = _lookup(access_key_id, config, ACCESS_KEY_ID_CONFIG, env, ACCESS_KEY_ID_ENV)
    secret = _lookup(
        access_key_secret, config, ACCESS_KEY_SECRET_CONFIG, env, ACCESS_KEY_SECRET_ENV
    )
    token = _lookup(security_token, config, SECURITY_TOKEN_CONFIG, env, SECURITY_TOKEN_ENV)
    if key_id is None or secret is None:
        missing = " and ".join(
            what
            for what, value in (("access key ID", key_id), ("access key secret", secret))
            if value is None
        )
        raise CredentialsError(
            f"No Alibaba Cloud {missing} found; looked at "
            f"{_sources('access_key_id', ACCESS_KEY_ID_CONFIG, ACCESS_KEY_ID_ENV)} "
            f"and {_sources('access_key_secret', ACCESS_KEY_SECRET_CONFIG, ACCESS_KEY_SECRET_ENV)}"
            f" (an STS token, if any: "
            f"{_sources('security_token', SECURITY_TOKEN_CONFIG, SECURITY_TOKEN_ENV)})"
        )
    return Credentials(key_id, secret, token)


def _sources(argument: str, key: str, names: tuple[str, ...]) -> str:
    return f"argument {argument}, config {key}, env {', '.join(names)}"


def resolve_region(
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    region: str | None = None,
) -> str:
    """The region from the argument, ``alicloud:region``, the environment, else cn-beijing."""
    config = config or {}
    env = os.environ if env is None else env
    found = _lookup(region, config, REGION_CONFIG, env, REGION_ENV)
    return found or DEFAULT_REGION
