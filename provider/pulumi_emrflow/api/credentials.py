"""Credentials and region, found the way pulumi-alicloud finds them.

Static keys are resolved here, each value on its own, first match wins: the explicit argument,
then the pulumi-alicloud config key the provider hands in, then environment variables in the
Terraform provider's order (``alicloud/provider.go``):

- access key ID: ``alicloud:accessKey``; ``ALICLOUD_ACCESS_KEY``, ``ALIBABA_CLOUD_ACCESS_KEY_ID``,
  ``ALIBABACLOUD_ACCESS_KEY_ID``;
- access key secret: ``alicloud:secretKey``; ``ALICLOUD_SECRET_KEY``,
  ``ALIBABA_CLOUD_ACCESS_KEY_SECRET``, ``ALIBABACLOUD_ACCESS_KEY_SECRET``;
- STS token: ``alicloud:securityToken``; ``ALICLOUD_SECURITY_TOKEN``,
  ``ALIBABA_CLOUD_SECURITY_TOKEN``, ``ALIBABACLOUD_SECURITY_TOKEN``;
- region: ``alicloud:region``; ``ALICLOUD_REGION``, ``ALIBABA_CLOUD_REGION`` (the Terraform
  provider's second name), ``ALIBABA_CLOUD_REGION_ID``, ``ALIBABACLOUD_REGION_ID``.

Every other way pulumi-alicloud authenticates is mapped onto ``alibabacloud-credentials``
(``resolve_source``): the base credentials are the first of static keys (config, then env), a
profile of the aliyun CLI's ``config.json`` (``alicloud:profile``), an ECS RAM role
(``alicloud:ecsRoleName``), a credentials URI (``alicloud:credentialsUri``); an
``alicloud:assumeRoleWithOidc`` block (or the three ``ALIBABA_CLOUD_OIDC_*``/``ROLE_ARN``
variables) replaces them; ``alicloud:assumeRole`` is applied on top. ``alicloud:endpoints``'s
``sts`` entry sends STS calls elsewhere.

With no region anywhere, ``cn-beijing`` is used, as the Terraform provider (and so
pulumi-alicloud) does (``DEFAULT_REGION``). Empty strings count as unset.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pulumi_emrflow.api.config_values import (
    config_object,
    field,
    first,
    pick,
    session_seconds,
    text,
)
from pulumi_emrflow.api.credential_sources import (
    Credentials,
    CredentialSource,
    RefreshingSource,
    StaticSource,
    credential_library,
)
from pulumi_emrflow.api.endpoints import alicloud_endpoint
from pulumi_emrflow.api.errors import CredentialsError
from pulumi_emrflow.api.profile_file import read_profiles

__all__ = [
    "DEFAULT_REGION",
    "CredentialSource",
    "Credentials",
    "resolve_credentials",
    "resolve_region",
    "resolve_source",
]

DEFAULT_REGION = "cn-beijing"

ACCESS_KEY_ID_CONFIG = "alicloud:accessKey"
ACCESS_KEY_SECRET_CONFIG = "alicloud:secretKey"
SECURITY_TOKEN_CONFIG = "alicloud:securityToken"
REGION_CONFIG = "alicloud:region"
PROFILE_CONFIG = "alicloud:profile"
SHARED_FILE_CONFIG = "alicloud:sharedCredentialsFile"
ECS_ROLE_CONFIG = "alicloud:ecsRoleName"
ASSUME_ROLE_CONFIG = "alicloud:assumeRole"
OIDC_CONFIG = "alicloud:assumeRoleWithOidc"
CREDENTIALS_URI_CONFIG = "alicloud:credentialsUri"

ACCESS_KEY_ID_ENV = (
    "ALICLOUD_ACCESS_KEY",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABACLOUD_ACCESS_KEY_ID",
)
ACCESS_KEY_SECRET_ENV = (
    "ALICLOUD_SECRET_KEY",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABACLOUD_ACCESS_KEY_SECRET",
)
SECURITY_TOKEN_ENV = (
    "ALICLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABACLOUD_SECURITY_TOKEN",
)
REGION_ENV = (
    "ALICLOUD_REGION",
    "ALIBABA_CLOUD_REGION",
    "ALIBABA_CLOUD_REGION_ID",
    "ALIBABACLOUD_REGION_ID",
)
PROFILE_ENV = ("ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE")
SHARED_FILE_ENV = ("ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE")
ECS_ROLE_ENV = ("ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA")
ROLE_ARN_ENV = ("ALICLOUD_ASSUME_ROLE_ARN", "ALIBABA_CLOUD_ROLE_ARN")
SESSION_NAME_ENV = ("ALICLOUD_ASSUME_ROLE_SESSION_NAME", "ALIBABA_CLOUD_ROLE_SESSION_NAME")
OIDC_PROVIDER_ARN_ENV = ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN",)
OIDC_TOKEN_FILE_ENV = ("ALIBABA_CLOUD_OIDC_TOKEN_FILE",)
OIDC_ROLE_ARN_ENV = ("ALIBABA_CLOUD_ROLE_ARN",)
CREDENTIALS_URI_ENV = ("ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI")

DEFAULT_SHARED_FILE = os.path.join("~", ".aliyun", "config.json")
DEFAULT_SESSION_NAME = "pulumi-emrflow"


def _lookup(
    explicit: str | None,
    config: Mapping[str, Any],
    key: str,
    env: Mapping[str, str],
    names: tuple[str, ...],
) -> str | None:
    for value in (explicit, config.get(key), *(env.get(name) for name in names)):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def resolve_credentials(
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    access_key_id: str | None = None,
    access_key_secret: str | None = None,
    security_token: str | None = None,
) -> Credentials:
    """Credentials from the arguments, the config keys, then ``env`` (default ``os.environ``).

    Raises CredentialsError, one line naming every argument, config key and variable looked at,
    when the key ID or the secret is missing.
    """
    config = config or {}
    env = os.environ if env is None else env
    key_id = _lookup(access_key_id, config, ACCESS_KEY_ID_CONFIG, env, ACCESS_KEY_ID_ENV)
    secret = _lookup(
        access_key_secret, config, ACCESS_KEY_SECRET_CONFIG, env, ACCESS_KEY_SECRET_ENV
    )
    token = _lookup(security_token, config, SECURITY_TOKEN_CONFIG, env, SECURITY_TOKEN_ENV)
    if key_id is None or secret is None:
        missing = " and ".join(
            what
            for what, value in (("access key ID", key_id), ("access key secret", secret))
            if value is None
        )
        raise CredentialsError(
            f"No Alibaba Cloud {missing} found; looked at "
            f"{_sources('access_key_id', ACCESS_KEY_ID_CONFIG, ACCESS_KEY_ID_ENV)} "
            f"and {_sources('access_key_secret', ACCESS_KEY_SECRET_CONFIG, ACCESS_KEY_SECRET_ENV)}"
            f" (an STS token, if any: "
            f"{_sources('security_token', SECURITY_TOKEN_CONFIG, SECURITY_TOKEN_ENV)})"
        )
    return Credentials(key_id, secret, token)


def _sources(argument: str, key: str, names: tuple[str, ...]) -> str:
    return f"argument {argument}, config {key}, env {', '.join(names)}"


def resolve_region(
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    region: str | None = None,
) -> str:
    """The region from the argument, ``alicloud:region``, the environment, else cn-beijing."""
    config = config or {}
    env = os.environ if env is None else env
    found = _lookup(region, config, REGION_CONFIG, env, REGION_ENV)
    return found or DEFAULT_REGION


# ---------------------------------------------------------------- the chain


@dataclass(frozen=True)
class _Base:
    """The credentials a role is assumed with, or that sign requests when no role is."""

    origin: str
    make: Callable[[Any], Any]  # the library's provider module -> an ICredentialsProvider
    advice: str = ""
    static: Credentials | None = None
    secrets: tuple[str, ...] = ()


def resolve_source(
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    access_key_id: str | None = None,
    access_key_secret: str | None = None,
    security_token: str | None = None,
) -> CredentialSource:
    """Where requests get their credentials, from the arguments, the config keys, then ``env``
    (default ``os.environ``), in pulumi-alicloud's order (see the module docstring).

    Nothing is fetched yet: a profile's file is read, but roles, metadata and URIs are asked on
    the first request. Raises CredentialsError, one line naming the keys and variables to set,
    when nothing usable is configured or a value is malformed.
    """
    config = config or {}
    env = os.environ if env is None else env
    # An assumeRoleWithOidc block replaces the other credentials; the OIDC variables alone come
    # after them, as in the library's default chain, and then ALIBABA_CLOUD_ROLE_ARN is theirs.
    oidc = _oidc_base(config, env) if config_object(config, OIDC_CONFIG) else None
    base = oidc or _base(config, env, access_key_id, access_key_secret, security_token)
    if base is None:
        oidc = base = _oidc_base(config, env)
    role = _assume_role(config, env, role_arn_taken=oidc is not None)
    if base is None:
        raise CredentialsError(_nothing_found(role is not None))
    if role is None and base.static is not None:
        return StaticSource(base.static, base.origin)
    if role is None:
        return RefreshingSource(
            lambda: base.make(credential_library()), base.origin, advice=base.advice
        )
    sts_endpoint = _sts_endpoint(config)

    def build() -> Any:
        library = credential_library()
        return library.RamRoleArnCredentialsProvider(
            credentials_provider=base.make(library), sts_endpoint=sts_endpoint, **role.arguments
        )

    return RefreshingSource(
        build,
        f"{role.origin}, assumed with {base.origin}",
        advice=f"check the role ARN, its trust policy and {base.origin}",
        secrets=base.secrets,
    )


def _base(
    config: Mapping[str, Any],
    env: Mapping[str, str],
    access_key_id: str | None,
    access_key_secret: str | None,
    security_token: str | None,
) -> _Base | None:
    key_id = _lookup(access_key_id, config, ACCESS_KEY_ID_CONFIG, env, ACCESS_KEY_ID_ENV)
    secret = _lookup(
        access_key_secret, config, ACCESS_KEY_SECRET_CONFIG, env, ACCESS_KEY_SECRET_ENV
    )
    if key_id is not None or secret is not None:
        credentials = resolve_credentials(
            config,
            env,
            access_key_id=access_key_id,
            access_key_secret=access_key_secret,
            security_token=security_token,
        )
        origin = _where(access_key_id, config, ACCESS_KEY_ID_CONFIG, env, ACCESS_KEY_ID_ENV)
        return _Base(
            f"the access key from {origin}",
            lambda lib: _static_provider(lib, credentials),
            static=credentials,
            secrets=(credentials.access_key_secret, credentials.security_token or ""),
        )
    profile = _profile_base(config, env)
    if profile is not None:
        return profile
    role_name = pick(config, ECS_ROLE_CONFIG, env, ECS_ROLE_ENV)
    if role_name is not None:
        name, where = role_name
        return _Base(
            f"the ECS RAM role {name!r} ({where})",
            lambda lib: lib.EcsRamRoleCredentialsProvider(
                role_name=name, async_update_enabled=False
            ),
            "is this an ECS instance with that role attached? Otherwise unset it",
        )
    uri = pick(config, CREDENTIALS_URI_CONFIG, env, CREDENTIALS_URI_ENV)
    if uri is not None:
        url, where = uri
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CredentialsError(f"{where} is not an http(s) URL; set a URL or unset it")
        shown = f"{parts.scheme}://{parts.netloc}{parts.path}"  # a query may carry a token
        return _Base(
            f"the credentials URI {shown} ({where})",
            lambda lib: lib.URLCredentialsProvider(uri=url),
            "check that the service runs and answers Code, AccessKeyId, AccessKeySecret, "
            "SecurityToken and Expiration",
        )
    return None


def _static_provider(library: Any, credentials: Credentials) -> Any:
    if credentials.security_token:
        return library.StaticSTSCredentialsProvider(
            access_key_id=credentials.access_key_id,
            access_key_secret=credentials.access_key_secret,
            security_token=credentials.security_token,
        )
    return library.StaticAKCredentialsProvider(
        access_key_id=credentials.access_key_id,
        access_key_secret=credentials.access_key_secret,
    )


def _profile_base(config: Mapping[str, Any], env: Mapping[str, str]) -> _Base | None:
    """A profile of the aliyun CLI's file, when a profile or a file is named."""
    name = pick(config, PROFILE_CONFIG, env, PROFILE_ENV)
    file = pick(config, SHARED_FILE_CONFIG, env, SHARED_FILE_ENV)
    if name is None and file is None:
        return None
    path, file_where = file or (DEFAULT_SHARED_FILE, f"the default {DEFAULT_SHARED_FILE}")
    path = os.path.expanduser(path)
    hint = f"set {SHARED_FILE_CONFIG} (or {SHARED_FILE_ENV[0]}) to the aliyun CLI's config.json"
    names, current = read_profiles(path, file_where, hint)
    if name is not None:
        profile, name_where = name
    else:
        profile, name_where = current, f"the file's current profile ({file_where})"
    if profile not in names:
        known = ", ".join(repr(n) for n in names) or "none"
        raise CredentialsError(
            f"profile {profile!r} ({name_where}) is not in {path} (it has: {known}); set "
            f"{PROFILE_CONFIG} (or {PROFILE_ENV[0]}) to one of them, or run "
            f"`aliyun configure --profile {profile or 'NAME'}`"
        )
    return _Base(
        f"profile {profile!r} of {path} ({name_where})",
        lambda lib: lib.CLIProfileCredentialsProvider(profile_name=profile, profile_file=path),
        f"check the profile with `aliyun configure get --profile {profile}`",
    )


def _oidc_base(config: Mapping[str, Any], env: Mapping[str, str]) -> _Base | None:
    block = config_object(config, OIDC_CONFIG)
    if block is None:
        if first(env, OIDC_PROVIDER_ARN_ENV + OIDC_TOKEN_FILE_ENV) is None:
            return None
        block = {}
        origin = "the ALIBABA_CLOUD_OIDC_* variables"
        prefix = ""
    else:
        origin = f"stack config {OIDC_CONFIG}"
        prefix = f"{OIDC_CONFIG}."
    if text(block.get("oidcToken")) and not text(block.get("oidcTokenFile")):
        raise CredentialsError(
            f"{prefix}oidcToken: a token given as a value is not supported yet; write it to a "
            f"file and set {prefix}oidcTokenFile (or ALIBABA_CLOUD_OIDC_TOKEN_FILE) instead"
        )
    provider_arn = field(block, "oidcProviderArn", env, OIDC_PROVIDER_ARN_ENV, prefix)
    role_arn = field(block, "roleArn", env, OIDC_ROLE_ARN_ENV, prefix)
    token_file = field(block, "oidcTokenFile", env, OIDC_TOKEN_FILE_ENV, prefix)
    session = text(block.get("roleSessionName")) or first(env, SESSION_NAME_ENV)
    arguments = {
        "role_arn": role_arn,
        "oidc_provider_arn": provider_arn,
        "oidc_token_file_path": os.path.expanduser(token_file),
        "role_session_name": session or DEFAULT_SESSION_NAME,
        "duration_seconds": session_seconds(
            block.get("sessionExpiration"), f"{prefix}sessionExpiration"
        ),
        "policy": text(block.get("policy")),
        "sts_endpoint": _sts_endpoint(config),
    }
    return _Base(
        f"the OIDC role {role_arn} ({origin})",
        lambda lib: lib.OIDCRoleArnCredentialsProvider(**arguments),
        f"check {prefix + 'oidcTokenFile' if prefix else 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'} "
        f"({token_file}: the token must exist and be current), the OIDC provider ARN and the "
        "role's trust policy",
    )


@dataclass(frozen=True)
class _Role:
    origin: str
    arguments: dict[str, Any]


def _assume_role(
    config: Mapping[str, Any], env: Mapping[str, str], *, role_arn_taken: bool
) -> _Role | None:
    """``alicloud:assumeRole``, or a role ARN from the environment (``ALIBABA_CLOUD_ROLE_ARN``
    belongs to the OIDC role when OIDC is what is used)."""
    block = config_object(config, ASSUME_ROLE_CONFIG)
    names = ROLE_ARN_ENV[:1] if role_arn_taken else ROLE_ARN_ENV
    if block is None:
        found = pick({}, ASSUME_ROLE_CONFIG, env, names)
        if found is None:
            return None
        role_arn, where, prefix = found[0], found[1], ""
        block = {}
    else:
        prefix = f"{ASSUME_ROLE_CONFIG}."
        role_arn = field(block, "roleArn", env, names, prefix)
        where = f"stack config {ASSUME_ROLE_CONFIG}"
    session = text(block.get("sessionName")) or first(env, SESSION_NAME_ENV)
    seconds = session_seconds(block.get("sessionExpiration"), f"{prefix}sessionExpiration")
    return _Role(
        f"the role {role_arn} ({where})",
        {
            "role_arn": role_arn,
            "role_session_name": session or DEFAULT_SESSION_NAME,
            "duration_seconds": seconds,
            "policy": text(block.get("policy")),
            "external_id": text(block.get("externalId")),
        },
    )


def _sts_endpoint(config: Mapping[str, Any]) -> str | None:
    try:
        return alicloud_endpoint(config.get("alicloud:endpoints"), "sts")
    except ValueError as exc:
        raise CredentialsError(str(exc)) from None


def _nothing_found(for_role: bool) -> str:
    what = "credentials to assume the role with" if for_role else "Alibaba Cloud credentials"
    return (
        f"No {what} found; looked at "
        f"{_sources('access_key_id', ACCESS_KEY_ID_CONFIG, ACCESS_KEY_ID_ENV)} and "
        f"{_sources('access_key_secret', ACCESS_KEY_SECRET_CONFIG, ACCESS_KEY_SECRET_ENV)}, "
        f"then a profile (config {PROFILE_CONFIG} or {SHARED_FILE_CONFIG}, env "
        f"{', '.join(PROFILE_ENV + SHARED_FILE_ENV)}), an ECS RAM role (config {ECS_ROLE_CONFIG}, "
        f"env {', '.join(ECS_ROLE_ENV)}), a credentials URI (config {CREDENTIALS_URI_CONFIG}, env "
        f"{', '.join(CREDENTIALS_URI_ENV)}) and OIDC (config {OIDC_CONFIG}, env "
        f"{', '.join(OIDC_PROVIDER_ARN_ENV + OIDC_TOKEN_FILE_ENV + OIDC_ROLE_ARN_ENV)}); set one "
        "of them (see the README's Authentication section)"
    )


def _where(
    explicit: str | None,
    config: Mapping[str, Any],
    key: str,
    env: Mapping[str, str],
    names: tuple[str, ...],
) -> str:
    if text(explicit) is not None:
        return "the access_key_id argument"
    picked = pick(config, key, env, names)
    return picked[1] if picked else "the arguments"
