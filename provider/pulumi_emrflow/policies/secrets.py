"""No plaintext secrets in a job's variables, environment or parameters.

A policy sees every value in plain text (Pulumi secrets included), so it cannot tell a secret
from a literal. The rule is therefore about where a credential lives, judged by its name:

- a custom variable whose name looks like a credential must be a password variable
  (``password: true``; the service masks it and the provider stores it as a secret), unless
  its value is empty or a placeholder;
- an env_conf or param_conf entry whose name looks like a credential must not hold a literal:
  its value must be empty or a placeholder, e.g. ``${db_password}``, which the service fills from
  a (password) custom variable at run time. A Pulumi secret put there is still a literal: the
  service stores and shows env_conf and param_conf in clear.

"Looks like a credential": one of ``credentialNamePatterns`` (regular expressions) matches the
name lower-cased with everything but letters and digits removed (``DB_PASSWORD`` ->
``dbpassword``). "Placeholder": the whole value matches ``placeholderPattern``. Values are never
shown in messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import FLOW_JOB, custom_variables, is_unknown, string_map
from pulumi_emrflow.specs.credential_names import (
    DEFAULT_CREDENTIAL_PATTERNS,
    PLACEHOLDER_PATTERN,
    looks_like_credential,
)

SECRETS_SCHEMA: Schema = {
    "credentialNamePatterns": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Regular expressions; a name matching one (after lower-casing and "
        "removing all but letters and digits) is treated as a credential.",
        "default": list(DEFAULT_CREDENTIAL_PATTERNS),
    },
    "placeholderPattern": {
        "type": "string",
        "description": "Regular expression a whole value must match to count as a placeholder "
        "rather than a literal (default: one ${...} reference).",
        "default": PLACEHOLDER_PATTERN,
    },
}


def is_literal(value: Any, placeholder: str) -> bool:
    """True for a non-empty string that is not a placeholder (unknown values are not literal)."""
    if is_unknown(value) or not isinstance(value, str) or not value.strip():
        return False
    return re.fullmatch(placeholder, value.strip()) is None


def check_no_plaintext_secrets(job: Subject, settings: Settings) -> Iterator[str]:
    patterns = list(settings["credentialNamePatterns"] or [])
    placeholder = str(settings["placeholderPattern"])
    variables = custom_variables(job.props.get("custom_variables"))
    if isinstance(variables, list):
        for i, var in enumerate(variables):
            if not isinstance(var, dict):
                continue
            name, password = var.get("name"), var.get("password")
            if not isinstance(name, str) or not looks_like_credential(name, patterns):
                continue
            if password is True or is_unknown(password):
                continue
            if is_literal(var.get("value"), placeholder):
                yield (
                    f"{job.label}: custom variable '{name}' looks like a credential but is not a "
                    f"password variable (property `custom_variables[{i}]`). Fix: set "
                    'password=True on it (in JSON text: "properties": {"password": true}).'
                )
    for prop in ("env_conf", "param_conf"):
        entries = string_map(job.props.get(prop))
        if not isinstance(entries, dict):
            continue
        for key, value in entries.items():
            if looks_like_credential(str(key), patterns) and is_literal(value, placeholder):
                yield (
                    f"{job.label}: {prop} entry '{key}' looks like a credential and holds a "
                    f"literal value (property `{prop}`). Fix: move the value into a password "
                    f"custom variable and reference it, e.g. {key}='${{{key.lower()}}}'."
                )


def no_plaintext_secrets(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-no-plaintext-secrets",
        "Credential-like custom variables must be password variables; credential-like env_conf "
        "and param_conf entries must reference a variable instead of holding a literal.",
        [FLOW_JOB],
        check_no_plaintext_secrets,
        SECRETS_SCHEMA,
        enforcement_level,
        "Use password custom variables and ${name} references for credentials.",
    )
