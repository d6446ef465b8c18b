"""STS (2015-04-01): ``AssumeRole`` and ``AssumeRoleWithOIDC``, and the temporary keys they hand
out, which the emulator then accepts with their ``SecurityToken`` until they expire.

``AssumeRole`` is signed like any RPC call (the caller's key, maybe itself temporary);
``AssumeRoleWithOIDC`` is not signed: the OIDC token is the proof. A temporary key belongs to the
account in the role's ARN (``acs:ram::<account>:role/<name>``), so it reaches that account's
resources. Its life is the ``DurationSeconds`` asked for (900 to 43200, default 3600), cut to
``expiry_seconds`` when that is set: tests set a few seconds to see tokens expire during a run.
``late_expiration_seconds`` makes the announced ``Expiration`` that much later than the moment
the key stops working, as a caller whose clock runs behind the service's sees it: its requests
then meet ``InvalidSecurityToken.Expired`` before it thinks the token is due.

The same issuer serves the ECS metadata and credentials-URI stand-ins (ecs_metadata.py,
credentials_uri.py). Codes chosen where the reference is silent: a malformed ARN is
``InvalidParameter.RoleArn`` / ``InvalidParameter.OIDCProviderArn``, a duration out of range
``InvalidParameter.DurationSeconds``, an OIDC token not in ``oidc_tokens`` (when that is set)
``InvalidParameter.OIDCToken``.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Mapping
from typing import Any

from .auth import Authenticator, KeyPair
from .exceptions import EmulatorError, missing_parameter

STS_VERSION = "2015-04-01"
STS_ACTIONS = frozenset({"AssumeRole", "AssumeRoleWithOIDC"})
STS_HOST_ID = "sts.aliyuncs.com"
DEFAULT_DURATION_SECONDS = 3600
DURATION_RANGE = (900, 43200)
_ROLE_ARN = re.compile(r"^acs:ram::(\d+):role/([\w.@+=,-]{1,64})$")
_OIDC_PROVIDER_ARN = re.compile(r"^acs:ram::(\d+):oidc-provider/[\w.-]{1,128}$")


def _bad(name: str) -> EmulatorError:
    return EmulatorError(f"InvalidParameter.{name}", f"The parameter {name} is wrongly formed.")


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class StsService:
    """Issues temporary keys into ``auth``; ``expiry_seconds``, ``late_expiration_seconds`` and
    ``oidc_tokens`` may be changed at any time. ``issued`` counts the keys handed out.
    Thread-safe."""

    def __init__(
        self,
        auth: Authenticator,
        *,
        expiry_seconds: float | None = None,
        oidc_tokens: frozenset[str] | None = None,
    ) -> None:
        self.auth = auth
        self.expiry_seconds = expiry_seconds
        self.oidc_tokens = oidc_tokens
        self.late_expiration_seconds = 0.0
        self._lock = threading.Lock()
        self.issued = 0

    def handle(
        self, action: str, params: Mapping[str, str], caller: KeyPair | None
    ) -> dict[str, Any]:
        """The answer body of ``action``; ``caller`` is the verified signer of AssumeRole."""
        if action == "AssumeRole" and caller is not None:
            return self.assume_role(params)
        if action == "AssumeRoleWithOIDC":
            return self.assume_role_with_oidc(params)
        raise EmulatorError("InvalidApi.NotFound", f"{action} needs a signed request.", 404)

    def assume_role(self, params: Mapping[str, str]) -> dict[str, Any]:
        account, role = self._role(params)
        session = _required(params, "RoleSessionName")
        duration = self._duration(params)
        return {
            "AssumedRoleUser": self._user(account, role, session),
            "Credentials": self.issue(account, duration),
        }

    def assume_role_with_oidc(self, params: Mapping[str, str]) -> dict[str, Any]:
        provider = _required(params, "OIDCProviderArn")
        if not _OIDC_PROVIDER_ARN.match(provider):
            raise _bad("OIDCProviderArn")
        token = _required(params, "OIDCToken")
        if self.oidc_tokens is not None and token not in self.oidc_tokens:
            raise EmulatorError("InvalidParameter.OIDCToken", "The OIDC token is invalid.")
        account, role = self._role(params)
        session = params.get("RoleSessionName") or "oidc-session"
        return {
            "AssumedRoleUser": self._user(account, role, session),
            "OIDCTokenInfo": {"Issuer": provider, "Subject": "emulator-subject"},
            "Credentials": self.issue(account, self._duration(params)),
        }

    def issue(self, account_id: str, duration: float = DEFAULT_DURATION_SECONDS) -> dict[str, str]:
        """A new temporary key of ``account_id``, accepted from now on, as STS renders it."""
        if self.expiry_seconds is not None:
            duration = min(duration, self.expiry_seconds)
        key = KeyPair(
            access_key_id="STS." + secrets.token_hex(14),
            access_key_secret=secrets.token_urlsafe(30),
            security_token="CAIS" + secrets.token_urlsafe(96),
            account_id=account_id,
            expires_at=self.auth.now() + duration,
        )
        self.auth.add_key(key)
        with self._lock:
            self.issued += 1
        assert key.security_token is not None and key.expires_at is not None
        return {
            "AccessKeyId": key.access_key_id,
            "AccessKeySecret": key.access_key_secret,
            "SecurityToken": key.security_token,
            "Expiration": _iso(key.expires_at + self.late_expiration_seconds),
        }

    def _role(self, params: Mapping[str, str]) -> tuple[str, str]:
        match = _ROLE_ARN.match(_required(params, "RoleArn"))
        if match is None:
            raise _bad("RoleArn")
        return match.group(1), match.group(2)

    def _duration(self, params: Mapping[str, str]) -> int:
        text = params.get("DurationSeconds") or str(DEFAULT_DURATION_SECONDS)
        low, high = DURATION_RANGE
        if not text.isdigit() or not low <= int(text) <= high:
            raise _bad("DurationSeconds")
        return int(text)

    @staticmethod
    def _user(account: str, role: str, session: str) -> dict[str, str]:
        return {
            "Arn": f"acs:ram::{account}:role/{role}/{session}",
            "AssumedRoleId": f"{secrets.randbelow(10**18):018d}:{session}",
        }


def _required(params: Mapping[str, str], name: str) -> str:
    value = params.get(name)
    if not value:
        raise missing_parameter(name)
    return value
