"""The wire protocol, independent of any transport: request in, ``Reply`` out.

``Protocol.handle`` parses the query string and the body (form-urlencoded, or leniently a flat
JSON object), merges them (the query wins on duplicates; within one source the first occurrence
wins), checks ``Format``, ``Action`` and ``Version``, verifies the signature (auth.py), checks
``RegionId`` (regions.py), applies faults (faults.py), calls the action's handler on the backend
of the caller's account and region, and renders the answer or the error. Only this module turns
an ``EmulatorError`` into an error body.

A request with an ``Authorization: ACS3-...`` header is a V3 request: its action and version
come from the ``x-acs-action`` / ``x-acs-version`` headers (the query's ``Action`` and
``Version``, if sent, win), its signature covers the query, the signed headers and the whole body,
and it is answered in JSON unless it asks for ``Format=XML`` (the Tea SDK reads JSON). Otherwise
it is a V1 request: the signature covers the query and form parameters, fields of a JSON body are
merged but not signed (the SDKs that send one sign only the query), and the default format is
XML.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .auth import Authenticator
from .backend import Backends, EmrFlowBackend
from .exceptions import (
    EmulatorError,
    Shape,
    body_too_large,
    internal_error,
    invalid_request,
    missing_parameter,
    service_unavailable,
    throttled,
)
from .faults import Fault, Faults
from .params import Params
from .regions import require_region
from .render import JSON_CONTENT_TYPE, XML_CONTENT_TYPE, to_json, to_xml
from .responses import ACTIONS
from .sts import STS_ACTIONS, STS_VERSION, StsService

log = logging.getLogger("pulumi_emrflow.emulator")

API_VERSION = "2016-04-08"
DEFAULT_HOST_ID = "emr.aliyuncs.com"
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_FIELDS = 2000
RECOMMEND = "https://next.api.aliyun.com/troubleshoot?q={code}&product=Emr"
BAD_GATEWAY_HTML = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class Reply:
    """An answer: status, headers and body, plus what the transport needs to log and act on.

    ``action`` is set only for a known action name (request values are never logged), and
    ``drop`` asks the transport to close the connection without sending anything.
    """

    status: int
    headers: dict[str, str]
    body: bytes
    action: str | None = None
    error_code: str | None = None
    drop: bool = False


@dataclass
class _Request:
    method: str
    host_id: str
    xml: bool = True
    signed: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    action: str | None = None
    v3: bool = False


def _text(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_request(f"the {what} is not valid UTF-8") from None


def _form(text: str, what: str) -> dict[str, str]:
    """Decoded ``name=value`` pairs; the first occurrence of a name wins.

    The same result as ``parse_qsl(text, keep_blank_values=True, errors="strict",
    max_num_fields=MAX_FIELDS)``, with pairs that hold no ``%`` or ``+`` taken as they are.
    """
    if text.count("&") >= MAX_FIELDS:
        raise invalid_request(f"the {what} has more than {MAX_FIELDS} fields")
    out: dict[str, str] = {}
    try:
        for pair in text.split("&"):
            if not pair:
                continue
            name, _, value = pair.partition("=")
            if "%" in pair or "+" in pair:
                name = unquote(name.replace("+", " "), errors="strict")
                value = unquote(value.replace("+", " "), errors="strict")
            if name not in out:
                out[name] = value
    except UnicodeDecodeError:
        raise invalid_request(f"the {what} has percent-encoded bytes that are not UTF-8") from None
    return out


def _json_scalar(value: Any) -> str | None:
    """A flat JSON value as the string the form encoding would have carried; None to skip."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        text = str(value)
        try:
            text.encode("utf-8")  # JSON escapes can spell lone surrogates
        except UnicodeEncodeError:
            raise invalid_request("the JSON body holds text that is not valid Unicode") from None
        return text
    return None  # nested values and null: ignored, since only a flat object is understood


def _json_body(raw: bytes) -> dict[str, str]:
    try:
        document = json.loads(_text(raw, "body"))
    except (ValueError, RecursionError):
        raise invalid_request("the body is not valid JSON") from None
    if not isinstance(document, dict):
        raise invalid_request("a JSON body must be an object")
    out: dict[str, str] = {}
    for name, value in document.items():
        text = _json_scalar(value)
        if text is not None:
            _json_scalar(name)
            out[name] = text
    return out


def _query_text(query_string: str) -> str:
    # http.server decodes the request line as Latin-1; recover the bytes to read them as UTF-8.
    try:
        raw = query_string.encode("latin-1")
    except UnicodeEncodeError:
        raw = query_string.encode("utf-8", errors="surrogateescape")
    return _text(raw, "query string")


def _format_is_xml(params: Mapping[str, str], default: bool = True) -> bool:
    value = params.get("Format")
    if value is None:
        return default
    if value.upper() == "XML":
        return True
    if value.upper() == "JSON":
        return False
    raise EmulatorError(
        "InvalidParameter.Format",
        'The specified parameter "Format" is not valid: expected JSON or XML.',
    )


def _route(params: Mapping[str, str]) -> str:
    action = params.get("Action")
    if not action:
        raise missing_parameter("Action")
    version = params.get("Version")
    if not version:
        raise missing_parameter("Version")
    if version != API_VERSION:
        raise EmulatorError("NoSuchVersion", "Specified parameter Version is not valid.")
    if action not in ACTIONS:
        raise _api_not_found()
    return action


def _api_not_found() -> EmulatorError:
    return EmulatorError(
        "InvalidApi.NotFound", "Specified api is not found, please check your url and method.", 404
    )


class Protocol:
    """Parse, verify, dispatch and render; one instance serves every request."""

    def __init__(
        self,
        backends: Backends,
        auth: Authenticator,
        faults: Faults,
        sts: StsService | None = None,
    ) -> None:
        self.backends = backends
        self.auth = auth
        self.faults = faults
        self.sts = sts

    def handle(
        self, method: str, path: str, query_string: str, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        """Answer one request. Never raises: unexpected failures become ``InternalError``."""
        lowered = {name.lower(): value for name, value in headers.items()}
        request = _Request(method.upper(), lowered.get("host") or DEFAULT_HOST_ID)
        request.v3 = lowered.get("authorization", "").startswith("ACS3-")
        try:
            return self._handle(request, path, query_string, lowered, body)
        except EmulatorError as error:
            return self._error(request, error)
        except Exception:
            log.exception("unexpected failure handling %s %s", request.method, request.action)
            return self._error(request, internal_error())

    def error_reply(self, error: EmulatorError, headers: Mapping[str, str]) -> Reply:
        """The error answer for a request the transport could not read (rendered as XML)."""
        host = {name.lower(): value for name, value in headers.items()}.get("host")
        return self._error(_Request("POST", host or DEFAULT_HOST_ID), error)

    def _handle(
        self,
        request: _Request,
        path: str,
        query_string: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> Reply:
        query = _form(_query_text(query_string), "query string")
        request.xml = _format_is_xml({"Format": "XML", **query}, default=not request.v3)
        content_type = headers.get("content-type", "")
        if request.method not in ("GET", "POST"):
            raise EmulatorError("UnsupportedHTTPMethod", "Specified HTTP method is not supported.")
        if len(body) > MAX_BODY_BYTES:
            raise body_too_large()
        form: dict[str, str] = {}
        extra: dict[str, str] = {}
        if body and ("json" in content_type.lower() or body.lstrip()[:1] == b"{"):
            extra = _json_body(body)
        elif body:
            form = _form(_text(body, "body"), "body")
        request.signed = {**form, **query}
        request.params = {**extra, **request.signed}
        if request.v3:
            carried = {
                "Action": headers.get("x-acs-action"),
                "Version": headers.get("x-acs-version"),
            }
            request.params = {k: v for k, v in carried.items() if v} | request.params
        request.xml = _format_is_xml(request.params, default=not request.v3)
        if self.sts is not None and request.params.get("Version") == STS_VERSION:
            return self._sts(request, path, query, headers, body)
        request.action = _route(request.params)
        if request.v3:
            key = self.auth.verify_v3(request.method, path, query, headers, body)
        else:
            key = self.auth.verify(request.method, request.signed)
        region_id = require_region(request.params.get("RegionId"))
        return self._dispatch(request, request.action, self.backends[key.account_id, region_id])

    def _sts(
        self,
        request: _Request,
        path: str,
        query: Mapping[str, str],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Reply:
        """An STS call: AssumeRole is signed, AssumeRoleWithOIDC is not (sts.py)."""
        assert self.sts is not None
        action = request.params.get("Action") or ""
        if not action:
            raise missing_parameter("Action")
        if action not in STS_ACTIONS:
            raise _api_not_found()
        request.action = action
        caller = None
        if action == "AssumeRole":
            if request.v3:
                caller = self.auth.verify_v3(request.method, path, query, headers, body)
            else:
                caller = self.auth.verify(request.method, request.signed)
        return self._success(request, action, self.sts.handle(action, request.params, caller))

    def _dispatch(self, request: _Request, action: str, backend: EmrFlowBackend) -> Reply:
        latency, fault = self.faults.begin(action)
        if latency:
            time.sleep(latency)
        if fault is not None:
            return self._fault(request, fault)
        try:
            reply = self._success(request, action, ACTIONS[action](backend, Params(request.params)))
        except EmulatorError as error:
            reply = self._error(request, error)
        if self.faults.take_drop(action):
            return Reply(0, {}, b"", action, reply.error_code, drop=True)
        return reply

    def _fault(self, request: _Request, fault: Fault) -> Reply:
        if fault is Fault.BAD_GATEWAY_502:
            headers = {"Content-Type": "text/html"}
            return Reply(502, headers, BAD_GATEWAY_HTML, request.action, "BadGateway")
        if fault is Fault.THROTTLE:
            return self._error(request, throttled())
        if fault is Fault.INTERNAL_500:
            return self._error(request, internal_error())
        return self._error(request, service_unavailable())

    def _success(self, request: _Request, action: str, body: dict[str, Any]) -> Reply:
        request_id = str(uuid.uuid4()).upper()
        answer = {"RequestId": request_id, **body}
        if request.xml:
            rendered, content_type = to_xml(f"{action}Response", answer), XML_CONTENT_TYPE
        else:
            rendered, content_type = to_json(answer), JSON_CONTENT_TYPE
        headers = {"Content-Type": content_type, "x-acs-request-id": request_id}
        return Reply(200, headers, rendered, action)

    def _error(self, request: _Request, error: EmulatorError) -> Reply:
        request_id = str(uuid.uuid4()).upper()
        gateway = {
            "RequestId": request_id,
            "HostId": request.host_id,
            "Code": error.code,
            "Message": error.message,
            "Recommend": RECOMMEND.format(code=error.code),
        }
        if request.xml:
            rendered, content_type = to_xml("Error", gateway), XML_CONTENT_TYPE
        elif error.shape is Shape.FLOW:
            flow = {"code": error.code, "message": error.message, "requestId": request_id,
                    "successResponse": False, "Code": error.code, "Message": error.message,
                    "RequestId": request_id}  # fmt: skip
            rendered, content_type = to_json(flow), JSON_CONTENT_TYPE
        else:
            rendered, content_type = to_json(gateway), JSON_CONTENT_TYPE
        headers = {"Content-Type": content_type, "x-acs-request-id": request_id}
        return Reply(error.http_status, headers, rendered, request.action, error.code)
