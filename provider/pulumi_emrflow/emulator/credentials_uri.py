"""A stand-in for a credentials URI (``alicloud:credentialsUri``): ``GET CREDENTIALS_PATH``
answers temporary keys as such a service must (``Code: Success``, ``AccessKeyId``,
``AccessKeySecret``, ``SecurityToken``, ``Expiration``), issued by sts.py for the emulator's
account, so the emulator accepts them until they expire. ``Emulator.credentials_uri`` is its URL.
"""

from __future__ import annotations

from .protocol import Reply
from .render import JSON_CONTENT_TYPE, to_json
from .sts import StsService

CREDENTIALS_PATH = "/__credentials"


class CredentialsUri:
    def __init__(self, sts: StsService, account_id: str) -> None:
        self.sts = sts
        self.account_id = account_id

    def handle(self, method: str) -> Reply:
        if method != "GET":
            return Reply(405, {"Content-Type": "text/plain"}, b"405 - Method Not Allowed")
        answer = {"Code": "Success", **self.sts.issue(self.account_id)}
        return Reply(200, {"Content-Type": JSON_CONTENT_TYPE}, to_json(answer))
