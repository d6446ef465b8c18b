"""The errors of the wire layer: one base type, with codes as values rather than text to parse."""

from __future__ import annotations

THROTTLING_CODES = frozenset({"Throttling", "Throttling.User", "Throttling.Api"})
TRANSIENT_CODES = frozenset({"ServiceUnavailable", "InternalError", "UnknownError"})
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})

FLOW_API_FAILED = "FLOW_API_FAILED"
"""The one code of every Flow business error; the message is its only discriminator."""


class EmrError(Exception):
    """Base of every error raised by the API layer."""


class CredentialsError(EmrError):
    """No usable credentials were found; the message lists every key and variable looked at."""


class ConfigurationError(EmrError, ValueError):
    """A configuration value (endpoint override, ``alicloud:endpoints``, region) is malformed."""


class InvalidRequestError(EmrError, ValueError):
    """The caller's parameters cannot be turned into a request (unknown action or parameter, a
    value of the wrong type). Raised before anything is sent; the message names the parameter."""


class ApiError(EmrError):
    """The service answered with an error.

    ``code``, ``message``, ``request_id`` and ``http_status`` are as the service sent them;
    ``action`` is the operation called and ``attempts`` how many requests were made.
    """

    def __init__(
        self,
        action: str,
        code: str,
        message: str,
        *,
        request_id: str = "",
        http_status: int = 0,
        host_id: str = "",
        attempts: int = 1,
    ) -> None:
        self.action = action
        self.code = code
        self.message = message
        self.request_id = request_id
        self.http_status = http_status
        self.host_id = host_id
        self.attempts = attempts
        super().__init__(self._one_line())

    def _one_line(self) -> str:
        text = f"{self.action} failed: {self.code}: {self.message}"
        details = [f"HTTP {self.http_status}"] if self.http_status else []
        if self.request_id:
            details.append(f"RequestId {self.request_id}")
        if self.attempts > 1:
            details.append(f"after {self.attempts} attempts")
        return f"{text} ({', '.join(details)})" if details else text

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields do not survive the default Exception pickling.
        return (
            _rebuild_api_error,
            (
                self.action,
                self.code,
                self.message,
                self.request_id,
                self.http_status,
                self.host_id,
                self.attempts,
            ),
        )

    @property
    def is_throttling(self) -> bool:
        return self.code in THROTTLING_CODES

    @property
    def is_transient(self) -> bool:
        return self.code in TRANSIENT_CODES or self.http_status in TRANSIENT_STATUSES

    @property
    def is_not_found(self) -> bool:
        """True when the service says an object the call names does not exist (the documented
        texts are ``<Object> does not exist [<id>]`` and ``project not exist``, emr-flow-api.md
        1.6). Which objects a resource counts as gone is its spec's to say (``reports``)."""
        return self.code == FLOW_API_FAILED and " not exist" in self.message

    def reports(self, *starts: str) -> bool:
        """True for a Flow business error whose message starts with one of ``starts``."""
        starts = tuple(s for s in starts if s)
        return self.code == FLOW_API_FAILED and bool(starts) and self.message.startswith(starts)


def _rebuild_api_error(
    action: str,
    code: str,
    message: str,
    request_id: str,
    http_status: int,
    host_id: str,
    attempts: int,
) -> ApiError:
    return ApiError(
        action,
        code,
        message,
        request_id=request_id,
        http_status=http_status,
        host_id=host_id,
        attempts=attempts,
    )


class OutcomeUnknownError(EmrError):
    """A request that changes state was sent and no answer says whether it took effect (the
    connection dropped, the read timed out, a server error came back). It was not retried
    blindly, so the caller must look before trying again."""

    def __init__(self, action: str, reason: str) -> None:
        self.action = action
        self.reason = reason
        super().__init__(
            f"{action}: the request was sent and no answer says whether it took effect ({reason})"
        )
