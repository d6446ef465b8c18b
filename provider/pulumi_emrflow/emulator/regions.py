"""The regions the emulator serves, and its answer to a RegionId it does not serve.

The list is every region of emr-flow-api.md 1.1 (the central-host regions, the finance regions
and the regional-host examples). Each region has its own state (see backend.py).

Assumptions where the reference is silent:

- An unknown ``RegionId`` is refused by the gateway with ``InvalidRegionId``, HTTP 404,
  ``The specified region does not exist.``: the code, status and message the POP gateway sends
  for other products (reports from SDK users, e.g. aliyun/terraform-provider-alicloud and
  alibaba/terraform-provider#787, where the reply carries ``source=PopGw``). The check comes
  after the signature, so it costs a valid key to probe.
- A missing or empty ``RegionId`` is ``MissingParameter``: every Flow operation's page marks it
  required (the core SDK always adds it; the Tea SDK sends what the caller set).
"""

from __future__ import annotations

from .exceptions import EmulatorError, missing_parameter

KNOWN_REGIONS = frozenset(
    {
        "cn-hangzhou", "cn-beijing", "cn-shanghai", "cn-shenzhen", "ap-southeast-1", "us-west-1",
        "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1",
        "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote", "cn-hongkong", "ap-northeast-1",
        "ap-southeast-2", "ap-southeast-3", "ap-southeast-5", "ap-south-1", "eu-central-1",
        "eu-west-1", "us-east-1", "me-east-1",
    }
)  # fmt: skip


def region_not_found() -> EmulatorError:
    return EmulatorError("InvalidRegionId", "The specified region does not exist.", 404)


def require_region(region_id: str | None) -> str:
    """``region_id`` if the emulator serves it; otherwise the gateway's error."""
    if not region_id:
        raise missing_parameter("RegionId")
    if region_id not in KNOWN_REGIONS:
        raise region_not_found()
    return region_id
