"""Changing objects behind the provider's back with Alibaba's official SDK (aliyunsdkemr 3.3.4),
the independent check that drift made by other tools is seen on refresh."""

from __future__ import annotations

import json
from typing import Any

from aliyunsdkcore.client import AcsClient

from pulumi_emrflow.emulator import Emulator


def official_sdk(emu: Emulator, request: Any, **setters: Any) -> dict[str, Any]:
    """Send ``request`` (an aliyunsdkemr request object) to ``emu``; ``setters`` name its
    ``set_<Name>`` methods (``Id="FJ-..."`` calls ``set_Id``)."""
    sdk = AcsClient(emu.access_key_id, emu.access_key_secret, emu.region)
    for name, value in setters.items():
        getattr(request, f"set_{name}")(value)
    request.set_endpoint(emu.endpoint.removeprefix("http://"))
    request.set_protocol_type("http")
    result: dict[str, Any] = json.loads(sdk.do_action_with_exception(request))
    return result
