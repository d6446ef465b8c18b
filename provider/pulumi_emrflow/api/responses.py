"""Reading an answer: a JSON object on success, or an ApiError (emr-flow-api.md 1.5, 1.6).

Two error shapes exist: the gateway's (``Code``/``Message``/``RequestId``/``HostId``) and the
Flow business error (``code``/``message``/``requestId``, ``successResponse: false``), which may
even arrive with HTTP 200. A body that is not JSON (an HTML 502 page from a load balancer) becomes
code ``HttpError`` with a short excerpt; a 2xx body that is not a JSON object becomes
``InvalidResponse``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from pulumi_emrflow.api.errors import ApiError

HTTP_ERROR = "HttpError"
INVALID_RESPONSE = "InvalidResponse"
REQUEST_ID_HEADER = "x-acs-request-id"
_EXCERPT = 160


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def excerpt(content: bytes, limit: int = _EXCERPT) -> str:
    """The start of a body as one line, for error messages."""
    text = " ".join(content.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_response(
    action: str,
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    redact: Callable[[str], str] = lambda text: text,
) -> dict[str, Any]:
    """The decoded body of a successful answer; raises ApiError (attempts=1) otherwise.

    ``redact`` scrubs secrets from any text copied into the error (a SignatureDoesNotMatch
    message echoes the server's string-to-sign, which contains the STS token).
    """
    header_request_id = headers.get(REQUEST_ID_HEADER, "")
    try:
        body = json.loads(content) if content else None
    except ValueError:
        body = None
        if 200 <= status < 300:
            raise ApiError(
                action,
                INVALID_RESPONSE,
                redact(f"the answer is not JSON: {excerpt(content)}"),
                request_id=header_request_id,
                http_status=status,
            ) from None
    if 200 <= status < 300:
        if not isinstance(body, dict):
            raise ApiError(
                action,
                INVALID_RESPONSE,
                redact(f"the answer is not a JSON object: {excerpt(content)}"),
                request_id=header_request_id,
                http_status=status,
            )
        if body.get("successResponse") is not False:
            return body
    if not isinstance(body, dict):
        detail = excerpt(content) if content else "an empty body"
        raise ApiError(
            action,
            HTTP_ERROR,
            redact(f"HTTP {status} with a non-JSON body: {detail}"),
            request_id=header_request_id,
            http_status=status,
        )
    code = _text(body.get("Code") or body.get("code")) or HTTP_ERROR
    message = _text(body.get("Message") or body.get("message")) or f"HTTP {status}"
    request_id = _text(body.get("RequestId") or body.get("requestId")) or header_request_id
    raise ApiError(
        action,
        code,
        redact(" ".join(message.split())),
        request_id=request_id,
        http_status=status,
        host_id=_text(body.get("HostId")),
    )
