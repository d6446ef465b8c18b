"""The EMR RPC client: builds and signs a Flow call, retries what is safe, reads the answer.

Requests go out as the official SDKs send them (emr-flow-api.md 1.2, 1.3): ``POST /`` with the
parameters placed per ``operations`` (query string, or form body for CreateFlowJob's long
fields), common parameters in the query, ``Format=JSON`` and a SignatureVersion 1.0 signature
over the union of query and body parameters. The sending itself (the pooled session, proxies,
what a failure with no answer means) is ``pulumi_emrflow.api.transport``'s.

Clients refuse pickling so that neither a socket nor a secret can travel into serialized state.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
import uuid
from collections.abc import Mapping
from typing import Any, NoReturn

from pulumi_emrflow.api import signing
from pulumi_emrflow.api.credential_sources import StaticSource
from pulumi_emrflow.api.credentials import (
    Credentials,
    CredentialSource,
    resolve_region,
    resolve_source,
)
from pulumi_emrflow.api.endpoints import (
    EXPLICIT_ORIGIN,
    host_for_region,
    locate_endpoint,
    normalize_endpoint,
    region_default_origin,
)
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
from pulumi_emrflow.api.transport import (
    DEFAULT_TIMEOUT,
    POOL_SIZE,
    Answer,
    HttpTransport,
    NoAnswer,
    Transport,
    shared_session,
)
from pulumi_emrflow.api.unreachable import ServiceUnreachableError

__all__ = ["DEFAULT_TIMEOUT", "POOL_SIZE", "EmrClient", "shared_session"]

log = logging.getLogger("pulumi_emrflow.api")

CONNECTION_FAILED = "ConnectionFailed"
"""ApiError code: no connection could be made (after the retries allowed)."""
NO_RESPONSE = "NoResponse"
"""ApiError code: an idempotent call got no answer (after the retries allowed)."""

# The STS token signed with has expired (a long run outlived it, or the clocks disagree): the
# request is sent once more with credentials fetched anew.
TOKEN_EXPIRED_CODES = frozenset({"InvalidSecurityToken.Expired"})


class EmrClient:
    """Calls EMR 2016-04-08 operations for one account and region.

    ``endpoint`` is a full URL or a bare host; by default the region table picks it (see
    ``pulumi_emrflow.api.endpoints``). ``timeout`` is (connect, read) seconds per request;
    ``retry`` bounds attempts and total time. ``transport`` replaces the network (an
    ``HttpTransport`` to ``endpoint`` with ``timeout`` by default), e.g. with a test double.
    ``endpoint_origin`` says where the endpoint came from, for the message of a failure to reach
    it (``from_config`` sets it). ``credentials`` are fixed keys or a ``CredentialSource`` asked
    before every request (a role's keys expire). Thread-safe: share one client between threads.
    """

    def __init__(
        self,
        credentials: Credentials | CredentialSource,
        region: str,
        *,
        endpoint: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: Transport | None = None,
        endpoint_origin: str | None = None,
    ) -> None:
        if not region:
            raise ValueError("region is required")
        if isinstance(credentials, Credentials):
            credentials = StaticSource(credentials)
        self._source: CredentialSource = credentials
        self._region = region
        self._endpoint = normalize_endpoint(endpoint or f"https://{host_for_region(region)}")
        self._endpoint_origin = endpoint_origin or (
            EXPLICIT_ORIGIN if endpoint else region_default_origin(region)
        )
        self._retry = retry or DEFAULT_RETRY_POLICY
        self._transport = transport or HttpTransport(self._endpoint, timeout)

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
        Credentials come from ``resolve_source`` (static keys, profile, ECS role, credentials
        URI, assumed roles). Raises CredentialsError when none is configured."""
        credentials = resolve_source(
            config,
            env,
            access_key_id=access_key_id,
            access_key_secret=access_key_secret,
            security_token=security_token,
        )
        resolved_region = resolve_region(config, env, region=region)
        url, origin = locate_endpoint(resolved_region, explicit=endpoint, config=config, env=env)
        return cls(
            credentials,
            resolved_region,
            endpoint=url,
            timeout=timeout,
            retry=retry,
            endpoint_origin=origin,
        )

    @property
    def region(self) -> str:
        return self._region

    @property
    def endpoint(self) -> str:
        return self._endpoint

    @property
    def access_key_id(self) -> str:
        """The access key ID requests are signed with now (fetched first if it must be)."""
        return self._source.current().access_key_id

    @property
    def credentials_origin(self) -> str:
        """Where the credentials come from, in words (config keys or variables; no secret)."""
        return self._source.origin

    def __repr__(self) -> str:
        return (
            f"EmrClient(region={self._region!r}, endpoint={self._endpoint!r}, "
            f"credentials={self._source!r})"
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
        took effect; CredentialsError when no credentials could be fetched.
        """
        op = operation(action)
        query, body = build_request(action, params)
        policy = self._retry
        if deadline is not None and deadline < policy.deadline:
            policy = dataclasses.replace(policy, deadline=max(deadline, 0.001))
        started = policy.clock()
        attempt = 0
        renewed = False
        while True:
            attempt += 1
            try:
                return self._attempt(op, query, body, attempt)
            except _Failed as failed:
                error, kind = failed.error, failed.kind
                if error.code in TOKEN_EXPIRED_CODES and not renewed:
                    renewed = True
                    stale = self._source.current()
                    # Fixed keys come back the same: sending them again would only fail again.
                    if self._source.refresh() != stale:
                        log.debug("EMR %s: the STS token expired; sending with new keys", action)
                        continue
                delay = policy.next_delay(attempt, kind, started, failed.retry_after)
            if delay is None:
                raise _with_attempts(error, attempt)
            # INFO: one line per retry, which the provider server shows under the CLI.
            log.info(
                "%s: %s (%s) on attempt %d; retrying in %.1fs",
                action,
                error.code,
                kind.value,
                attempt,
                delay,
            )
            policy.sleep(delay)

    def _attempt(
        self, op: Operation, query: dict[str, str], body: dict[str, str], attempt: int
    ) -> dict[str, Any]:
        """One request: the answer, or _Failed saying what went wrong and how to retry."""
        credentials = self._source.current()
        try:
            answer = self._send(op.action, query, body, credentials)
        except NoAnswer as lost:
            reason = credentials.redact(lost.reason)
            log.debug("EMR %s attempt %d: no answer (%s)", op.action, attempt, reason)
            if lost.sent and not op.idempotent:
                raise OutcomeUnknownError(op.action, reason) from None
            code = NO_RESPONSE if lost.sent else CONNECTION_FAILED
            kind = Failure.FATAL
            if lost.retryable:
                kind = Failure.LOST if lost.sent else Failure.NOT_SENT
            unreachable = ServiceUnreachableError(
                op.action,
                code,
                reason,
                endpoint=self._endpoint,
                origin=self._endpoint_origin,
                cause=lost.cause,
            )
            raise _Failed(unreachable, kind) from None
        headers = answer.headers
        log.debug(
            "EMR %s attempt %d: HTTP %d RequestId %s",
            op.action,
            attempt,
            answer.status,
            headers.get("x-acs-request-id", "-"),
        )
        try:
            return parse_response(
                op.action,
                answer.status,
                headers,
                answer.content,
                redact=credentials.redact,
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

    def _send(
        self, action: str, query: dict[str, str], body: dict[str, str], credentials: Credentials
    ) -> Answer:
        """Sign the request and hand it to the transport."""
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

        payload = "&".join(body_pairs.values()).encode() if body_pairs else b""
        headers = {
            "Accept": "application/json",
            "x-acs-action": action,
            "x-acs-version": API_VERSION,
        }
        if payload:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
        return self._transport.send("&".join(query_pairs.values()), headers, payload)


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
    if isinstance(error, ServiceUnreachableError):
        return error.with_attempts(attempts)
    return ApiError(
        error.action,
        error.code,
        error.message,
        request_id=error.request_id,
        http_status=error.http_status,
        host_id=error.host_id,
        attempts=attempts,
    )
