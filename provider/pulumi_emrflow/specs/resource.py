"""A resource as data: the table of fields plus the API actions, and the pure rules it drives.

``ResourceSpec`` answers every question the generic lifecycle asks without knowing which
resource it is: is this input valid (``check``), what changed and what forces replacement
(``diff``), and (in ``specs.wire``) which API parameters to send and how to read a Describe
answer back into state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.unknowns import contains_unknown, is_unknown

PROVIDER_KEY = "__provider"


@dataclass(frozen=True)
class Failure:
    """One invalid property: ``property`` is the input name, ``reason`` says what is allowed."""

    property: str
    reason: str


@dataclass(frozen=True)
class Diff:
    changes: tuple[str, ...]
    replaces: tuple[str, ...]
    delete_before_replace: bool


@dataclass(frozen=True)
class ResourceSpec:
    """Everything the generic lifecycle needs to manage one kind of object."""

    name: str
    """Registry key (``flow_job``): the only thing the pickled provider holds."""
    type_name: str
    """Class name and last part of the type token (``FlowJob``)."""
    fields: tuple[Field, ...]
    create_action: str
    describe_action: str
    modify_action: str
    delete_action: str
    list_action: str
    list_items: tuple[str, str]
    """Where List answers keep their items: ``("JobList", "Job")``."""
    id_param: str = "Id"
    """The API parameter naming the object in Describe, Modify and Delete."""
    create_id_key: str = "Id"
    """The key of the new object's id in the Create answer."""
    scope: tuple[str, ...] = ()
    """Fields sent alongside the id to address the object (``project_id``)."""
    identity: tuple[str, ...] = ()
    """Fields unique together (``project_id``, ``name``): lookup by name, adoption."""
    conflict_message: str = ""
    """Start of the service message for "an object with this identity exists"."""
    region_field: str | None = "region"
    adopt_field: str | None = "adopt"
    module: str = "emrflow"
    description: str = ""

    # ---- table access ---------------------------------------------------------------------
    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.computed)

    @cached_property
    def computed(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.computed)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def type_token(self) -> str:
        return f"pulumi-python:dynamic/{self.module}:{self.type_name}"

    # ---- check ----------------------------------------------------------------------------
    def check(self, news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
        """Validate program inputs: one Failure per bad property; unknown values never fail.

        Returns the inputs to store (integral floats made ints; unknowns kept) and the failures.
        """
        failures: list[Failure] = []
        checked: dict[str, Any] = {}
        for key in sorted(set(news) - set(self.by_name) - {PROVIDER_KEY}):
            allowed = ", ".join(f.name for f in self.inputs)
            failures.append(Failure(key, f"{key}: unknown property {key!r}; allowed: {allowed}"))
        for f in self.fields:
            value = news.get(f.name)
            if f.computed:
                if value is not None and not is_unknown(value):
                    failures.append(Failure(f.name, f"{f.name}: an output only; it cannot be set"))
                continue
            reason = self._field_problem(f, value, news)
            if reason:
                failures.append(Failure(f.name, f"{f.name}: {reason}"))
                checked[f.name] = value
            elif value is None:
                if f.default is not None:
                    checked[f.name] = f.default
                elif f.name in news:
                    checked[f.name] = None
            elif contains_unknown(value):
                checked[f.name] = value
            else:
                checked[f.name] = f.kind.coerce(value)
        return checked, failures

    def _field_problem(self, f: Field, value: Any, news: Mapping[str, Any]) -> str | None:
        if is_unknown(value):
            return None
        if value is None or value == "":
            if f.required:
                return f"missing required property; expected {f.allowed_text()}"
            return None
        if f.only_when:
            other, allowed = f.only_when
            other_value = news.get(other)
            if not is_unknown(other_value) and other_value not in allowed:
                return (
                    f"only allowed when {other} is {'|'.join(allowed)} "
                    f"(here {other} is {other_value!r}); remove {f.name} or change {other}"
                )
        return f.kind.validate(value, news)

    # ---- diff -----------------------------------------------------------------------------
    def diff(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Diff:
        """Compare previous outputs with checked inputs; no API call.

        An unknown new value counts as a change (a replace for replace-on-change fields).
        ``__provider`` and computed outputs are ignored; JSON fields compare by meaning.
        """
        changes: list[str] = []
        replaces: list[str] = []
        for f in self.inputs:
            if not f.diffed:
                continue
            old, new = olds.get(f.name), news.get(f.name)
            if contains_unknown(new):
                changed = True
            else:
                changed = f.kind.canonical(old, olds) != f.kind.canonical(new, news)
                if changed and f.kind.is_empty(old) and f.kind.is_empty(new):
                    changed = False
            if not changed:
                continue
            changes.append(f.name)
            if f.replace or (f.kind.clear_value is None and f.in_modify and new is None):
                # A removal Modify cannot express (an emptied list) needs a fresh object too.
                replaces.append(f.name)
        same_identity = bool(self.identity) and not any(k in changes for k in self.identity)
        return Diff(tuple(changes), tuple(replaces), bool(replaces) and same_identity)
