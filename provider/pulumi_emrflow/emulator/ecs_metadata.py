"""A stand-in for the ECS instance metadata service's RAM role credentials (100.100.100.200).

The credentials library asks the fixed address ``http://100.100.100.200``; a test reaches this
stand-in instead by making the emulator the HTTP proxy (``HTTP_PROXY``): the server hands every
request whose target host is ``METADATA_HOST`` here. Paths, as on an instance:

- ``PUT /latest/api/token``: a session token (IMDSv2), required by nothing here;
- ``GET /latest/meta-data/ram/security-credentials/``: the name of the instance's role;
- ``GET /latest/meta-data/ram/security-credentials/<role>``: temporary keys of that role
  (``Code: Success``, ``AccessKeyId``, ``AccessKeySecret``, ``SecurityToken``, ``Expiration``,
  ``LastUpdated``), issued by sts.py and so accepted by the emulator until they expire.

Anything else, or another role's name, is a plain 404 as on an instance.
"""

from __future__ import annotations

import secrets
import time

from .protocol import Reply
from .render import JSON_CONTENT_TYPE, to_json
from .sts import StsService

METADATA_HOST = "100.100.100.200"
DEFAULT_ROLE_NAME = "EmrFlowInstanceRole"
TOKEN_PATH = "/latest/api/token"
ROLE_PATH = "/latest/meta-data/ram/security-credentials/"
_TEXT = {"Content-Type": "text/plain"}


class EcsMetadata:
    """The instance has ``role_name`` attached; its keys belong to ``account_id``."""

    def __init__(
        self, sts: StsService, account_id: str, role_name: str = DEFAULT_ROLE_NAME
    ) -> None:
        self.sts = sts
        self.account_id = account_id
        self.role_name = role_name

    def handle(self, method: str, path: str) -> Reply:
        if method == "PUT" and path == TOKEN_PATH:
            return Reply(200, dict(_TEXT), secrets.token_urlsafe(32).encode())
        if method != "GET" or not path.startswith(ROLE_PATH):
            return _not_found()
        name = path[len(ROLE_PATH) :]
        if not name:
            return Reply(200, dict(_TEXT), self.role_name.encode())
        if name != self.role_name:
            return _not_found()
        keys = self.sts.issue(self.account_id)
        answer = {
            "Code": "Success",
            **keys,
            "LastUpdated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        return Reply(200, {"Content-Type": JSON_CONTENT_TYPE}, to_json(answer))


def _not_found() -> Reply:
    return Reply(404, dict(_TEXT), b"404 - Not Found")
