"""The provider layer's one exception type, and turning API errors into user-facing text.

The dynamic provider server turns any exception into its traceback text, which is what
``pulumi up`` prints; the message's first line therefore says what went wrong and what to do.
Messages never hold credentials: API errors carry only codes, service text and request ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pulumi_emrflow.api.errors import ApiError

_AUTH_CODES = (
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "Forbidden",
    "InvalidSecurityToken",
    "IncompleteSignature",
)


class ProviderError(Exception):
    """A lifecycle step failed; the message says what went wrong and what to do."""


_REFERENCE_ADVICE = (
    "an object this declaration names (its project, folder, cluster or jobs) does not exist in "
    "this account and region: check the id the service names; if that object is declared in "
    "this program, pass its output (project_id=project.id) so Pulumi makes it first; a "
    "cluster must exist and be bound to the project with a FlowProjectClusterSetting"
)


def hint_for(error: ApiError, writing: bool = False) -> str:
    """What the user can do about ``error``: each class of failure has its own advice.
    ``writing``: the call creates or changes an object, so what is missing is one it names."""
    from pulumi_emrflow.api.unreachable import ServiceUnreachableError

    if isinstance(error, ServiceUnreachableError):
        return error.advice  # no service answered: the endpoint, its origin and the cause
    if error.code.startswith(_AUTH_CODES):
        return (
            "check the access key pair (alicloud:accessKey / alicloud:secretKey or "
            "ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) and its RAM permissions"
        )
    if error.is_throttling:
        return (
            "the account's API rate limit stayed exceeded through every retry (about a minute); "
            "run the command again later, or with fewer resources at once (`pulumi up "
            "--parallel 2`)"
        )
    if error.is_transient:
        return (
            "the service kept failing (a server error) through every retry; run the command "
            "again later (a create whose outcome is unknown is looked up first, never repeated "
            "blindly)"
        )
    if writing and (error.is_not_found or error.code.startswith("InvalidClusterId")):
        return _REFERENCE_ADVICE
    if error.is_not_found:
        return "the object (or its project) no longer exists; run `pulumi refresh`"
    return "fix the value the service names, then run the command again"


def api_failure(what: str, error: ApiError) -> ProviderError:
    """``what`` failed (e.g. "update FlowJob 'x' (FJ-1)") because of ``error``."""
    writing = what.startswith(("create", "adopt", "recover"))
    return ProviderError(f"Could not {what}: {error}. To fix: {hint_for(error, writing)}.")
