"""A tiny RPC signer and caller built on pulumi_emrflow.api.signing, for raw-wire tests."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import requests

from pulumi_emrflow.api import signing

COMMON_NAMES = frozenset(
    {
        "Action",
        "Version",
        "Format",
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        "RegionId",
        "Signature",
        "SecurityToken",
    }
)


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Wire:
    """Signs and sends requests. POST puts common parameters in the query and business
    parameters in the form body (as the SDKs do), GET puts everything in the query."""

    def __init__(self, endpoint: str, access_key_id: str, access_key_secret: str) -> None:
        self.endpoint = endpoint
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.session = requests.Session()

    def signed_params(
        self,
        action: str,
        params: Mapping[str, str],
        method: str = "POST",
        fmt: str = "JSON",
        secret: str | None = None,
        **common: str,
    ) -> dict[str, str]:
        all_params = {
            "Action": action,
            "Version": "2016-04-08",
            "Format": fmt,
            "AccessKeyId": self.access_key_id,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": now_stamp(),
            "RegionId": "cn-hangzhou",
            **common,
            **params,
        }
        all_params = {k: v for k, v in all_params.items() if v is not None}
        secret = self.access_key_secret if secret is None else secret
        all_params["Signature"] = signing.signature(method, all_params, secret)
        return all_params

    def send(
        self, method: str, params: Mapping[str, str], timeout: float = 10
    ) -> requests.Response:
        if method == "GET":
            return self.session.get(self.endpoint + "/", params=params, timeout=timeout)
        query = {k: v for k, v in params.items() if k in COMMON_NAMES}
        body = {k: v for k, v in params.items() if k not in COMMON_NAMES}
        return self.session.post(self.endpoint + "/", params=query, data=body, timeout=timeout)

    def call(
        self,
        action: str,
        params: Mapping[str, str] | None = None,
        method: str = "POST",
        fmt: str = "JSON",
        **common: str,
    ) -> requests.Response:
        return self.send(method, self.signed_params(action, params or {}, method, fmt, **common))

    def ok(self, action: str, **params: Any) -> dict[str, Any]:
        """Call with JSON format and return the body, failing the test on an error answer."""
        response = self.call(action, {k: str(v) for k, v in params.items()})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def error(
        self, action: str, params: Mapping[str, str], method: str = "POST"
    ) -> tuple[int, dict[str, Any]]:
        """Call and return status and error body (JSON, or XML flattened to a dict)."""
        response = self.call(action, params, method)
        assert response.status_code != 200, response.text
        return response.status_code, error_body(response)


def error_body(response: requests.Response) -> dict[str, Any]:
    """An error answer as a dict, whichever format it came in."""
    if response.headers["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "Error"
        return {child.tag: child.text or "" for child in root}
    body: dict[str, Any] = response.json()
    return body
