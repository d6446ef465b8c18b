"""One row of a resource table: a property, its API parameter and every rule that applies to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pulumi_emrflow.specs.kinds import Choice, Integer, Kind, ObjectId, StringList, Text


@dataclass(frozen=True)
class Field:
    """A resource property.

    ``name`` is the snake_case key used in inputs, state and outputs. ``api`` is the API parameter
    name (``None`` for provider-only properties such as ``region`` and ``adopt``). A ``computed``
    field is an output only; it is filled from ``describe_key`` on read and from ``from_field`` (or
    left ``None``) on create.
    """

    name: str
    api: str | None
    kind: Kind
    doc: str
    required: bool = False
    replace: bool = False
    """Changing it forces replacement (the Modify call does not take it)."""
    secret: bool = False
    """Values the kind considers sensitive are secret outputs."""
    echoed: bool = True
    """Describe reports it; when False, read keeps the value from state."""
    describe_key: str | None = None
    """Key in the Describe answer when it differs from ``api`` (``mode``, ``CategoryId``)."""
    computed: bool = False
    from_field: str | None = None
    """For a computed field: the input property whose value it takes on create and update."""
    diffed: bool = True
    """False for create-time switches (``adopt``) whose later change does nothing."""
    only_when: tuple[str, tuple[str, ...]] | None = None
    """``(field, values)``: the property is only allowed when ``field`` has one of ``values``."""
    default: Any = None
    """Filled in by check when the property is not given: the value the service would use, so
    that state, the request and the Describe answer agree (no diff after a refresh)."""
    is_id: bool = False
    """An output that repeats the resource's id (``job_id``, ``project_id`` of a FlowProject)."""
    in_create: bool = True
    """False for a property the Create call does not take (a flow's ``Status`` exists only on
    Modify): when one is set, create is followed by a Modify that sets it."""

    @property
    def read_key(self) -> str | None:
        return self.describe_key or self.api

    @property
    def in_modify(self) -> bool:
        return self.api is not None and not self.replace and not self.computed

    def allowed_text(self) -> str:
        """The allowed values as one short phrase, for docs and failure messages."""
        kind = self.kind
        if isinstance(kind, Choice):
            return "one of " + "|".join(kind.values)
        if isinstance(kind, Integer):
            return kind.range_text
        if isinstance(kind, ObjectId):
            return f"the id of {kind.what} ({kind.prefix}...)"
        if isinstance(kind, Text):
            if kind.max_length is not None:
                return f"a string of at most {kind.max_length} characters"
            return "a string"
        if isinstance(kind, StringList):
            return "a list of distinct non-empty strings"
        return kind.doc_type

    def docstring(self) -> str:
        """What the property is, what is allowed, and whether changing it updates or replaces."""
        parts = [self.doc.rstrip(".") + "."]
        if isinstance(self.kind, Choice | Integer | ObjectId) or (
            isinstance(self.kind, Text) and self.kind.max_length is not None
        ):
            parts.append(f"Allowed: {self.allowed_text()}.")
        if self.default is not None:
            parts.append(f"Default: {self.default}.")
        if self.only_when:
            field, values = self.only_when
            parts.append(f"Only allowed when {field} is {'|'.join(values)}.")
        if self.computed:
            parts.append("Output only.")
        elif not self.diffed:
            parts.append("Used on create only; changing it later has no effect.")
        elif self.replace:
            parts.append("Changing it replaces the resource.")
        else:
            parts.append("Changing it updates in place.")
        if self.required:
            parts.insert(0, "Required.")
        return " ".join(parts)
