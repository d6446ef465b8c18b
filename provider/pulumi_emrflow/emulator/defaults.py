"""The emulator's documented defaults for local use, and the environment that points a client
at an emulator (shared by the in-process ``Emulator`` and ``EmulatorProcess``)."""

from __future__ import annotations

DEFAULT_ACCESS_KEY_ID = "emrflow-emulator-key"
DEFAULT_ACCESS_KEY_SECRET = "emrflow-emulator-secret"  # documented, public: local use only
DEFAULT_REGION = "cn-hangzhou"
# The account the default key pair (and any key added without an account) belongs to; it is
# echoed as projects' and clusters' UserId.
DEFAULT_ACCOUNT_ID = "1234567890123456"
DEFAULT_CLUSTER_ID = "C-1234567890ABCDEF"


def client_env(
    endpoint: str, access_key_id: str, access_key_secret: str, region: str = DEFAULT_REGION
) -> dict[str, str]:
    """Environment variables that point the project's client (and the provider) at ``endpoint``."""
    return {
        "ALICLOUD_ACCESS_KEY": access_key_id,
        "ALICLOUD_SECRET_KEY": access_key_secret,
        "ALICLOUD_REGION": region,
        "EMRFLOW_ENDPOINT": endpoint,
    }
