"""From what was read to what the program declares: one ``Declaration`` per object, in the
program's order, its arguments as a user would write them (references to other declarations as
``Ref``, secrets as ``Secret``, structured values as the typed ``*Args`` classes).

The mapping is the spec's: ``wire.state_from_api`` turns an answer into arguments as a refresh
does, so whatever a spec learns to read, export writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_emrflow.export.names import Names
from pulumi_emrflow.export.snapshot import KINDS, PROJECT, Item, ProjectSnapshot
from pulumi_emrflow.specs import get_spec, wire
from pulumi_emrflow.specs.credential_names import PLACEHOLDER_PATTERN, looks_like_credential
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.json_kinds import CustomVariables, StringMap
from pulumi_emrflow.specs.kinds import ObjectId
from pulumi_emrflow.specs.resource import ResourceSpec
from pulumi_emrflow.specs.shapes import Shape


@dataclass(frozen=True)
class Ref:
    """Another declared resource: its id (``folder_jobs.id``), or the resource itself where an
    argument takes one (a flow step's ``job=job_ingest``)."""

    variable: str
    whole: bool = False


@dataclass(frozen=True)
class Secret:
    """A value the program reads from secret stack config (``config.require_secret(key)``)."""

    key: str


@dataclass(frozen=True)
class Args:
    """A typed argument object (``emrflow.RunConfArgs(...)``)."""

    type_name: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Declaration:
    spec: ResourceSpec
    variable: str
    id: str
    args: dict[str, Any]


@dataclass(frozen=True)
class SecretSetting:
    """A value the export did not write: the stack config key the program reads it from."""

    key: str
    variable: str
    """The declaration that uses it."""
    place: str
    """Where in it: ``custom variable db_password``, ``param_conf api_token``."""

    @property
    def what(self) -> str:
        return f"{self.variable}: {self.place}"


@dataclass
class Program:
    declarations: list[Declaration] = field(default_factory=list)
    secrets: list[SecretSetting] = field(default_factory=list)


def _label(spec: ResourceSpec, item: Mapping[str, Any]) -> str:
    """What a variable is named after: the object's name, else its own id part (a cluster)."""
    name = item.get("Name")
    return str(name) if name else spec.id_of(item).rpartition(":")[2]


def _sort_key(spec: ResourceSpec, item: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(item.get("Type") or ""), str(item.get("Name") or ""), spec.id_of(item))


def ordered(spec: ResourceSpec, items: Iterable[Item]) -> list[Item]:
    """Items by type, name and id; objects of a tree (folders) parents first, depth first."""
    items = sorted(items, key=lambda i: _sort_key(spec, i))
    parent = next(
        (
            f
            for f in spec.inputs
            if isinstance(f.kind, ObjectId) and spec.id_prefix and f.kind.prefix == spec.id_prefix
        ),
        None,
    )
    if parent is None or parent.read_key is None:
        return items
    ids = {spec.id_of(i) for i in items}
    children: dict[str | None, list[Item]] = {}
    for item in items:
        up = parent.kind.from_api(item.get(parent.read_key))
        children.setdefault(up if up in ids else None, []).append(item)
    out: list[Item] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(reversed(children.get(spec.id_of(item), [])))
    return out


class _Builder:
    def __init__(self) -> None:
        self.names = Names()
        self.variables: dict[str, str] = {}  # service id -> variable
        self.program = Program()

    def declare(self, spec: ResourceSpec, prefix: str, item: Item, scope: Item) -> None:
        id_ = spec.id_of(item)
        variable = self.names.variable(prefix, _label(spec, item))
        state = wire.state_from_api(spec, id_, item, scope)
        args: dict[str, Any] = {}
        for f in spec.inputs:
            if f.name in (spec.region_field, spec.adopt_field):
                continue
            value = state.get(f.name)
            if value is None:
                # An argument the read does not echo, repeated by an output (a job's folder).
                source = next((c for c in spec.computed if c.from_field == f.name), None)
                value = state.get(source.name) if source else None
            if value is None or (value == "" and isinstance(f.kind, ObjectId)):
                continue
            args[f.name] = self._value(f, value, variable)
        if spec.adopt_field:
            args[spec.adopt_field] = True
        self.variables[id_] = variable
        self.program.declarations.append(Declaration(spec, variable, id_, args))

    def _secret(self, variable: str, label: str, place: str) -> Secret:
        key = self.names.config_key(variable, label)
        self.program.secrets.append(SecretSetting(key, variable, place))
        return Secret(key)

    def _value(self, f: Field, value: Any, variable: str) -> Any:
        kind = f.kind
        if isinstance(kind, ObjectId):
            return Ref(self.variables[value]) if value in self.variables else value
        if isinstance(value, str) and f.secret and kind.holds_secret(value):
            return self._secret(variable, f.name, f"{f.name} (JSON text)")
        if isinstance(kind, CustomVariables) and kind.shape and isinstance(value, list):
            return [self._variable(kind.shape.name, v, variable) for v in value]
        if isinstance(kind, StringMap) and isinstance(value, dict):
            return {
                k: self._secret(variable, k, f"{f.name} {k}")
                if looks_like_credential(k) and _literal(v)
                else v
                for k, v in value.items()
            }
        shape = getattr(kind, "shape", None)
        if shape is not None and isinstance(value, list):
            return [self._shaped(shape, v) for v in value]
        if shape is not None and isinstance(value, dict):
            return self._shaped(shape, value)
        return value

    def _shaped(self, shape: Shape, item: Mapping[str, Any]) -> Args:
        """A structured value as its Args; ids of declared objects in it become references
        (the resource itself where the member takes one), and what a member takes from such a
        resource (a step's ``job_type`` from its job) is left to it."""
        values = _given(item)
        for member in shape.members:
            if member.name in values:
                whole = "CustomResource" in member.type
                values[member.name] = self._refs(values[member.name], whole)
        for member in shape.members:
            source = member.from_resource[0] if member.from_resource else None
            if source and isinstance(values.get(source), Ref) and values[source].whole:
                values.pop(member.name, None)
        return Args(shape.name, values)

    def _refs(self, value: Any, whole: bool) -> Any:
        if isinstance(value, str) and value in self.variables:
            return Ref(self.variables[value], whole)
        if isinstance(value, list):
            return [self._refs(v, whole) for v in value]
        return value

    def _variable(self, type_name: str, item: dict[str, Any], variable: str) -> Args:
        values = _given(item)
        name = str(values.get("name"))
        credential = looks_like_credential(name) and _literal(values.get("value"))
        if values.get("value") and (values.get("password") or credential):
            values["value"] = self._secret(variable, name, f"custom variable {name}")
        return Args(type_name, values)


def _given(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None}


def _literal(value: Any) -> bool:
    return (
        isinstance(value, str)
        and bool(value.strip())
        and not re.fullmatch(PLACEHOLDER_PATTERN, value.strip())
    )


def declare(snapshots: Iterable[ProjectSnapshot]) -> Program:
    """The program's declarations for ``snapshots``, projects by name then id, each followed by
    what it holds (``KINDS`` order)."""
    builder = _Builder()
    project_spec = get_spec(PROJECT.spec_name)
    for snapshot in sorted(snapshots, key=lambda s: (str(s.item.get("Name") or ""), s.id)):
        builder.declare(project_spec, PROJECT.variable_prefix, snapshot.item, {})
        scope = {"project_id": snapshot.id}
        for kind in KINDS:
            spec = get_spec(kind.spec_name)
            for item in ordered(spec, snapshot.held.get(kind.spec_name, [])):
                builder.declare(spec, kind.variable_prefix, item, scope)
    return builder.program
