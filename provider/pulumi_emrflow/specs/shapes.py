"""The structure of a nested argument (a job's run_conf, a resource entry, a custom variable).

A JSON kind or a list kind that takes structured items names its ``Shape``; the generator
writes the ``<name>`` Args class and the ``<name>Dict`` TypedDict from it, and the kind checks
the keys it allows against the same members.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    """One key of a nested argument: ``type`` is the Python annotation inside ``pulumi.Input``."""

    name: str
    type: str
    doc: str
    required: bool = False
    default: str | None = None
    """The default's source text (``'""'``) when it is not None."""
    plain: bool = False
    """A plain value, not a ``pulumi.Input`` (read when the Args object is made)."""
    false_is_unset: bool = False
    """False is dropped like None (so the stored inputs stay as they always were)."""
    from_resource: tuple[str, str] | None = None
    """``(member, output)``: when ``member`` is given a resource (a FlowJob as a flow step's
    ``job``) and this member is not given, it takes that resource's ``output`` (its ``type``)."""


@dataclass(frozen=True)
class Shape:
    name: str
    """The Args class name (``RunConfArgs``); the TypedDict is ``<name>Dict``."""
    doc: str
    members: tuple[Member, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)
