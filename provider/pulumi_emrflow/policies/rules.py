"""Turning pure checks into pulumi_policy policies.

A rule is a pure function: a resource check takes a ``Subject`` (type, name, plain properties,
stack name) and the policy's settings and yields messages; a stack check takes the stack's
``StackResource`` list and yields ``(urn, message)`` pairs. ``resource_policy`` and
``stack_policy`` wrap them: they skip other resource types, copy the properties out of the
engine's unknown-checking proxy (see ``values.snapshot``) and merge the pack config over the
defaults declared in the policy's config schema, the one place defaults live.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from pulumi_emrflow.policies.values import TYPE_PREFIX, snapshot

Schema = dict[str, dict[str, Any]]
"""JSON-schema properties of a policy's config, each with its ``default``."""
Settings = Mapping[str, Any]


@dataclass(frozen=True)
class Subject:
    """One resource as a resource check sees it."""

    resource_type: str
    name: str
    """The Pulumi resource name (what the program passed as ``resource_name``)."""
    props: dict[str, Any]
    """Plain checked inputs; values not known yet are ``values.UNKNOWN``."""
    stack: str | None = None
    """The stack being deployed; None when it could not be told, and then a per-stack rule
    reports that it could not check rather than passing."""

    @property
    def label(self) -> str:
        """``FlowJob 'nightly'``: how messages name the resource."""
        return f"{self.resource_type.removeprefix(TYPE_PREFIX)} '{self.name}'"


@dataclass(frozen=True)
class StackResource:
    """One resource as a stack check sees it."""

    resource_type: str
    name: str
    urn: str
    props: dict[str, Any]
    depends_on: dict[str, frozenset[str]] = field(default_factory=dict)
    """For each property, the URNs of the resources its value comes from."""

    @property
    def label(self) -> str:
        return f"{self.resource_type.removeprefix(TYPE_PREFIX)} '{self.name}'"


ResourceCheck = Callable[[Subject, Settings], Iterable[str]]
StackCheck = Callable[[list[StackResource], Settings], Iterable[tuple[str, str]]]


def settings(schema: Schema, config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The schema's defaults overlaid with the configured values."""
    merged = {key: copy.deepcopy(prop.get("default")) for key, prop in schema.items()}
    merged.update(config or {})
    return merged


def current_stack(urn: str = "") -> str | None:
    """The stack the engine runs the pack for: ``PULUMI_STACK``, which the CLI sets for
    analyzers, else the stack named in the resource's URN
    (``urn:pulumi:<stack>::<project>::<type>::<name>``), which any harness has to build."""
    return os.environ.get("PULUMI_STACK") or stack_of(urn)


def stack_of(urn: str) -> str | None:
    """The stack part of a resource URN, or None when ``urn`` is not one."""
    head, separator, _ = urn.partition("::")
    stack = head.removeprefix("urn:pulumi:")
    return stack if separator and stack and stack != head else None


def resource_policy(
    name: str,
    description: str,
    resource_types: Iterable[str],
    check: ResourceCheck,
    schema: Schema | None = None,
    enforcement_level: EnforcementLevel | None = None,
    remediation_steps: str | None = None,
) -> ResourceValidationPolicy:
    """A resource validation policy running ``check`` on the given resource types."""
    types = frozenset(resource_types)
    props_schema = schema or {}

    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        if args.resource_type not in types:
            return
        subject = Subject(
            args.resource_type, args.name, snapshot(args.props), current_stack(args.urn)
        )
        for message in check(subject, settings(props_schema, args.get_config())):
            report_violation(message, None)

    return ResourceValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=enforcement_level,
        config_schema=PolicyConfigSchema(props_schema) if props_schema else None,
        remediation_steps=remediation_steps,
    )


def stack_policy(
    name: str,
    description: str,
    check: StackCheck,
    schema: Schema | None = None,
    enforcement_level: EnforcementLevel | None = None,
    remediation_steps: str | None = None,
) -> StackValidationPolicy:
    """A stack validation policy running ``check`` over every resource of the stack."""
    props_schema = schema or {}

    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        resources = [
            StackResource(
                r.resource_type,
                r.name,
                r.urn,
                snapshot(r.props),
                {k: frozenset(d.urn for d in deps) for k, deps in r.property_dependencies.items()},
            )
            for r in args.resources
        ]
        for urn, message in check(resources, settings(props_schema, args.get_config())):
            report_violation(message, urn)

    return StackValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=enforcement_level,
        config_schema=PolicyConfigSchema(props_schema) if props_schema else None,
        remediation_steps=remediation_steps,
    )
