"""A Pulumi project's settings as the CLI would apply them: its name, its program folder and its
stack config (``Pulumi.yaml`` defaults, then ``Pulumi.<stack>.yaml``, then the caller's values).

Config values are strings, as ``pulumi.runtime.set_all_config`` wants them; keys are namespaced
(``key`` of project ``p`` becomes ``p:key``). Encrypted (``secure:``) stack values cannot be read
here: pass them in the caller's config instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["ProjectSettings", "config_text", "load_project"]


@dataclass(frozen=True)
class ProjectSettings:
    """What a run needs to know about a project: name, program folder, config and its secrets."""

    name: str
    program: Path
    config: dict[str, str] = field(default_factory=dict, repr=False)
    secret_keys: frozenset[str] = frozenset()


def config_text(value: Any) -> str:
    """A config value as the CLI passes it to the program: strings as they are, booleans as
    ``true``/``false``, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _namespaced(project: str, key: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def _read_yaml(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(document, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return document


def _project_defaults(project: str, declared: Mapping[str, Any]) -> tuple[dict[str, str], set[str]]:
    """``config:`` of Pulumi.yaml: ``key: value`` or ``key: {default|value, secret, ...}``."""
    values: dict[str, str] = {}
    secrets: set[str] = set()
    for key, entry in declared.items():
        name = _namespaced(project, str(key))
        if isinstance(entry, dict):
            if entry.get("secret"):
                secrets.add(name)
            value = entry.get("value", entry.get("default"))
            if value is not None:
                values[name] = config_text(value)
        elif entry is not None:
            values[name] = config_text(entry)
    return values, secrets


def _stack_values(
    path: Path, project: str, given: Iterable[str]
) -> tuple[dict[str, str], set[str]]:
    """``config:`` of Pulumi.<stack>.yaml; encrypted values must be among the ``given`` keys."""
    values: dict[str, str] = {}
    secrets: set[str] = set()
    for key, value in (_read_yaml(path).get("config") or {}).items():
        name = _namespaced(project, str(key))
        if isinstance(value, dict) and "secure" in value:
            secrets.add(name)
            if name not in given:
                raise ValueError(
                    f"{path.name}: {key} is encrypted and cannot be read here; "
                    f"pass its value in config={{{key!r}: ...}}"
                )
            continue
        values[name] = config_text(value)
    return values, secrets


def load_project(
    directory: Path,
    *,
    project: str | None,
    stack: str,
    config: Mapping[str, Any],
    secret_keys: Iterable[str],
) -> ProjectSettings:
    """The settings of the project in ``directory`` (a folder with a Pulumi.yaml, or a bare
    program folder, for which ``project`` must be given), with ``config`` applied last."""
    spec_path = directory / "Pulumi.yaml"
    spec = _read_yaml(spec_path) if spec_path.is_file() else {}
    name = project or spec.get("name")
    if not name:
        raise ValueError(f"{directory} has no Pulumi.yaml: pass project='...'")
    program = directory / str(spec.get("main") or ".")
    values, secrets = _project_defaults(name, spec.get("config") or {})
    given = {_namespaced(name, key): config_text(value) for key, value in config.items()}
    stack_path = directory / f"Pulumi.{stack}.yaml"
    if stack_path.is_file():
        stack_values, stack_secrets = _stack_values(stack_path, name, given)
        values.update(stack_values)
        secrets |= stack_secrets
    values.update(given)
    secrets |= {_namespaced(name, key) for key in secret_keys}
    return ProjectSettings(str(name), program.resolve(), values, frozenset(secrets))
