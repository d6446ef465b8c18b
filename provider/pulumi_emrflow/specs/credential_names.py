"""Which names look like a credential's: shared by the secrets policy (which judges where a
credential lives) and ``export`` (which never writes such a value to disk). Free of pulumi_policy
so that the provider and the command line can use it without the policy SDK."""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_CREDENTIAL_PATTERNS = (
    "passw(or)?d",
    "secret",
    "token",
    "accesskey",
    "apikey",
    "credential",
    "privatekey",
)
"""Regular expressions over a name lower-cased with all but letters and digits removed."""

PLACEHOLDER_PATTERN = r"^\$\{[^{}]+\}$"
"""A whole value that only refers to another (``${db_password}``): not a literal."""


def looks_like_credential(name: str, patterns: Iterable[str] = DEFAULT_CREDENTIAL_PATTERNS) -> bool:
    """True when ``name`` (``DB_PASSWORD`` is read as ``dbpassword``) matches a pattern."""
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    return any(re.search(p, squashed) for p in patterns)
