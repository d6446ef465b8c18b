"""A policy pack run offline over a stack, as ``pulumi preview --policy-pack`` would run it.

``run_policies`` takes a ``ProgramRun`` (or the ``Plan`` of a preview), the stack name and the
policy config, runs every resource policy on every resource (its checked inputs, unknowns as the
engine sends them) and every stack policy on the whole stack, and returns the violations with
their enforcement levels::

    from pulumi_emrflow.testing import run_program
    from pulumi_emrflow.testing.policy_run import run_policies

    run = run_program("examples/etl-pipeline", stack="prod", config={"dbPassword": "x"})
    report = run_policies(run, config={"emrflow-job-type-allowed": {"forbiddenTypes": ["PIG"]}})
    print(report)                    # the violations, mandatory first, and a count
    assert not report.mandatory

The policies are the shipped pack's (``default_policies()``) unless ``policies`` gives a pack of
your own; the config is per policy, as in a PulumiPolicy.yaml or ``--policy-config`` file: a
level (``"advisory"``, ``"mandatory"``, ``"disabled"``) or ``{"enforcementLevel": ..., <its
properties>}``. The stack is ``stack`` (by default the run's), set as ``PULUMI_STACK`` while the
policies run, as the CLI sets it for a pack. This path needs pulumi-policy: install
``pulumi-emrflow[policy]``. ``validate_resource``, ``validate_stack`` and ``policy_resource``
run one policy, for tests of a policy of your own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from pulumi_emrflow.policies import PACK_ENFORCEMENT_LEVEL, default_policies
from pulumi_emrflow.testing.mocks import EMRFLOW_TYPE_PREFIX, DeclaredResource
from pulumi_emrflow.testing.plan import Plan, is_unknown
from pulumi_emrflow.testing.program import ProgramRun

__all__ = [
    "PolicyReport",
    "Violation",
    "policy_resource",
    "run_policies",
    "validate_resource",
    "validate_stack",
]


@dataclass(frozen=True)
class Violation:
    """One policy violation, as ``pulumi preview --policy-pack`` lists it."""

    policy: str
    enforcement_level: str
    """``mandatory`` (blocks the deployment) or ``advisory`` (a warning)."""
    message: str
    resource: str | None
    """The resource's URN, or None for a stack violation not tied to one."""

    def __str__(self) -> str:
        where = f"  ({_short(self.resource)})" if self.resource else ""
        return f"[{self.enforcement_level}]  {self.policy}{where}\n    {self.message}"


@dataclass(frozen=True)
class PolicyReport:
    """The violations of one run of the pack over a stack."""

    stack: str
    violations: tuple[Violation, ...]

    @property
    def mandatory(self) -> list[Violation]:
        return [v for v in self.violations if v.enforcement_level == "mandatory"]

    @property
    def advisory(self) -> list[Violation]:
        return [v for v in self.violations if v.enforcement_level == "advisory"]

    @property
    def passed(self) -> bool:
        """No mandatory violation: ``pulumi up`` would go ahead."""
        return not self.mandatory

    def __str__(self) -> str:
        ordered = [*self.mandatory, *self.advisory]
        lines = [f"Policies (stack {self.stack}):"]
        lines += [f"  {violation}".replace("\n", "\n  ") for violation in ordered]
        lines.append(
            f"{len(self.mandatory)} mandatory, {len(self.advisory)} advisory violation(s)"
            + ("" if self.passed else ": the deployment would be blocked")
        )
        return "\n".join(lines)


def _short(urn: str) -> str:
    """``FlowJob: prod-export`` from the resource's URN."""
    parts = urn.split("::")
    if len(parts) < 4:
        return urn
    return f"{parts[2].removeprefix(EMRFLOW_TYPE_PREFIX)}: {parts[3]}"


def _wire(value: Any) -> Any:
    """``value`` with unknowns as the engine sends them to a pack."""
    if is_unknown(value):
        return UNKNOWN_STRING_VALUE
    if isinstance(value, Mapping):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def _options() -> PolicyResourceOptions:
    return PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])


def _urn(stack: str, project: str, resource_type: str, name: str) -> str:
    return f"urn:pulumi:{stack}::{project}::{resource_type}::{name}"


@contextmanager
def _stack_env(stack: str) -> Iterator[None]:
    # The CLI gives a pack the stack in PULUMI_STACK; rules read it from there first.
    before = os.environ.get("PULUMI_STACK")
    os.environ["PULUMI_STACK"] = stack
    try:
        yield
    finally:
        if before is None:
            del os.environ["PULUMI_STACK"]
        else:
            os.environ["PULUMI_STACK"] = before


def validate_resource(
    policy: ResourceValidationPolicy,
    resource_type: str,
    name: str,
    props: Mapping[str, Any],
    *,
    stack: str = "dev",
    project: str = "project",
    config: Mapping[str, Any] | None = None,
) -> list[str]:
    """The messages ``policy`` reports for one resource of stack ``stack`` (``config``: the
    policy's own properties). The stack is in the resource's URN; a ``PULUMI_STACK`` set in
    the environment still comes first, as under the CLI."""
    messages: list[str] = []
    args = ResourceValidationArgs(
        resource_type,
        unknown_checking_proxy(_wire(dict(props))),
        _urn(stack, project, resource_type, name),
        name,
        _options(),
        None,
        dict(config) if config is not None else None,
    )

    def report(message: str, urn: str | None = None) -> None:
        messages.append(message)

    policy.validate(args, report)
    return messages


def policy_resource(
    resource_type: str,
    name: str,
    props: Mapping[str, Any],
    *,
    stack: str = "dev",
    project: str = "project",
    depends_on: Mapping[str, list[PolicyResource]] | None = None,
) -> PolicyResource:
    """A resource as a stack policy sees it (``depends_on``: per property, the resources its
    value comes from, which lets a rule match two values still unknown in a preview)."""
    return PolicyResource(
        resource_type,
        unknown_checking_proxy(_wire(dict(props))),
        _urn(stack, project, resource_type, name),
        name,
        _options(),
        None,
        None,
        [],
        dict(depends_on or {}),
    )


def validate_stack(
    policy: StackValidationPolicy,
    resources: list[PolicyResource],
    config: Mapping[str, Any] | None = None,
) -> list[tuple[str | None, str]]:
    """The ``(urn, message)`` pairs ``policy`` reports for the stack."""
    found: list[tuple[str | None, str]] = []

    def report(message: str, urn: str | None = None) -> None:
        found.append((urn, message))

    policy.validate(
        StackValidationArgs(resources, dict(config) if config is not None else None), report
    )
    return found


def _level(level: EnforcementLevel | str | None) -> str:
    return str(level.value if isinstance(level, EnforcementLevel) else level).lower()


def _subjects(source: ProgramRun | Plan | Iterable[DeclaredResource]) -> list[tuple[str, str, Any]]:
    """(type, name, props) of each resource, with the checked inputs the engine gives a pack."""
    if isinstance(source, Plan):
        return [(s.type, s.name, s.inputs) for s in source if s.op != "delete"]
    resources = source.resources if isinstance(source, ProgramRun) else list(source)
    return [(r.type, r.name, _checked(r)) for r in resources]


def _checked(resource: DeclaredResource) -> dict[str, Any]:
    if resource.status != "recorded":
        return resource.inputs  # created and read resources hold the provider's checked inputs
    from pulumi_emrflow.specs import get_spec, spec_names

    by_kind = {get_spec(name).type_name: name for name in spec_names()}
    checked, failures = get_spec(by_kind[resource.kind]).check(resource.inputs)
    return resource.inputs if failures else checked


def run_policies(
    source: ProgramRun | Plan | Iterable[DeclaredResource],
    *,
    stack: str | None = None,
    project: str | None = None,
    config: Mapping[str, Any] | None = None,
    policies: Sequence[Policy] | None = None,
    enforcement_level: EnforcementLevel = PACK_ENFORCEMENT_LEVEL,
) -> PolicyReport:
    """Run the pack over ``source`` (a run, a preview's plan, or resources) as stack ``stack``
    (needed unless ``source`` is a run); see the module docstring."""
    if stack is None:
        if not isinstance(source, ProgramRun):
            raise ValueError("run_policies needs stack=...: the per-stack rules depend on it")
        stack = source.stack
    project = project or (source.project if isinstance(source, ProgramRun) else "project")
    subjects = _subjects(source)
    with _stack_env(stack):
        violations = _violations(subjects, stack, project, config, policies, enforcement_level)
    return PolicyReport(stack, tuple(violations))


def _violations(
    subjects: list[tuple[str, str, Any]],
    stack: str,
    project: str,
    config: Mapping[str, Any] | None,
    policies: Sequence[Policy] | None,
    enforcement_level: EnforcementLevel,
) -> list[Violation]:
    violations: list[Violation] = []
    for policy in default_policies() if policies is None else policies:
        own = (config or {}).get(policy.name)
        props = dict(own) if isinstance(own, Mapping) else {}
        level = _level(
            props.pop("enforcementLevel", None)
            or (own if isinstance(own, str) else None)
            or policy.enforcement_level
            or enforcement_level
        )
        if level == "disabled":
            continue
        if isinstance(policy, ResourceValidationPolicy):
            for resource_type, name, inputs in subjects:
                urn = _urn(stack, project, resource_type, name)
                for message in validate_resource(
                    policy, resource_type, name, inputs, stack=stack, project=project, config=props
                ):
                    violations.append(Violation(policy.name, level, message, urn))
        elif isinstance(policy, StackValidationPolicy):
            resources = [
                policy_resource(t, n, p, stack=stack, project=project) for t, n, p in subjects
            ]
            found = validate_stack(policy, resources, props)
            violations += [Violation(policy.name, level, message, urn) for urn, message in found]
    return violations
