"""Verification of RPC signature 1.0 requests (emr-flow-api.md 1.3, 2.1 and 2.4).

Checks run in this order, each with its gateway code: signature parameters present
(``MissingParameter``), ``SignatureMethod`` (``InvalidSignatureMethod``), ``SignatureVersion``
(``IncompleteSignature``), ``Timestamp`` or ``TimeStamp`` syntax (``InvalidTimeStamp.Format``) and
skew of at most 15 minutes (``InvalidTimeStamp.Expired``), the AccessKeyId
(``InvalidAccessKeyId.NotFound``, HTTP 404), the STS token (``InvalidSecurityToken.
MismatchWithAccessKey``), the signature (``SignatureDoesNotMatch``, with the server's
StringToSign in the message exactly as the SDKs expect), and last the nonce
(``SignatureNonceUsed``), so a request with a bad signature does not use up its nonce.

A key pair may be bound to an STS token: requests with that key must carry exactly that
``SecurityToken``, and requests with a key that has no token must carry none.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pulumi_emrflow.api import signing

from .exceptions import EmulatorError, missing_parameter

SKEW_SECONDS = 15 * 60
# A replayed request is refused by its timestamp once the skew window has passed, so nonces are
# kept for twice the window (a timestamp may be up to one window in the future).
NONCE_TTL_SECONDS = 2 * SKEW_SECONDS
MAX_NONCES = 200_000
_SIGNATURE_PARAMS = ("AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion")
SIGNATURE_MISMATCH_PREFIX = (
    "Specified signature is not matched with our calculation. server string to sign is:"
)


@dataclass(frozen=True)
class KeyPair:
    """An access key the emulator accepts; ``security_token`` set means an STS credential."""

    access_key_id: str
    access_key_secret: str
    security_token: str | None = None


def _error(code: str, message: str, status: int = 400) -> EmulatorError:
    return EmulatorError(code, message, status)


@functools.lru_cache(maxsize=256)  # clients send the same second many times; errors aren't cached
def parse_timestamp(value: str) -> float:
    """Seconds since the epoch of a ``YYYY-MM-DDThh:mm:ssZ`` timestamp (no other form)."""
    try:
        parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise _error(
            "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."
        ) from None
    if len(value) != 20:  # strptime accepts unpadded fields such as 2024-1-1T0:0:0Z
        raise _error(
            "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."
        )
    return parsed.replace(tzinfo=UTC).timestamp()


class Authenticator:
    """Known keys plus the nonce cache; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._keys: dict[str, KeyPair] = {}
        self._nonces: OrderedDict[tuple[str, str], float] = OrderedDict()

    def add_key(self, key: KeyPair) -> None:
        with self._lock:
            self._keys[key.access_key_id] = key

    def reset_nonces(self) -> None:
        with self._lock:
            self._nonces.clear()

    def verify(self, method: str, signed: Mapping[str, str]) -> KeyPair:
        """The key that signed ``signed`` (the query plus form parameters), or an error."""
        for name in _SIGNATURE_PARAMS:
            if not signed.get(name):
                raise missing_parameter(name)
        if signed["SignatureMethod"] != signing.SIGNATURE_METHOD:
            raise _error("InvalidSignatureMethod", "Specified signature method is not supported.")
        if signed["SignatureVersion"] != signing.SIGNATURE_VERSION:
            raise _error(
                "IncompleteSignature", "The request signature does not conform to Aliyun standards."
            )
        nonce = signed.get("SignatureNonce") or ""
        if not nonce:
            raise missing_parameter("SignatureNonce")
        self._check_time(signed)
        key = self._key(signed)
        expected = signing.string_to_sign(method, signed)
        computed = signing.sign_string(expected, key.access_key_secret)
        if not signing.signatures_match(computed, signed["Signature"]):
            raise _error("SignatureDoesNotMatch", SIGNATURE_MISMATCH_PREFIX + expected)
        self._use_nonce(key.access_key_id, nonce)
        return key

    def _check_time(self, signed: Mapping[str, str]) -> None:
        stamp = signed.get("Timestamp") or signed.get("TimeStamp")
        if not stamp:
            raise missing_parameter("Timestamp")
        if abs(self._clock() - parse_timestamp(stamp)) > SKEW_SECONDS:
            raise _error(
                "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."
            )

    def _key(self, signed: Mapping[str, str]) -> KeyPair:
        with self._lock:
            key = self._keys.get(signed["AccessKeyId"])
        if key is None:
            raise _error("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)
        if (signed.get("SecurityToken") or None) != key.security_token:
            raise _error(
                "InvalidSecurityToken.MismatchWithAccessKey",
                "Specified SecurityToken mismatch with the AccessKey.",
            )
        return key

    def _use_nonce(self, access_key_id: str, nonce: str) -> None:
        now = self._clock()
        entry = (access_key_id, nonce)
        with self._lock:
            while self._nonces and (
                next(iter(self._nonces.values())) < now or len(self._nonces) >= MAX_NONCES
            ):
                self._nonces.popitem(last=False)
            if entry in self._nonces:
                raise _error("SignatureNonceUsed", "Specified signature nonce was used already.")
            self._nonces[entry] = now + NONCE_TTL_SECONDS
