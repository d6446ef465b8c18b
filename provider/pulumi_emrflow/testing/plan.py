"""What a whole-stack preview or up does to each resource, and its summary as ``pulumi preview``
prints it.

A ``Step`` is one resource's operation (``create``, ``update``, ``replace``, ``delete``,
``same``, or ``read`` for a ``get``), with the properties that changed and, for a replace, the
ones that forced it. A ``Plan`` is the steps of one run of the program, in the order the
resources were registered (deletes last, as the engine runs them) and prints as::

    + FlowJob prod-load-users create
    ~ FlowCategory analytics-prod-jobs update [diff: ~name]
    +-FlowJob prod-daily-kpis replace [diff: ~type] (forced by: type)
    Resources: + 1 to create, ~ 1 to update, +- 1 to replace, 4 unchanged
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pulumi.output import Unknown
from pulumi.runtime import rpc

__all__ = ["Operation", "Plan", "Step", "changed_properties", "is_unknown"]

Operation = Literal["create", "update", "replace", "delete", "same", "read"]
"""What happens to a resource (``read``: a ``get``, which changes nothing)."""

# (symbol, summary text) in the order `pulumi preview` lists them.
_SYMBOLS: dict[str, tuple[str, str]] = {
    "create": ("+ ", "to create"),
    "update": ("~ ", "to update"),
    "replace": ("+-", "to replace"),
    "delete": ("- ", "to delete"),
}
_TYPE_PREFIX = "pulumi-python:dynamic/emrflow:"


def is_unknown(value: Any) -> bool:
    """Whether ``value`` is not known yet (an output of a resource that is still to be created)."""
    return isinstance(value, Unknown) or value == rpc.UNKNOWN


def _same(old: Any, new: Any) -> bool:
    if is_unknown(new):
        return False
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def changed_properties(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    """The top-level properties whose value differs (an unknown new value counts as changed),
    sorted: what the engine's detailed diff shows for a dynamic provider, which sends none."""
    return tuple(sorted(k for k in old.keys() | new.keys() if not _same(old.get(k), new.get(k))))


@dataclass(frozen=True)
class Step:
    """One resource's operation in a preview or an up."""

    op: Operation
    type: str
    """The whole type token (``pulumi-python:dynamic/emrflow:FlowJob``)."""
    name: str
    """The logical (Pulumi) name."""
    id: str | None = None
    """The id before the step (None for a create), for a delete the id removed."""
    diffs: tuple[str, ...] = ()
    """For an update or a replace: the properties that changed."""
    replaces: tuple[str, ...] = ()
    """For a replace: the properties that forced it."""
    delete_before_replace: bool = False
    """For a replace: the old object is deleted before the new one is created."""
    inputs: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The checked inputs (unknowns are ``pulumi.output.Unknown``; see ``is_unknown``)."""

    @property
    def kind(self) -> str:
        """The class name for emrflow resources (``FlowJob``), else the whole type token."""
        return self.type.removeprefix(_TYPE_PREFIX)

    def unknowns(self) -> tuple[str, ...]:
        """The input properties not known yet."""
        return tuple(sorted(k for k, v in self.inputs.items() if is_unknown(v)))

    def __str__(self) -> str:
        symbol = _SYMBOLS.get(self.op, ("  ", ""))[0]
        line = f"{symbol}{self.kind} {self.name} {self.op}"
        if self.diffs:
            line += " [diff: " + ", ".join(f"~{p}" for p in self.diffs) + "]"
        if self.replaces:
            line += f" (forced by: {', '.join(self.replaces)}"
            line += "; delete before replace)" if self.delete_before_replace else ")"
        return line


@dataclass(frozen=True)
class Plan:
    """The steps of one preview or up of a whole stack."""

    steps: tuple[Step, ...]

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def step(self, name: str) -> Step:
        """The step of the resource whose logical name is ``name``; KeyError otherwise."""
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(f"no step for {name!r}; planned: {[s.name for s in self.steps]}")

    def of(self, op: Operation) -> list[Step]:
        """The steps doing ``op``."""
        return [step for step in self.steps if step.op == op]

    def counts(self) -> dict[str, int]:
        """How many resources each operation touches (``same`` and ``read`` as ``unchanged``)."""
        counts = {op: len(self.of(op)) for op in _SYMBOLS}  # type: ignore[arg-type]
        counts["unchanged"] = len(self.of("same")) + len(self.of("read"))
        return counts

    @property
    def changed(self) -> bool:
        """Whether anything would be created, updated, replaced or deleted."""
        return any(step.op in _SYMBOLS for step in self.steps)

    def summary(self) -> str:
        """``+ 3 to create, ~ 2 to update, +- 1 to replace, 5 unchanged``, as the last lines of
        ``pulumi preview`` count them (operations with no resource are left out)."""
        counts = self.counts()
        parts = [f"{_SYMBOLS[op][0].strip()} {counts[op]} {_SYMBOLS[op][1]}" for op in _SYMBOLS]
        parts = [part for op, part in zip(_SYMBOLS, parts, strict=True) if counts[op]]
        if counts["unchanged"]:
            parts.append(f"{counts['unchanged']} unchanged")
        return ", ".join(parts) if parts else "no resources"

    def format(self, *, all_steps: bool = False) -> str:
        """One line per changed resource (every resource with ``all_steps``), then the summary."""
        shown = [s for s in self.steps if all_steps or s.op in _SYMBOLS]
        lines = [f"  {step}" for step in shown]
        lines.append(f"Resources: {self.summary()}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()
