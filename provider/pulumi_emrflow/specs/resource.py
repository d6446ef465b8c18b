"""A resource as data: the table of fields plus the API actions, and the pure rules it drives.

``ResourceSpec`` answers every question the generic lifecycle asks without knowing which
resource it is: is this input valid (``check``), what changed and what forces replacement
(``diff``), and (in ``specs.wire``) which API parameters to send and how to read a Describe
answer back into state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.kinds import show
from pulumi_emrflow.specs.list_reads import ListReads
from pulumi_emrflow.specs.unknowns import contains_unknown, is_unknown

if TYPE_CHECKING:
    from pulumi_emrflow.api.operations import Operation

PROVIDER_KEY = "__provider"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a state of an earlier release into today's form (and leaves today's unchanged)."""


def renamed(old: str, new: str) -> Migration:
    """A migration for a property renamed from ``old`` to ``new`` (the stored value moves)."""

    def migrate(state: dict[str, Any]) -> dict[str, Any]:
        if old not in state:
            return state
        moved = {k: v for k, v in state.items() if k != old}
        moved.setdefault(new, state[old])
        return moved

    migrate.__name__ = f"renamed_{old}_to_{new}"
    return migrate


def _quotes(reason: str, value: Any) -> bool:
    """True when ``reason`` repeats any string held in ``value`` (keys aside: they name the
    parts, and the messages name a wrong key) that could be part of a secret."""
    stack, seen = [value], 0
    while stack and seen < 10_000:
        item = stack.pop()
        seen += 1
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str) and len(item) >= 4 and item in reason:
            return True
    return False


@dataclass(frozen=True)
class InvalidProperty:
    """One invalid property: ``property`` is the input name, ``reason`` says what is allowed."""

    property: str
    reason: str


@dataclass(frozen=True)
class ServiceMessages:
    """How the service words the errors the lifecycle acts on (the Flow API reports them all with
    one code, FLOW_API_FAILED, so the start of the message is the only discriminator)."""

    not_found: tuple[str, ...] = ()
    """The object, or what holds it (its project), does not exist: read finds nothing and
    delete has nothing left to do."""
    conflict: str = ""
    """An object with this identity exists. When set, the service keeps identities unique, so a
    replacement that keeps the identity deletes first."""
    not_empty: str = ""
    """The object still holds others and cannot be deleted."""


@dataclass(frozen=True)
class Diff:
    changes: tuple[str, ...]
    replaces: tuple[str, ...]
    delete_before_replace: bool


@dataclass(frozen=True)
class ResourceSpec:
    """Everything the generic lifecycle needs to manage one kind of object."""

    name: str
    """Registry key (``flow_job``), or ``module:ATTR`` for a spec outside the registry: the
    only thing the pickled provider holds."""
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
    id_param: str | None = "Id"
    """The API parameter naming the object in Describe, Modify and Delete (``ProjectId`` for a
    project); None when the object has no id of its own and ``scope`` alone addresses it."""
    create_id_key: str = "Id"
    """The key of the object's id in the Create answer and in Describe and List items."""
    id_fields: tuple[str, ...] = ()
    """For an object without an id of its own (Create answers none): the fields whose values,
    joined by ``:``, make its Pulumi id (``FP-...:C-...``)."""
    scope: tuple[str, ...] = ()
    """Fields sent alongside the id to address the object (``project_id``)."""
    identity: tuple[str, ...] = ()
    """Fields that find the object in a List answer (``project_id``, ``name``): adoption and
    recovery of a lost Create answer look it up by them; more than one match is an error."""
    list_filters: tuple[str, ...] | None = None
    """The identity fields sent to the List call as filters (default: all of ``identity``)."""
    item_kind: tuple[tuple[str, str], ...] = ()
    """``(key, value)`` pairs a List or Describe item must carry (when it carries the key) to be
    an object of this kind: the service lists a folder's jobs among its folders, as
    ``CategoryType=FILE`` nodes."""
    messages: ServiceMessages = ServiceMessages()
    list_reads: ListReads | None = None
    """When set, reads of one scope are answered from one paged List call instead of a Describe
    each (see ``specs.list_reads``); unset, every read is a Describe."""
    dependents: str = ""
    """What an object that is not empty holds, for the message that says what to remove first."""
    id_prefix: str = ""
    """How the service's ids of this object begin (``FJ-``); empty for a composite id."""
    migrations: tuple[Migration, ...] = ()
    """How state written by earlier releases becomes today's, oldest first (see ``upgrade``).
    An output renamed or a value stored in another form needs one; tests/upgrade proves it."""
    region_field: str | None = "region"
    adopt_field: str | None = "adopt"
    module: str = "emrflow"
    description: str = ""
    """One line: what the object is (the first line of the class docstring)."""
    doc: str = ""
    """The rest of the class docstring: what to know when declaring one, and an example."""
    operations: tuple[Operation, ...] = ()
    """Rows for actions the built-in table (``api.operations``) does not have, e.g. for a
    resource defined outside this package; they are added to the table when the spec loads."""

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

    def upgrade(self, state: dict[str, Any]) -> dict[str, Any]:
        """``state`` (outputs or inputs, as stored by any release) in today's form.

        The engine hands the provider what an earlier release stored: diff, update, read and
        delete see it through this. Each migration must leave today's form unchanged, since
        nothing in a state says which release wrote it.
        """
        for migrate in self.migrations:
            state = migrate(state)
        return state

    def is_of_kind(self, item: Mapping[str, Any]) -> bool:
        """True unless ``item`` says it is something else (see ``item_kind``)."""
        return all(item.get(key, value) == value for key, value in self.item_kind)

    @property
    def unique_identity(self) -> bool:
        """True when the service refuses a second object with the same identity."""
        return bool(self.messages.conflict and self.identity)

    @property
    def type_token(self) -> str:
        return f"pulumi-python:dynamic/{self.module}:{self.type_name}"

    @property
    def filters(self) -> tuple[str, ...]:
        return self.identity if self.list_filters is None else self.list_filters

    @cached_property
    def modify_only(self) -> tuple[Field, ...]:
        """Inputs the Create call does not take: set by a Modify right after Create."""
        return tuple(f for f in self.inputs if not f.in_create)

    # ---- ids ------------------------------------------------------------------------------
    def compose_id(self, props: Mapping[str, Any]) -> str:
        """The id of an object without one of its own: its ``id_fields`` joined by ``:``."""
        return ":".join(str(props.get(name)) for name in self.id_fields)

    def parse_id(self, id_: str) -> dict[str, str]:
        """The ``id_fields`` values a composite id holds; ValueError saying the expected form."""
        form = ":".join(f"<{name}>" for name in self.id_fields)
        parts = id_.split(":") if isinstance(id_, str) else []
        if len(parts) != len(self.id_fields) or not all(p and p == p.strip() for p in parts):
            raise ValueError(f"{self.type_name} id {show(id_)} is not of the form {form}")
        values = dict(zip(self.id_fields, parts, strict=True))
        for name, value in values.items():
            reason = self.by_name[name].kind.validate(value, values)
            if reason:
                raise ValueError(f"{self.type_name} id {show(id_)} ({form}): {name} {reason}")
        return values

    def id_of(self, item: Mapping[str, Any]) -> str:
        """The id of the object a Describe or List item describes."""
        if self.id_fields:
            values = {
                f.name: item.get(f.read_key or "") for f in self.fields if f.name in self.id_fields
            }
            return self.compose_id(values)
        key = self.id_param if self.id_param and self.id_param in item else self.create_id_key
        return str(item[key])

    # ---- check ----------------------------------------------------------------------------
    def check(self, news: Mapping[str, Any]) -> tuple[dict[str, Any], list[InvalidProperty]]:
        """Validate program inputs: one InvalidProperty per bad one; unknown values never fail.

        Returns the inputs to store (integral floats made ints; unknowns kept) and the failures.
        """
        failures: list[InvalidProperty] = []
        checked: dict[str, Any] = {}
        for key in sorted(set(news) - set(self.by_name) - {PROVIDER_KEY}, key=str):
            allowed = ", ".join(f.name for f in self.inputs)
            name = key if len(key) <= 60 else key[:57] + "..."
            failures.append(
                InvalidProperty(name, f"unknown property {show(key)}; allowed: {allowed}")
            )
        for f in self.fields:
            value = news.get(f.name)
            if f.computed:
                if value is not None and not is_unknown(value):
                    failures.append(InvalidProperty(f.name, "an output only; it cannot be set"))
                continue
            problem = self._field_problem(f, value, news)
            if problem:
                if f.secret and _quotes(problem, value):
                    problem = f"is not {f.allowed_text()} (not quoted: it may hold a secret)"
                failures.append(InvalidProperty(f.name, problem))
                checked[f.name] = value
            elif value is None or (value == "" and f.default is not None):
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
            if value is None or f.kind.text_valued:
                return None  # "" is a string value (it clears the field on update)
            return f.kind.validate(value, news)  # "" is not a number, a switch or a list
        if f.only_when:
            other, allowed = f.only_when
            other_value = news.get(other)
            if not is_unknown(other_value) and other_value not in allowed:
                return (
                    f"only allowed when {other} is {'|'.join(allowed)} "
                    f"(here {other} is {show(other_value)}); remove {f.name} or change {other}"
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
            if f.replace or (f.kind.clear_value is None and f.in_modify and f.kind.is_empty(new)):
                # A removal Modify cannot express (an emptied list) needs a fresh object too.
                replaces.append(f.name)
        # Only a service that refuses a second object with the same identity needs the old one
        # gone first; otherwise the engine's default (create, then delete) keeps things running.
        same_identity = self.unique_identity and not any(k in changes for k in self.identity)
        return Diff(tuple(changes), tuple(replaces), bool(replaces) and same_identity)
