"""The EMR RPC client: builds, signs and sends a Flow call, retries what is safe, reads the answer.

Requests go out as the official SDKs send them (emr-flow-api.md 1.2, 1.3): ``POST /`` with the
parameters placed per ``operations`` (query string, or form body for CreateFlowJob's long
fields), common parameters in the query, ``Format=JSON`` and a SignatureVersion 1.0 signature
over the union of query and body parameters.

Every client in a process shares one pooled ``requests.Session``, made on first use (never at
import) and made again in a forked child; clients refuse pickling so that neither a socket nor a
secret can travel into serialized state.
"""

from __future__ import annotations

import dataclasses
import functools
import http.cookiejar
import logging
import os
import platform
import threading
import time
import uuid
from collections.abc import Mapping
from typing import Any, NoReturn

import requests
import requests.adapters
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
)

from pulumi_emrflow.api import signing
from pulumi_emrflow.api.credentials import Credentials, resolve_credentials, resolve_region
from pulumi_emrflow.api.endpoints import host_for_region, normalize_endpoint, resolve_endpoint
from pulumi_emrflow.api.errors import ApiError, OutcomeUnknownError
from pulumi_emrflow.api.operations import API_VERSION, Operation, build_request, operation
from pulumi_emrflow.api.responses import parse_response
from pulumi_emrflow.api.retry import (
    DEFAULT_RETRY_POLICY,
    Failure,
    RetryPolicy,
    classify,
    retry_after_seconds,
)

__all__ = ["DEFAULT_TIMEOUT", "POOL_SIZE", "EmrClient", "shared_session"]

log = logging.getLogger("pulumi_emrflow.api")

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""(connect, read) seconds."""
POOL_SIZE = 32
"""Connections kept per host; the provider runs up to 8 calls at once, tests up to 16."""

CONNECTION_FAILED = "ConnectionFailed"
"""ApiError code: no connection could be made (after the retries allowed)."""
NO_RESPONSE = "NoResponse"
"""ApiError code: an idempotent call got no answer (after the retries allowed)."""

_USER_AGENT = (
    f"pulumi-emrflow/0.1.0 python-requests/{requests.__version__} "
    f"Python/{platform.python_version()}"
)

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


class EmrClient:
    """Calls EMR 2016-04-08 operations for one account and region.

    ``endpoint`` is a full URL or a bare host; by default the region table picks it (see
    ``pulumi_emrflow.api.endpoints``). ``timeout`` is (connect, read) seconds per request;
    ``retry`` bounds attempts and total time. Thread-safe: share one client between threads.
    """

    def __init__(
        self,
        credentials: Credentials,
        region: str,
        *,
        endpoint: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
    ) -> None:
        if not region:
            raise ValueError("region is required")
        self._credentials = credentials
        self._region = region
        self._endpoint = normalize_endpoint(endpoint or f"https://{host_for_region(region)}")
        self._timeout = timeout
        self._retry = retry or DEFAULT_RETRY_POLICY
        self._transport: tuple[int, requests.adapters.BaseAdapter, dict[str, Any]] | None = None

    @classmethod
    def from_config(
        cls,
        config: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        *,
        access_key_id: str | None = None,
        access_key_secret: str | None = None,
        security_token: str | None = None,
        region: str | None = None,
        endpoint: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
    ) -> EmrClient:
        """A client from explicit arguments, then stack config (``alicloud:*``,
        ``emrflow:endpoint``, ``alicloud:endpoints``), then ``env`` (default ``os.environ``).
        Raises CredentialsError when no key pair is found."""
        credentials = resolve_credentials(
            config,
            env,
            access_key_id=access_key_id,
            access_key_secret=access_key_secret,
            security_token=security_token,
        )
        resolved_region = resolve_region(config, env, region=region)
        url = resolve_endpoint(resolved_region, explicit=endpoint, config=config, env=env)
        return cls(credentials, resolved_region, endpoint=url, timeout=timeout, retry=retry)

    @property
    def region(self) -> str:
        return self._region

    @property
    def endpoint(self) -> str:
        return self._endpoint

    @property
    def access_key_id(self) -> str:
        return self._credentials.access_key_id

    def __repr__(self) -> str:
        return (
            f"EmrClient(region={self._region!r}, endpoint={self._endpoint!r}, "
            f"access_key_id={self._credentials.access_key_id!r})"
        )

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError(
            "EmrClient cannot be pickled (it holds credentials and a connection pool); "
            "create it where it is used, e.g. with EmrClient.from_config()"
        )

    def call(
        self, action: str, params: Mapping[str, Any], *, deadline: float | None = None
    ) -> dict[str, Any]:
        """Send ``action`` with ``params`` (API parameter names to values, see ``operations``)
        and return the decoded JSON answer. ``deadline`` (seconds) shortens the retry policy's
        for this call.

        Raises InvalidRequestError before sending for unknown actions/parameters or bad values;
        ApiError when the service refuses (after retrying throttling and transient errors);
        OutcomeUnknownError when a non-idempotent call was sent and no answer says whether it
        took effect.
        """
        op = operation(action)
        query, body = build_request(action, params)
        policy = self._retry
        if deadline is not None and deadline < policy.deadline:
            policy = dataclasses.replace(policy, deadline=max(deadline, 0.001))
        started = policy.clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(op, query, body, attempt)
            except _Failed as failed:
                error, kind = failed.error, failed.kind
                delay = policy.next_delay(attempt, kind, started, failed.retry_after)
            if delay is None:
                raise _with_attempts(error, attempt)
            log.debug(
                "EMR %s attempt %d failed (%s, %s); retrying in %.3fs",
                action,
                attempt,
                error.code,
                kind.value,
                delay,
            )
            policy.sleep(delay)

    def _attempt(
        self, op: Operation, query: dict[str, str], body: dict[str, str], attempt: int
    ) -> dict[str, Any]:
        """One request: the answer, or _Failed saying what went wrong and how to retry."""
        try:
            response = self._send(op.action, query, body)
        except requests.RequestException as exc:
            sent, retryable, reason = _describe_network_error(exc)
            reason = self._credentials.redact(reason)
            log.debug("EMR %s attempt %d: no answer (%s)", op.action, attempt, reason)
            if sent and not op.idempotent:
                raise OutcomeUnknownError(op.action, reason) from None
            code = NO_RESPONSE if sent else CONNECTION_FAILED
            kind = (Failure.LOST if sent else Failure.NOT_SENT) if retryable else Failure.FATAL
            raise _Failed(ApiError(op.action, code, reason), kind) from None
        headers = response.headers
        log.debug(
            "EMR %s attempt %d: HTTP %d RequestId %s",
            op.action,
            attempt,
            response.status_code,
            headers.get("x-acs-request-id", "-"),
        )
        try:
            return parse_response(
                op.action,
                response.status_code,
                headers,
                response.content,
                redact=self._credentials.redact,
            )
        except ApiError as error:
            kind = classify(error.code, error.http_status)
            if not op.idempotent and kind is Failure.TRANSIENT:
                # A server error on a call that changes state may come after the change was
                # made (a 500 from the backend, a 502/503/504 from a gateway): repeating the
                # call blindly could make a second object, so the caller must look first.
                raise OutcomeUnknownError(
                    op.action, f"HTTP {error.http_status} {error.code}"
                ) from None
            raise _Failed(error, kind, retry_after_seconds(headers)) from None

    def _send(self, action: str, query: dict[str, str], body: dict[str, str]) -> requests.Response:
        credentials = self._credentials
        params = {
            "Action": action,
            "Version": API_VERSION,
            "Format": "JSON",
            "AccessKeyId": credentials.access_key_id,
            "SignatureMethod": signing.SIGNATURE_METHOD,
            "SignatureVersion": signing.SIGNATURE_VERSION,
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": _timestamp(),
            "RegionId": self._region,
        }
        if credentials.security_token:
            params["SecurityToken"] = credentials.security_token
        params.update(query)
        # Each name=value pair is encoded once, for both the string to sign (the union of query
        # and body, sorted by name) and the wire.
        pe = _percent_encode
        query_pairs = {name: f"{pe(name)}={pe(value)}" for name, value in params.items()}
        body_pairs = {name: f"{pe(name)}={pe(value)}" for name, value in body.items()}
        signed = {**query_pairs, **body_pairs}
        signed.pop("Signature", None)
        canonical = "&".join([signed[name] for name in sorted(signed)])
        # The string to sign and the signature differ on every call: not worth caching.
        to_sign = signing.string_to_sign_for("POST", canonical)
        digest = signing.sign_string(to_sign, credentials.access_key_secret)
        query_pairs["Signature"] = f"Signature={signing.percent_encode(digest)}"

        request = requests.PreparedRequest()
        request.method = "POST"
        request.url = f"{self._endpoint}/?{'&'.join(query_pairs.values())}"
        payload = "&".join(body_pairs.values()).encode() if body_pairs else b""
        headers = {
            "User-Agent": _USER_AGENT,
            "Accept": "application/json",
            "x-acs-action": action,
            "x-acs-version": API_VERSION,
            "Content-Length": str(len(payload)),
        }
        if payload:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
        request.headers = CaseInsensitiveDict(headers)
        request.body = payload or None
        adapter, settings = self._transport_for_process()
        response = adapter.send(request, timeout=self._timeout, **settings)
        response.content  # noqa: B018 -- read the body now, which returns the connection to the pool
        return response

    def _transport_for_process(self) -> tuple[requests.adapters.BaseAdapter, dict[str, Any]]:
        """The shared session's adapter for our endpoint, with proxy and CA settings from the
        environment, looked up once per process rather than on every call. Sending through the
        adapter skips the session's per-call cookie, hook and environment work, which this API
        does not need."""
        pid = os.getpid()
        cached = self._transport
        if cached is None or cached[0] != pid:
            session = shared_session()
            merged = session.merge_environment_settings(self._endpoint, {}, None, None, None)
            settings: dict[str, Any] = {"proxies": merged["proxies"], "verify": merged["verify"]}
            if merged["cert"] is not None:
                settings["cert"] = merged["cert"]
            cached = (pid, session.get_adapter(self._endpoint), settings)
            self._transport = cached
        return cached[1], cached[2]


class _Failed(Exception):
    """One attempt failed: the error to report if it was the last, and how to retry."""

    def __init__(self, error: ApiError, kind: Failure, retry_after: float | None = None) -> None:
        super().__init__(error.code)
        self.error = error
        self.kind = kind
        self.retry_after = retry_after


# Names and most values repeat from call to call; caching their encoding is a measurable win.
_percent_encode = functools.lru_cache(maxsize=4096)(signing.percent_encode)

_stamp_second = -1
_stamp_text = ""


def _timestamp() -> str:
    """The current UTC time as the API wants it, formatted at most once a second."""
    global _stamp_second, _stamp_text
    now = int(time.time())
    if now != _stamp_second:
        _stamp_text = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        _stamp_second = now
    return _stamp_text


def _with_attempts(error: ApiError, attempts: int) -> ApiError:
    if error.attempts == attempts:
        return error
    return ApiError(
        error.action,
        error.code,
        error.message,
        request_id=error.request_id,
        http_status=error.http_status,
        host_id=error.host_id,
        attempts=attempts,
    )


def _describe_network_error(exc: requests.RequestException) -> tuple[bool, bool, str]:
    """(request possibly sent, worth retrying, reason) for a failure with no HTTP answer.

    The reason is built from exception types, never from ``str(exc)``: urllib3 messages quote
    the request URL, whose query carries the signature and any STS token.
    """
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return False, True, "connect timed out"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return True, True, "read timed out"
    if isinstance(exc, requests.exceptions.SSLError):
        return False, False, "TLS handshake failed"
    if isinstance(exc, requests.exceptions.ConnectionError):
        inner: object = exc.args[0] if exc.args else None
        if isinstance(inner, MaxRetryError):
            inner = inner.reason
        if isinstance(inner, NewConnectionError | ConnectTimeoutError):
            root = inner.__context__ or inner.__cause__
            errno_text = getattr(root, "strerror", None) or type(root or inner).__name__
            return False, True, f"could not connect ({errno_text})"
        if isinstance(inner, ProtocolError):
            root = inner.args[1] if len(inner.args) > 1 else inner
            return True, True, f"connection dropped ({type(root).__name__})"
        return True, True, f"connection error ({type(inner or exc).__name__})"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return True, True, "answer cut short"
    return True, False, f"request failed ({type(exc).__name__})"
