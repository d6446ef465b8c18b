"""What every generated resource class shares: the two pulumi-alicloud call shapes, the
TypeError for a missing required argument, secret inputs, and ``get``.

The per-resource modules beside this one are generated from the specs (``codegen``); anything
a resource needs that they cannot say belongs in its spec, or as a general rule here.
"""

from __future__ import annotations

import datetime
import difflib
import inspect
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

import pulumi

from pulumi_emrflow.resources._registration import register

if TYPE_CHECKING:
    from pulumi_emrflow.specs.kinds import Kind
    from pulumi_emrflow.specs.resource import ResourceSpec


class ArgsBase:
    """Keyword-only value objects; ``to_dict`` keeps only the fields that were given."""

    _false_is_unset: ClassVar[frozenset[str]] = frozenset()
    """Fields whose False means "not given" (kept from 0.1.0 so stored inputs do not change)."""

    def _set(self, values: Mapping[str, Any]) -> None:
        """Keep the arguments ``__init__`` received (its ``locals()``)."""
        for key, value in values.items():
            if key != "self":
                setattr(self, key, value)

    def to_dict(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in vars(self).items()
            if v is not None and not (v is False and k in self._false_is_unset)
        }


def plain_args(value: Any) -> Any:
    """Args objects (at any depth) as dicts; a resource given where its id is meant (a flow's
    step) as its id; a datetime as ISO 8601 text (what a property value can carry; the kind
    reads it back); everything else (Outputs included) as is."""
    if isinstance(value, pulumi.CustomResource):
        return value.id
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, ArgsBase):
        return {k: plain_args(v) for k, v in value.to_dict().items()}
    if isinstance(value, Mapping):
        return {k: plain_args(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_args(v) for v in value]
    return value


def _from_resources(kind: Kind, value: Any) -> Any:
    """``value`` (a list of items of the kind's shape) with the members a resource given in
    another member supplies (``Member.from_resource``: a step's job type from its FlowJob)."""
    shape = kind.shape
    fills = [(m.name, *m.from_resource) for m in shape.members if m.from_resource] if shape else []
    if not fills or not isinstance(value, list | tuple):
        return value
    items = []
    for item in value:
        if isinstance(item, ArgsBase):
            item = item.to_dict()
        if isinstance(item, Mapping):
            item = dict(item)
            for name, source, output in fills:
                given = item.get(source)
                if item.get(name) is None and isinstance(given, pulumi.CustomResource):
                    item[name] = getattr(given, output, None)
        items.append(item)
    return items


def _may_hold_secret(kind: Kind, value: Any) -> bool:
    """True unless ``value`` is known now and the kind finds nothing secret in it."""
    if isinstance(value, pulumi.Output):
        return True
    if isinstance(value, list) and any(
        isinstance(v, pulumi.Output) or (isinstance(v, dict) and _has_output(v)) for v in value
    ):
        return True
    return kind.holds_secret(value)


def _has_output(value: Mapping[str, Any]) -> bool:
    return any(isinstance(v, pulumi.Output) for v in value.values())


def _output_property(name: str, doc: str) -> property:
    """A read-only property returning the resource's ``name`` output, documented by ``doc``."""

    def getter(self: pulumi.Resource) -> Any:
        return pulumi.get(self, name)

    getter.__name__ = name
    return property(getter, doc=doc)


class SpecResource(pulumi.dynamic.Resource):
    """Base of the resource classes: ``_spec`` is the table, ``_args_type`` the ``*Args`` class."""

    _spec: ClassVar[ResourceSpec]
    _args_type: ClassVar[type[ArgsBase]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_spec" in cls.__dict__:
            for f in cls._spec.fields:  # the outputs typed (under TYPE_CHECKING) in the class
                setattr(cls, f.name, _output_property(f.name, f.docstring()))
        # The arguments' docs are written once, in the Args class; help(FlowJob) shows them too.
        args_type = cls.__dict__.get("_args_type")
        if args_type is not None and "__init__" in cls.__dict__:
            params = inspect.cleandoc(args_type.__init__.__doc__ or "").partition("\n\n")[2]
            declare = inspect.cleandoc(cls.__init__.__doc__ or "")
            cls.__init__.__doc__ = f"{declare}\n\n{params}"

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        try:
            args_obj, opts = self._split_args(args, kwargs)
        except TypeError as exc:
            # Name the resource: a program declares many of one class.
            raise TypeError(f"{type(self).__name__} {resource_name!r}: {exc}") from None
        self._internal_init(resource_name, args_obj, opts)

    @classmethod
    def _split_args(
        cls, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[dict[str, Any], pulumi.ResourceOptions | None]:
        """Tell the two call shapes apart: (opts=None, **kwargs) and (args, opts=None)."""
        name, kwargs = cls.__name__, dict(kwargs)
        if args and isinstance(args[0], cls._args_type):
            if len(args) > 2:
                raise TypeError(f"{name}() takes resource_name, args and opts")
            opts = args[1] if len(args) > 1 else kwargs.pop("opts", None)
            if kwargs:
                extra = ", ".join(sorted(kwargs))
                raise TypeError(f"{name}() got keyword arguments besides args and opts: {extra}")
            return args[0].to_dict(), opts
        if "args" in kwargs and isinstance(kwargs["args"], cls._args_type):
            args_obj = kwargs.pop("args")
            return args_obj.to_dict(), kwargs.pop("opts", None)
        if len(args) > 1:
            raise TypeError(f"{name}() takes resource_name and opts positionally; name the rest")
        opts = args[0] if args else kwargs.pop("opts", None)
        known = [f.name for f in cls._spec.inputs]
        unknown = sorted(set(kwargs) - set(known))
        if unknown:
            raise TypeError("; ".join(_unexpected(key, known) for key in unknown))
        return kwargs, opts

    def _internal_init(
        self, resource_name: str, args: dict[str, Any], opts: pulumi.ResourceOptions | None
    ) -> None:
        spec = self._spec
        if opts is None:
            opts = pulumi.ResourceOptions()
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.id is None and opts.urn is None:
            missing = [required for required in spec.required if args.get(required) is None]
            if missing:
                names = ", ".join(repr(name) for name in missing)
                plural = "s" if len(missing) > 1 else ""
                raise TypeError(
                    f"{spec.type_name} {resource_name!r}: missing required argument{plural} {names}"
                )
        props: dict[str, Any] = {
            f.name: plain_args(_from_resources(f.kind, args.get(f.name))) for f in spec.inputs
        }
        secret_outputs: list[str] = []
        reading = opts.id is not None  # a get: the outputs come from the service, unseen yet
        for f in spec.inputs:
            value = props[f.name]
            if f.secret and value is not None and _may_hold_secret(f.kind, value):
                props[f.name] = pulumi.Output.secret(value)
                secret_outputs.append(f.name)
            elif f.secret and reading:
                secret_outputs.append(f.name)
        for f in spec.computed:
            props[f.name] = None
        if secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs)
            )
        register(self, spec, resource_name, props, opts)

    @classmethod
    def _get(
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: Any,
        state: dict[str, Any],
    ) -> Self:
        """``get``: a resource read by ``id``; ``state`` holds what addresses it (its scope)."""
        spec, name = cls._spec, cls.__name__
        scope = [k for k in spec.scope if k not in spec.id_fields]
        if opts is not None and not isinstance(opts, pulumi.ResourceOptions):
            # 0.1.0's get(name, id, project_id): opts is third now, as in every Pulumi SDK. A
            # str or Output is never ResourceOptions, so the old form is told apart safely.
            if len(scope) != 1 or state.get(scope[0]) is not None:
                raise TypeError("Expected resource options to be a ResourceOptions instance")
            warnings.warn(
                f"{name}.get(resource_name, id, {scope[0]}) is deprecated and will be removed "
                f"in the next release: pass {scope[0]}=... by keyword (the third argument is "
                "opts, as in every Pulumi SDK)",
                DeprecationWarning,
                stacklevel=3,
            )
            state, opts = {**state, scope[0]: opts}, None
        if spec.id_fields and isinstance(id, str):
            try:
                spec.parse_id(id)
            except ValueError as exc:
                raise ValueError(f"{name}.get: {exc}") from None
        for key in scope:
            if state.get(key) is None:
                raise TypeError(
                    f"{name}.get needs {key} ({spec.describe_action} addresses the object by it)"
                )
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        known = {k: v for k, v in state.items() if v is not None}
        resource: Self = cls(resource_name, opts, **known)
        return resource


def _unexpected(key: str, known: list[str]) -> str:
    """``unexpected keyword argument 'x'``, with the nearest argument name when one is close."""
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; the arguments are {', '.join(known)}"
    return f"unexpected keyword argument {key!r}{hint}"
