"""When no service answered: where the request went, why nothing came back, and what to do.

A refused connection, a name that does not resolve, a failed TLS handshake and a timeout each
have their own fix, and none of them is "fix the value the service names". The endpoint's origin
(an argument, ``emrflow:endpoint``, ``EMRFLOW_ENDPOINT``, ``alicloud:endpoints`` or the region's
default) says which setting to look at.
"""

from __future__ import annotations

from typing import Literal

from pulumi_emrflow.api.errors import ApiError

__all__ = ["Cause", "ServiceUnreachableError", "advice_for"]

Cause = Literal["refused", "dns", "tls", "connect-timeout", "read-timeout", "dropped", "other"]
"""Why no answer came back."""

REGION_DEFAULT_PREFIX = "the default for region"
"""How an endpoint origin starts when no override was set (see ``endpoints.locate_endpoint``)."""


def advice_for(cause: Cause, origin: str) -> str:
    """What to do about a failure of kind ``cause`` on an endpoint that came from ``origin``."""
    if origin.startswith(REGION_DEFAULT_PREFIX):
        setting = "check the region (alicloud:region, ALICLOUD_REGION) or set emrflow:endpoint"
    else:
        setting = f"check {origin}"
    if cause == "refused":
        return (
            f"nothing accepts connections at that host and port; {setting}, or start the "
            "service it points to (the emulator: python -m pulumi_emrflow.emulator)"
        )
    if cause == "dns":
        return f"the host name does not resolve; {setting}, then the DNS or proxy settings"
    if cause == "tls":
        return (
            f"a local emulator speaks http://, not https:// ({setting}); for the real service, "
            "check the proxy and CA settings (HTTPS_PROXY, REQUESTS_CA_BUNDLE)"
        )
    if cause == "connect-timeout":
        return f"no connection was made in time; {setting}, then the network, firewall or proxy"
    if cause == "read-timeout":
        return "the service took the request but did not answer in time; run the command again"
    if cause == "dropped":
        return (
            "the connection closed before an answer came; run the command again (a proxy or "
            "load balancer may be closing connections)"
        )
    return f"check the network; {setting}"


class ServiceUnreachableError(ApiError):
    """No service answered (code ``ConnectionFailed`` or ``NoResponse``): the message names the
    endpoint and where it came from, ``cause`` says why, ``advice`` what to do."""

    def __init__(
        self,
        action: str,
        code: str,
        reason: str,
        *,
        endpoint: str,
        origin: str,
        cause: Cause,
        attempts: int = 1,
    ) -> None:
        self.reason = reason
        self.endpoint = endpoint
        self.origin = origin
        self.cause: Cause = cause
        self.advice = advice_for(cause, origin)
        message = f"{reason} at {endpoint} (endpoint from {origin})"
        super().__init__(action, code, message, attempts=attempts)

    def with_attempts(self, attempts: int) -> ServiceUnreachableError:
        return ServiceUnreachableError(
            self.action,
            self.code,
            self.reason,
            endpoint=self.endpoint,
            origin=self.origin,
            cause=self.cause,
            attempts=attempts,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (
                self.action,
                self.code,
                self.reason,
                self.endpoint,
                self.origin,
                self.cause,
                self.attempts,
            ),
        )


def _rebuild(
    action: str, code: str, reason: str, endpoint: str, origin: str, cause: Cause, attempts: int
) -> ServiceUnreachableError:
    return ServiceUnreachableError(
        action, code, reason, endpoint=endpoint, origin=origin, cause=cause, attempts=attempts
    )
