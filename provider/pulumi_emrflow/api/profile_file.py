"""The aliyun CLI's shared credentials file (``~/.aliyun/config.json``), read only to check it:
alibabacloud-credentials reads it again to fetch, but says no more than "unable to open" or
"failed to parse", without the line or the profiles there are."""

from __future__ import annotations

import json

from pulumi_emrflow.api.errors import CredentialsError


def read_profiles(path: str, where: str, hint: str) -> tuple[list[str], str]:
    """The profile names in the file at ``path`` and its current profile ("" if none).

    ``where`` says where the path came from and ``hint`` what to do, for the one-line
    CredentialsError raised when the file is missing, unreadable or not JSON.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise CredentialsError(
            f"the profile file {path} ({where}) does not exist; {hint}, or run "
            "`aliyun configure` to create it"
        ) from None
    except OSError as exc:
        raise CredentialsError(f"cannot read the profile file {path}: {exc.strerror}") from None
    except ValueError as exc:
        line = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise CredentialsError(
            f"the profile file {path} ({where}) is not valid JSON{line}; fix it, or {hint}"
        ) from None
    if not isinstance(document, dict):
        return [], ""
    profiles = document.get("profiles")
    names = (
        [p.get("name") for p in profiles if isinstance(p, dict)]
        if isinstance(profiles, list)
        else []
    )
    return [n for n in names if isinstance(n, str)], str(document.get("current") or "")
