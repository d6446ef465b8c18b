"""Where EMR requests go: the public region table, and the overrides that replace it.

Precedence, first match wins (``resolve_endpoint``):

1. the ``endpoint`` argument (of ``EmrClient`` or ``EmrClient.from_config``);
2. stack config ``emrflow:endpoint``;
3. environment variable ``EMRFLOW_ENDPOINT``;
4. pulumi-alicloud's ``alicloud:endpoints`` config, its ``emr`` entry. That value is the Terraform
   provider's ``endpoints`` block, a set of objects, which Pulumi stores as JSON text such as
   ``[{"emr": "emr.example.com"}]``; a single object ``{"emr": ...}`` is accepted too;
5. the region table (emr-flow-api.md 1.1): ``emr.aliyuncs.com`` for the central regions,
   ``emr.<region>.aliyuncs.com`` for every other region.

An override may be a full URL (``http://127.0.0.1:8080``) or a bare host (``emr.example.com``,
which means ``https://emr.example.com``). The result never ends with ``/``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from pulumi_emrflow.api.errors import ConfigurationError
from pulumi_emrflow.api.unreachable import REGION_DEFAULT_PREFIX

ENDPOINT_CONFIG_KEY = "emrflow:endpoint"
ENDPOINT_ENV_VAR = "EMRFLOW_ENDPOINT"
ALICLOUD_ENDPOINTS_KEY = "alicloud:endpoints"
ALICLOUD_ENDPOINTS_ENTRY = "emr"
EXPLICIT_ORIGIN = "the endpoint argument"

CENTRAL_HOST = "emr.aliyuncs.com"
CENTRAL_REGIONS = frozenset(
    {
        "cn-hangzhou",
        "cn-beijing",
        "cn-shanghai",
        "cn-shenzhen",
        "ap-southeast-1",
        "us-west-1",
        "cn-hangzhou-finance",
        "cn-shanghai-finance-1",
        "cn-shenzhen-finance-1",
    }
)


def host_for_region(region: str) -> str:
    """The public API host serving ``region``."""
    if region in CENTRAL_REGIONS:
        return CENTRAL_HOST
    return f"emr.{region}.aliyuncs.com"


def normalize_endpoint(value: str) -> str:
    """``scheme://host[:port]`` from a full URL or a bare host (https assumed)."""
    text = value.strip()
    if not text:
        raise ConfigurationError("the EMR endpoint is empty")
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"the EMR endpoint {value!r} is not an http(s) URL or a host name")
    if parts.path not in ("", "/") or parts.query:
        raise ConfigurationError(f"the EMR endpoint {value!r} must not have a path or query")
    return f"{parts.scheme}://{parts.netloc}"


def alicloud_emr_endpoint(value: Any) -> str | None:
    """The ``emr`` entry of an ``alicloud:endpoints`` config value, or None when it has none.

    Accepts the JSON text Pulumi stores or the already-decoded list/object.
    """
    return alicloud_endpoint(value, ALICLOUD_ENDPOINTS_ENTRY)


def alicloud_endpoint(value: Any, entry: str) -> str | None:
    """The ``entry`` (``emr``, ``sts``) of an ``alicloud:endpoints`` config value, or None."""
    if value is None or value == "":
        return None
    decoded = value
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            raise ConfigurationError(
                f"config {ALICLOUD_ENDPOINTS_KEY} is not JSON (expected e.g. "
                '[{"emr": "emr.example.com"}])'
            ) from None
    entries = [decoded] if isinstance(decoded, Mapping) else decoded
    if not isinstance(entries, list):
        raise ConfigurationError(f"config {ALICLOUD_ENDPOINTS_KEY} must be a list of objects")
    for item in entries:
        if isinstance(item, Mapping):
            found = item.get(entry)
            if isinstance(found, str) and found.strip():
                return found
    return None


def resolve_endpoint(
    region: str,
    *,
    explicit: str | None = None,
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """The endpoint URL for ``region`` after applying the overrides in the module's order."""
    return locate_endpoint(region, explicit=explicit, config=config, env=env)[0]


def locate_endpoint(
    region: str,
    *,
    explicit: str | None = None,
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """``resolve_endpoint``'s URL and where it came from, in words for an error message
    (``EMRFLOW_ENDPOINT``, ``stack config emrflow:endpoint``, ``the default for region ...``)."""
    config = config or {}
    env = os.environ if env is None else env
    for candidate, origin in (
        (explicit, EXPLICIT_ORIGIN),
        (config.get(ENDPOINT_CONFIG_KEY), f"stack config {ENDPOINT_CONFIG_KEY}"),
        (env.get(ENDPOINT_ENV_VAR), ENDPOINT_ENV_VAR),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return normalize_endpoint(candidate), origin
    alicloud = alicloud_emr_endpoint(config.get(ALICLOUD_ENDPOINTS_KEY))
    if alicloud is not None:
        origin = f"stack config {ALICLOUD_ENDPOINTS_KEY} (its {ALICLOUD_ENDPOINTS_ENTRY} entry)"
        return normalize_endpoint(alicloud), origin
    return f"https://{host_for_region(region)}", region_default_origin(region)


def region_default_origin(region: str) -> str:
    return f"{REGION_DEFAULT_PREFIX} {region}"
