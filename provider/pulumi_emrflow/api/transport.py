"""Sending a signed request and bringing back the answer: the HTTP side of the client.

Every ``HttpTransport`` in a process shares one pooled ``requests.Session``, made on first use
(never at import) and made again in a forked child. A failure that brought no HTTP answer is
raised as ``NoAnswer``, which says whether the request may have reached the server and whether
asking again can help; the client decides what that means for the call. Anything with a ``send``
of the same shape (``Transport``) can stand in for the network, e.g. in a test.
"""

from __future__ import annotations

import http.cookiejar
import logging
import os
import platform
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import requests
import requests.adapters
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
)

from pulumi_emrflow._version import __version__
from pulumi_emrflow.api.errors import EmrError
from pulumi_emrflow.api.unreachable import Cause

__all__ = [
    "DEFAULT_TIMEOUT",
    "POOL_SIZE",
    "Answer",
    "HttpTransport",
    "NoAnswer",
    "Transport",
    "describe_network_error",
    "network_failure",
    "shared_session",
]

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""(connect, read) seconds."""
POOL_SIZE = 32
"""Connections kept per host: the provider server makes at most 4 calls at once (its 4 worker
threads, as the README says), tests up to 16; the rest is headroom."""

USER_AGENT = (
    f"pulumi-emrflow/{__version__} python-requests/{requests.__version__} "
    f"Python/{platform.python_version()}"
)


@dataclass(frozen=True, slots=True)
class Answer:
    """What came back over HTTP, whatever its status."""

    status: int
    headers: Mapping[str, str]
    """Looked up without regard to case."""
    content: bytes


class NoAnswer(EmrError):
    """No HTTP answer came back. ``sent``: the request may have reached the server;
    ``retryable``: asking again can help; ``reason``: what happened, never quoting the request;
    ``cause``: the kind of failure, for advice."""

    def __init__(self, sent: bool, retryable: bool, reason: str, cause: Cause = "other") -> None:
        super().__init__(reason)
        self.sent = sent
        self.retryable = retryable
        self.reason = reason
        self.cause: Cause = cause


class Transport(Protocol):
    """Sends one RPC request (``POST /?<query>`` with ``body`` as a form body) and returns the
    answer; raises ``NoAnswer`` when none came back."""

    def send(self, query: str, headers: Mapping[str, str], body: bytes) -> Answer: ...


_session_lock = threading.Lock()
_session: requests.Session | None = None
_session_pid = 0


def _forget_session_after_fork() -> None:
    global _session, _session_lock
    _session = None
    _session_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_session_after_fork)


def shared_session() -> requests.Session:
    """This process's pooled session, created on first use (and again after a fork)."""
    global _session, _session_pid
    pid = os.getpid()
    session = _session
    if session is not None and _session_pid == pid:
        return session
    with _session_lock:
        if _session is None or _session_pid != pid:
            _session = _new_session()
            _session_pid = pid
        return _session


class _HideQueryStrings(logging.Filter):
    """urllib3 logs every request line at DEBUG, query string included: that is the STS token
    and, for calls that send everything in the query (ModifyFlowJob), custom variables that
    may be passwords. Keep the line, drop everything after the ``?``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(
            isinstance(arg, str) and "?" in arg for arg in record.args
        ):
            record.args = tuple(
                arg.split("?", 1)[0] + "?..." if isinstance(arg, str) and "?" in arg else arg
                for arg in record.args
            )
        return True


_QUERY_FILTER = _HideQueryStrings()


def _new_session() -> requests.Session:
    # Installed with the first session rather than at import, so importing stays side-effect
    # free; adding the same filter object twice is a no-op.
    logging.getLogger("urllib3.connectionpool").addFilter(_QUERY_FILTER)
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(
        pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=0
    )
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    # Nothing in this API uses cookies; keeping none avoids cross-thread jar traffic.
    session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return session


class HttpTransport:
    """Sends to ``endpoint`` (``scheme://host[:port]``) through the shared session, with
    ``timeout`` = (connect, read) seconds per request. Thread-safe."""

    def __init__(self, endpoint: str, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self._cached: tuple[int, requests.adapters.BaseAdapter, dict[str, Any]] | None = None

    def __repr__(self) -> str:
        return f"HttpTransport({self.endpoint!r}, timeout={self.timeout!r})"

    def send(self, query: str, headers: Mapping[str, str], body: bytes) -> Answer:
        adapter, settings = self._adapter_for_process()
        request = requests.PreparedRequest()
        request.method = "POST"
        request.url = f"{self.endpoint}/?{query}"
        request.headers = CaseInsensitiveDict(
            {"User-Agent": USER_AGENT, **headers, "Content-Length": str(len(body))}
        )
        request.body = body or None
        try:
            response = adapter.send(request, timeout=self.timeout, **settings)
            # Reading the body now returns the connection to the pool; a cut-short body
            # fails here, as a failure with no answer.
            content = response.content
        except requests.RequestException as exc:
            raise network_failure(exc) from None
        return Answer(response.status_code, response.headers, content)

    def _adapter_for_process(self) -> tuple[requests.adapters.BaseAdapter, dict[str, Any]]:
        """The shared session's adapter for our endpoint, with proxy and CA settings from the
        environment, looked up once per process rather than on every call. Sending through the
        adapter skips the session's per-call cookie, hook and environment work, which this API
        does not need."""
        pid = os.getpid()
        cached = self._cached
        if cached is None or cached[0] != pid:
            session = shared_session()
            merged = session.merge_environment_settings(self.endpoint, {}, None, None, None)
            settings: dict[str, Any] = {"proxies": merged["proxies"], "verify": merged["verify"]}
            if merged["cert"] is not None:
                settings["cert"] = merged["cert"]
            cached = (pid, session.get_adapter(self.endpoint), settings)
            self._cached = cached
        return cached[1], cached[2]


def network_failure(exc: requests.RequestException) -> NoAnswer:
    """What a failure with no HTTP answer means: may the request have been sent, is it worth
    retrying, why (``cause``), and a short reason.

    The reason is built from exception types and OS error texts, never from ``str(exc)``:
    urllib3 messages quote the request URL, whose query carries the signature and any STS token.
    """
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return NoAnswer(False, True, "connect timed out", "connect-timeout")
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return NoAnswer(True, True, "read timed out", "read-timeout")
    if isinstance(exc, requests.exceptions.SSLError):
        return NoAnswer(False, False, "TLS handshake failed", "tls")
    if isinstance(exc, requests.exceptions.ConnectionError):
        inner: object = exc.args[0] if exc.args else None
        if isinstance(inner, MaxRetryError):
            inner = inner.reason
        if isinstance(inner, NewConnectionError | ConnectTimeoutError):
            root = inner.__context__ or inner.__cause__
            errno_text = getattr(root, "strerror", None) or type(root or inner).__name__
            if isinstance(root, socket.gaierror) or type(inner).__name__ == "NameResolutionError":
                return NoAnswer(False, True, f"host name not found ({errno_text})", "dns")
            if isinstance(root, ConnectionRefusedError):
                return NoAnswer(False, True, "connection refused", "refused")
            # NewConnectionError subclasses ConnectTimeoutError in urllib3 2: test the root.
            if not isinstance(inner, NewConnectionError) or isinstance(root, TimeoutError):
                return NoAnswer(False, True, "connect timed out", "connect-timeout")
            return NoAnswer(False, True, f"could not connect ({errno_text})")
        if isinstance(inner, ProtocolError):
            root = inner.args[1] if len(inner.args) > 1 else inner
            return NoAnswer(True, True, f"connection dropped ({type(root).__name__})", "dropped")
        return NoAnswer(True, True, f"connection error ({type(inner or exc).__name__})")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return NoAnswer(True, True, "answer cut short", "dropped")
    return NoAnswer(True, False, f"request failed ({type(exc).__name__})")


def describe_network_error(exc: requests.RequestException) -> tuple[bool, bool, str]:
    """``network_failure`` as (request possibly sent, worth retrying, reason)."""
    failure = network_failure(exc)
    return failure.sent, failure.retryable, failure.reason
