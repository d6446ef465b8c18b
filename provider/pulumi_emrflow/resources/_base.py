"""What every spec-driven resource class shares: the two pulumi-alicloud call shapes, the
TypeError for a missing required argument, secret inputs, and outputs documented from the spec.

A resource module writes its ``*Args`` class and its resource class (typed overloads, typed
outputs, ``get``) and leaves the rest to ``SpecResource`` and ``finish_resource_class``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pulumi

from pulumi_emrflow.resources._registration import output_property, register

if TYPE_CHECKING:
    from pulumi_emrflow.specs.kinds import Kind
    from pulumi_emrflow.specs.resource import ResourceSpec


class ArgsBase:
    """Keyword-only value objects; ``to_dict`` keeps only the fields that were given."""

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


def plain_args(value: Any) -> Any:
    """Args objects (at any depth) as dicts; everything else (Outputs included) as is."""
    if isinstance(value, ArgsBase):
        return {k: plain_args(v) for k, v in value.to_dict().items()}
    if isinstance(value, Mapping):
        return {k: plain_args(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_args(v) for v in value]
    return value


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


class SpecResource(pulumi.dynamic.Resource):
    """Base of the resource classes: ``_spec`` is the table, ``_args_type`` the ``*Args`` class."""

    _spec: ClassVar[ResourceSpec]
    _args_type: ClassVar[type[ArgsBase]]

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        args_obj, opts = self._split_args(args, kwargs)
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
        unknown = sorted(set(kwargs) - {f.name for f in cls._spec.inputs})
        if unknown:
            raise TypeError(f"{name}() got unexpected keyword argument(s): {', '.join(unknown)}")
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
            for required in spec.required:
                if args.get(required) is None:
                    raise TypeError(f"Missing required property '{required}'")
        props: dict[str, Any] = {f.name: plain_args(args.get(f.name)) for f in spec.inputs}
        secret_outputs: list[str] = []
        for f in spec.inputs:
            value = props[f.name]
            if f.secret and value is not None and _may_hold_secret(f.kind, value):
                props[f.name] = pulumi.Output.secret(value)
                secret_outputs.append(f.name)
        for f in spec.computed:
            props[f.name] = None
        if secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs)
            )
        register(self, spec, resource_name, props, opts)


def param_docs(spec: ResourceSpec) -> str:
    return "\n".join(f":param {f.name}: {f.docstring()}" for f in spec.inputs)


def finish_resource_class(cls: type[SpecResource], args_type: type[ArgsBase]) -> None:
    """Document ``cls`` and ``args_type`` from the spec and add one output property per field."""
    spec = cls._spec
    for f in spec.fields:
        setattr(cls, f.name, output_property(f.name, f.docstring()))
    args_type.__init__.__doc__ = f"The arguments of a {spec.type_name}.\n\n" + param_docs(spec)
    name = spec.type_name
    cls.__init__.__doc__ = (
        f"Declare a {name}: {name}(resource_name, opts=None, **kwargs) or "
        f"{name}(resource_name, args: {args_type.__name__}, opts=None).\n\n" + param_docs(spec)
    )
