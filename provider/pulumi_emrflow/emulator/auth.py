"""Verification of signed requests: RPC signature 1.0 (emr-flow-api.md 1.3, 2.1 and 2.4) and
the V3 signature ACS3-HMAC-SHA256 (2.5, signature_v3.py) that the Tea SDK uses by default.

V1 checks run in this order, each with its gateway code: signature parameters present
(``MissingParameter``), ``SignatureMethod`` (``InvalidSignatureMethod``), ``SignatureVersion``
(``IncompleteSignature``), ``Timestamp`` or ``TimeStamp`` syntax (``InvalidTimeStamp.Format``) and
skew of at most 15 minutes (``InvalidTimeStamp.Expired``), the AccessKeyId
(``InvalidAccessKeyId.NotFound``, HTTP 404), the STS token (``InvalidSecurityToken.
MismatchWithAccessKey``), the signature (``SignatureDoesNotMatch``, with the server's
StringToSign in the message exactly as the SDKs expect), and last the nonce
(``SignatureNonceUsed``), so a request with a bad signature does not use up its nonce.

V3 runs the same checks with the same codes and messages, on its own carriers: a malformed
``Authorization`` header is ``IncompleteSignature``, an algorithm other than ACS3-HMAC-SHA256
``InvalidSignatureMethod``, a missing ``x-acs-signature-nonce`` or ``x-acs-date`` header
``MissingParameter`` naming it, a required header left out of ``SignedHeaders``
``IncompleteSignature``; ``x-acs-date`` has the Timestamp's form and window, the STS token comes
in ``x-acs-security-token``, and the mismatch message carries the server's canonical request
(what the gateway prints as its string to sign for V3).

A key pair may be bound to an STS token: requests with that key must carry exactly that token,
and requests with a key that has no token must carry none. A temporary key (sts.py) also has an
expiry, after which it is refused with ``InvalidSecurityToken.Expired``. Each key belongs to an
account (``KeyPair.account_id``); keys of one account see the same resources.
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

from . import signature_v3
from .defaults import DEFAULT_ACCOUNT_ID
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
    """An access key the emulator accepts; ``security_token`` set means an STS credential.

    ``account_id`` is the account whose resources the key reaches; ``expires_at`` (seconds since
    the epoch) is when a temporary key stops working.
    """

    access_key_id: str
    access_key_secret: str
    security_token: str | None = None
    account_id: str = DEFAULT_ACCOUNT_ID
    expires_at: float | None = None


def _error(code: str, message: str, status: int = 400) -> EmulatorError:
    return EmulatorError(code, message, status)


def _incomplete_signature() -> EmulatorError:
    return _error(
        "IncompleteSignature", "The request signature does not conform to Aliyun standards."
    )


def _bad_method() -> EmulatorError:
    return _error("InvalidSignatureMethod", "Specified signature method is not supported.")


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
    """Known keys plus the nonce cache; thread-safe. ``expired_refusals`` counts requests
    refused because their temporary key had expired."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._keys: dict[str, KeyPair] = {}
        self._nonces: OrderedDict[tuple[str, str], float] = OrderedDict()
        self.expired_refusals = 0

    def add_key(self, key: KeyPair) -> None:
        with self._lock:
            self._keys[key.access_key_id] = key

    def now(self) -> float:
        """The emulator's clock (injectable), which expiries are measured on."""
        return self._clock()

    def reset_nonces(self) -> None:
        with self._lock:
            self._nonces.clear()

    def verify(self, method: str, signed: Mapping[str, str]) -> KeyPair:
        """The key that signed ``signed`` (the query plus form parameters), or an error."""
        for name in _SIGNATURE_PARAMS:
            if not signed.get(name):
                raise missing_parameter(name)
        if signed["SignatureMethod"] != signing.SIGNATURE_METHOD:
            raise _bad_method()
        if signed["SignatureVersion"] != signing.SIGNATURE_VERSION:
            raise _incomplete_signature()
        nonce = signed.get("SignatureNonce") or ""
        if not nonce:
            raise missing_parameter("SignatureNonce")
        stamp = signed.get("Timestamp") or signed.get("TimeStamp")
        if not stamp:
            raise missing_parameter("Timestamp")
        self._check_time(stamp)
        key = self._key(signed["AccessKeyId"], signed.get("SecurityToken"))
        expected = signing.string_to_sign(method, signed)
        computed = signing.sign_string(expected, key.access_key_secret)
        if not signing.signatures_match(computed, signed["Signature"]):
            raise _error("SignatureDoesNotMatch", SIGNATURE_MISMATCH_PREFIX + expected)
        self._use_nonce(key.access_key_id, nonce)
        return key

    def verify_v3(
        self,
        method: str,
        path: str,
        query: Mapping[str, str],
        headers: Mapping[str, str],
        body: bytes,
    ) -> KeyPair:
        """The key that signed a V3 request; ``headers`` must have lower-case names."""
        authorization = signature_v3.parse_authorization(headers.get("authorization", ""))
        if authorization is None:
            raise _incomplete_signature()
        if authorization.algorithm != signature_v3.ALGORITHM:
            raise _bad_method()
        nonce = headers.get("x-acs-signature-nonce") or ""
        if not nonce:
            raise missing_parameter("x-acs-signature-nonce")
        stamp = headers.get("x-acs-date") or ""
        if not stamp:
            raise missing_parameter("x-acs-date")
        if not set(authorization.signed_headers) >= signature_v3.REQUIRED_SIGNED_HEADERS:
            raise _incomplete_signature()
        self._check_time(stamp)
        key = self._key(authorization.access_key_id, headers.get("x-acs-security-token"))
        canonical = signature_v3.canonical_request(
            method, path, query, headers, authorization.signed_headers, body
        )
        computed = signature_v3.sign(signature_v3.string_to_sign(canonical), key.access_key_secret)
        if not signing.signatures_match(computed, authorization.signature.lower()):
            raise _error("SignatureDoesNotMatch", SIGNATURE_MISMATCH_PREFIX + canonical)
        self._use_nonce(key.access_key_id, nonce)
        return key

    def _check_time(self, stamp: str) -> None:
        if abs(self._clock() - parse_timestamp(stamp)) > SKEW_SECONDS:
            raise _error(
                "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."
            )

    def _key(self, access_key_id: str, security_token: str | None) -> KeyPair:
        with self._lock:
            key = self._keys.get(access_key_id)
        if key is None:
            raise _error("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)
        if (security_token or None) != key.security_token:
            raise _error(
                "InvalidSecurityToken.MismatchWithAccessKey",
                "Specified SecurityToken mismatch with the AccessKey.",
            )
        if key.expires_at is not None and self._clock() >= key.expires_at:
            with self._lock:
                self.expired_refusals += 1
            raise _error("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
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
