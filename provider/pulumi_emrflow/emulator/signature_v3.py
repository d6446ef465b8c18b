"""The V3 signature, ACS3-HMAC-SHA256, as a server rebuilds it (emr-flow-api.md 2.5).

::

    CanonicalRequest = METHOD \\n path \\n canonical query \\n canonical headers \\n
                       signed header names (;-joined) \\n hex SHA-256 of the body
    StringToSign     = "ACS3-HMAC-SHA256\\n" + hex SHA-256 of CanonicalRequest
    Signature        = hex HMAC-SHA256(AccessKeySecret, StringToSign)   (no "&" appended)
    Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>

The server builds the canonical request only from what it received: the query as decoded, the
headers the client named in ``SignedHeaders`` (lower-cased, values trimmed) and the hash of the
body as received, so a body that does not match its ``x-acs-content-sha256`` ends in a
signature mismatch. Query names and values are encoded as for the V1 signature (RFC 3986
unreserved characters kept, everything else ``%XY``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pulumi_emrflow.api.signing import percent_encode

ALGORITHM = "ACS3-HMAC-SHA256"
# What a request must sign so that none of it can be replayed or redirected: where it goes, what
# it calls, when, its nonce and its body.
REQUIRED_SIGNED_HEADERS = frozenset(
    {
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
    }
)


@dataclass(frozen=True)
class Authorization:
    """The parts of an ``Authorization`` header."""

    algorithm: str
    access_key_id: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_authorization(value: str) -> Authorization | None:
    """The header's parts, or ``None`` when it is not ``ALG Credential=..,SignedHeaders=..,
    Signature=..`` with every part non-empty."""
    algorithm, _, rest = value.strip().partition(" ")
    parts: dict[str, str] = {}
    for item in rest.split(","):
        name, separator, part = item.strip().partition("=")
        if not separator:
            return None
        parts[name] = part
    credential = parts.get("Credential", "")
    signed = parts.get("SignedHeaders", "")
    signature = parts.get("Signature", "")
    if not (algorithm and credential and signed and signature):
        return None
    return Authorization(algorithm, credential, tuple(signed.split(";")), signature)


def canonical_query(query: Mapping[str, str]) -> str:
    return "&".join(
        f"{percent_encode(name)}={percent_encode(query[name])}" for name in sorted(query)
    )


def canonical_request(
    method: str,
    path: str,
    query: Mapping[str, str],
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    body: bytes,
) -> str:
    """The canonical request; ``headers`` must have lower-case names."""
    names = sorted({name.lower() for name in signed_headers})
    header_lines = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in names)
    payload_hash = hashlib.sha256(body).hexdigest()
    return "\n".join(
        (
            method.upper(),
            path or "/",
            canonical_query(query),
            header_lines,
            ";".join(names),
            payload_hash,
        )
    )


def string_to_sign(canonical: str) -> str:
    return f"{ALGORITHM}\n{hashlib.sha256(canonical.encode()).hexdigest()}"


def sign(text: str, access_key_secret: str) -> str:
    """Hex HMAC-SHA256 of ``text``, keyed by the secret as it is."""
    return hmac.new(access_key_secret.encode(), text.encode(), hashlib.sha256).hexdigest()
