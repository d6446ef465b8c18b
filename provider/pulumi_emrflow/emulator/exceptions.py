"""Errors of the emulator, each carrying its wire code, message, HTTP status and body shape.

Two shapes exist on the wire (emr-flow-api.md 1.6):

- ``GATEWAY``: ``RequestId, HostId, Code, Message, Recommend``, used by the POP gateway for
  authentication, parameter and throttling errors.
- ``FLOW``: the business errors of the Flow service (code ``FLOW_API_FAILED``, HTTP 400). The docs
  show lower-case keys only, but the core Python SDK reads only ``Code``/``Message``, so the
  emulator sends both casings.

Codes chosen for cases the reference leaves open (documented here so tests and clients agree):

- unknown cluster (DescribeClusterV2, or a ``ClusterId`` reference): ``InvalidClusterId.NotFound``,
  HTTP 404, gateway shape, message ``Specified cluster does not exist [<id>].``
- malformed ``Signature`` or ``SignatureVersion`` other than ``1.0``: ``IncompleteSignature``.
- ``Version`` other than ``2016-04-08``: ``NoSuchVersion`` (HTTP 400).
- ``SecurityToken`` missing, wrong, or sent for a key that has none:
  ``InvalidSecurityToken.MismatchWithAccessKey``.
- a request body over the size cap: ``InvalidParameter.BodyTooLarge`` (HTTP 413).
- an HTTP method other than GET or POST: ``UnsupportedHTTPMethod``.
- an unknown ``RegionId``: ``InvalidRegionId``, HTTP 404 (regions.py); none: ``MissingParameter``.
"""

from __future__ import annotations

from enum import Enum

FLOW_API_FAILED = "FLOW_API_FAILED"
_MAX_ECHOED_VALUE = 64  # bad values are echoed in messages, but never at unbounded length


class Shape(Enum):
    """Which of the two wire error bodies an error is rendered with."""

    GATEWAY = "gateway"
    FLOW = "flow"


class EmulatorError(Exception):
    """An error answer: raised by the backend or the protocol, rendered only by the protocol."""

    def __init__(
        self, code: str, message: str, http_status: int = 400, shape: Shape = Shape.GATEWAY
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status
        self.shape = shape


class FlowApiFailed(EmulatorError):
    """A business error of the Flow service: code ``FLOW_API_FAILED``, HTTP 400, flow shape."""

    def __init__(self, message: str) -> None:
        super().__init__(FLOW_API_FAILED, message, 400, Shape.FLOW)


def echo(value: str) -> str:
    """A bad value as quoted in a message: shortened so a huge input gives a small answer."""
    if len(value) > _MAX_ECHOED_VALUE:
        return value[:_MAX_ECHOED_VALUE] + "..."
    return value


def missing_parameter(name: str) -> EmulatorError:
    return EmulatorError(
        "MissingParameter",
        f'The input parameter "{name}" that is mandatory for processing this request '
        "is not supplied.",
    )


def invalid_parameter(name: str, value: str, reason: str) -> EmulatorError:
    return EmulatorError(
        "InvalidParameter",
        f'The specified parameter "{name}" is not valid: value "{echo(value)}", {reason}.',
    )


def invalid_request(reason: str) -> EmulatorError:
    """The request as a whole cannot be read (bad encoding, binary body, too many fields)."""
    return EmulatorError("InvalidParameter", f"The request is malformed: {reason}.")


def cluster_not_found(cluster_id: str) -> EmulatorError:
    return EmulatorError(
        "InvalidClusterId.NotFound", f"Specified cluster does not exist [{cluster_id}].", 404
    )


def internal_error() -> EmulatorError:
    return EmulatorError(
        "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.",
        500,
    )


def service_unavailable() -> EmulatorError:
    return EmulatorError(
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.",
        503,
    )


def throttled() -> EmulatorError:
    return EmulatorError("Throttling.User", "Request was denied due to user flow control.", 400)


def body_too_large() -> EmulatorError:
    return EmulatorError("InvalidParameter.BodyTooLarge", "The request body is too large.", 413)
