"""Where a client gets the key it signs each request with: fixed keys, or keys that expire.

``StaticSource`` holds a key pair found in config or the environment. ``RefreshingSource`` asks
an ``alibabacloud-credentials`` provider (profile, ECS RAM role, credentials URI, AssumeRole,
AssumeRoleWithOIDC) and keeps its answer until shortly before it expires: asking costs one clock
read per request, and a token is never used past its expiry. ``refresh()`` drops the kept answer,
for the request the service refused because its token had expired.

The library is heavy to import (about 190 ms: aiohttp, APScheduler), so it is imported only by
the first source that needs it (``credential_library``), never for static keys.

Nothing here shows a secret: errors are one line built from what failed and where, the library's
own messages are reduced to the service's code and message (its texts can quote a request URL
with the OIDC token or the server's string to sign with the source STS token), and its logger,
which prints those texts to stderr, is silenced.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, NoReturn, Protocol

from pulumi_emrflow.api.errors import CredentialsError
from pulumi_emrflow.api.signing import percent_encode

# Keep a fetched token until this share of its life is left, but never more than 15 minutes
# before its expiry (the library's own margin for one-hour tokens).
_KEEP_MARGIN_SHARE = 0.2
_KEEP_MARGIN_MAX = 15 * 60.0
# Keys given without an expiry (a profile: the library drops the expiry of what its inner
# provider fetched, which that provider keeps until 15 minutes before it ends) are kept this
# long; STS tokens live 15 minutes at least, and an expired one is retried once anyway.
_KEEP_WITHOUT_EXPIRY = 60.0
_MAX_DETAIL = 300
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


class CredentialSource(Protocol):
    """What ``EmrClient`` signs with. ``origin`` names the config keys or variables it came from
    (for messages; never a secret)."""

    @property
    def origin(self) -> str: ...

    def current(self) -> Credentials:
        """The credentials to sign the next request with."""
        ...

    def refresh(self) -> Credentials:
        """Credentials fetched anew: the service said the current token has expired."""
        ...


class StaticSource:
    """A key pair (and maybe an STS token) that does not change during the run."""

    def __init__(self, credentials: Credentials, origin: str = "the credentials argument") -> None:
        self._credentials = credentials
        self._origin = origin

    @property
    def origin(self) -> str:
        return self._origin

    def current(self) -> Credentials:
        return self._credentials

    def refresh(self) -> Credentials:
        return self._credentials

    def __repr__(self) -> str:
        return f"StaticSource({self._credentials!r})"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("credential sources cannot be pickled (they hold a secret)")


class RefreshingSource:
    """Credentials from an ``alibabacloud-credentials`` provider, kept until near expiry.

    ``build`` makes the library provider on first use (so that a bad configuration fails on the
    first request, with this source's ``origin`` in the message); ``advice`` ends such a message
    (what to check); ``secrets`` are values known before fetching (a source key) that must never
    appear in a message.
    ``clock`` is injectable for tests. Thread-safe.
    """

    def __init__(
        self,
        build: Callable[[], Any],
        origin: str,
        *,
        advice: str = "",
        secrets: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._build = build
        self._origin = origin
        self._advice = f"; {advice}" if advice else ""
        self._secrets = tuple(s for s in secrets if s)
        self._clock = clock
        self._provider: Any = None
        # The kept keys and until when, in one attribute so that a reader never pairs the keys
        # of one fetch with the deadline of another.
        self._kept: tuple[Credentials, float] | None = None
        self._lock = threading.Lock()

    @property
    def origin(self) -> str:
        return self._origin

    def current(self) -> Credentials:
        kept = self._kept
        if kept is not None and self._clock() < kept[1]:
            return kept[0]
        with self._lock:
            kept = self._kept
            if kept is not None and self._clock() < kept[1]:
                return kept[0]
            return self._fetch()

    def refresh(self) -> Credentials:
        with self._lock:
            self._kept = None
            return self._fetch()

    def _fetch(self) -> Credentials:
        try:
            if self._provider is None:
                self._provider = self._build()
            answer = self._provider.get_credentials()
        except CredentialsError:
            raise
        except Exception as exc:
            detail = _redact(describe_failure(exc), self._secrets)
            raise CredentialsError(f"{self._origin}: {detail}{self._advice}") from None
        fetched = self._clock()
        credentials = Credentials(
            answer.get_access_key_id(),
            answer.get_access_key_secret(),
            answer.get_security_token(),
        )
        expiration = answer.get_expiration()
        if expiration:
            margin = min(_KEEP_MARGIN_MAX, max(0.0, expiration - fetched) * _KEEP_MARGIN_SHARE)
            self._kept = (credentials, expiration - margin)
        else:
            self._kept = (credentials, fetched + _KEEP_WITHOUT_EXPIRY)
        return credentials

    def __repr__(self) -> str:
        return f"RefreshingSource(origin={self._origin!r})"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("credential sources cannot be pickled (they hold a secret)")


def describe_failure(exc: BaseException) -> str:
    """What went wrong, from a library exception, without the text that could quote a secret."""
    if isinstance(exc, FileNotFoundError):
        return f"the file {exc.filename} does not exist"
    if isinstance(exc, OSError) and exc.filename:
        return f"cannot read {exc.filename} ({exc.strerror})"
    name = type(exc).__name__
    if name == "RetryError":  # Tea's wrapper of a network failure; its text holds the URL
        return "could not reach the credentials service (connection failed or timed out)"
    text = str(exc)
    if name == "CredentialException":
        head, sep, body = text.partition("result: ")
        if sep:
            return _service_error(head, body)
        return _short(text)
    if isinstance(exc, ValueError):
        return _short(text)
    return f"{name} while fetching credentials"


def _service_error(head: str, body: str) -> str:
    """The code and message of a credentials service's error answer (never the whole body)."""
    status = ""
    if "http_code" in head:
        status = " HTTP " + head.rsplit("http_code", 1)[1].strip(" :=,")
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if isinstance(answer, dict) and answer.get("Code"):
        message = str(answer.get("Message") or "")
        # The gateway's signature message goes on with its string to sign (the request's
        # parameters, a token among them): keep only the sentence before it.
        message = message.split(" server string to sign is", 1)[0]
        return f"the service answered{status} {answer['Code']}: {_short(message)}"
    return f"the service answered{status} without credentials (its answer is not shown)"


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _MAX_DETAIL else line[: _MAX_DETAIL - 3] + "..."


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


_library_lock = threading.Lock()
_library_loaded = False


def credential_library() -> Any:
    """The ``alibabacloud_credentials.provider`` module, imported on first use."""
    global _library_loaded
    with _library_lock:
        from alibabacloud_credentials import provider

        if not _library_loaded:
            # The library logs each refresh failure, with the service's whole answer, to its own
            # stderr handler; its HTTP layer logs request URLs (with an OIDC token) under
            # DEBUG=sdk. Either can quote a secret, so both loggers are turned off.
            for name in ("credentials", "alibabacloud-tea"):
                logging.getLogger(name).setLevel(logging.CRITICAL + 1)
            _library_loaded = True
    return provider
