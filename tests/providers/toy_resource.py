"""A toy resource kind described entirely here: its spec and its operation rows, nothing else.

The provider server finds it by import path (``"toy_resource:TOY"`` is what its pickled provider
holds), so the test proves that a new resource needs no change to a generic module. ``status``
is a field Create does not take (like a flow's Status, only ModifyFlowForWeb sets it).
"""

from __future__ import annotations

import dataclasses

from pulumi_emrflow.api.operations import Operation, Param
from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.kinds import Choice, Integer, Text
from pulumi_emrflow.specs.resource import ResourceSpec, ServiceMessages, renamed

_ID = (Param("RegionId"), Param("Id", required=True))
_BODY = (Param("Name"), Param("Size", "int"))

TOY = ResourceSpec(
    name="toy_resource:TOY",
    type_name="Toy",
    module="emrflowtoy",
    description="A toy object of a test service.",
    id_prefix="T-",
    create_action="CreateToy",
    describe_action="DescribeToy",
    modify_action="ModifyToy",
    delete_action="DeleteToy",
    list_action="ListToy",
    list_items=("Toys", "Toy"),
    messages=ServiceMessages(not_found=("Toy does not exist",)),
    operations=(
        Operation("CreateToy", idempotent=False, params=(Param("RegionId"), *_BODY)),
        Operation("DescribeToy", idempotent=True, params=_ID),
        Operation("ModifyToy", idempotent=True, params=(*_ID, *_BODY, Param("Status"))),
        Operation("DeleteToy", idempotent=True, params=_ID),
        Operation("ListToy", idempotent=True, params=(Param("RegionId"), Param("Name"))),
    ),
    fields=(
        Field("name", "Name", Text(), "The toy's name", required=True),
        Field("size", "Size", Integer(0, 10), "How big it is"),
        Field("status", "Status", Choice("ON", "OFF"), "Whether it runs", in_create=False),
        Field("toy_id", None, Text(), "The toy's id, the same as id", computed=True, is_id=True),
    ),
)


# The toy as a later release describes it: ``size`` is called ``dimension`` now (same API
# parameter). State written by the release above still says ``size``: the migration moves it.
# Its registry name stands for "the same spec name, newer code" (what an upgrade really is).
TOY_NEXT = dataclasses.replace(
    TOY,
    name="toy_resource:TOY_NEXT",
    fields=tuple(
        dataclasses.replace(f, name="dimension") if f.name == "size" else f for f in TOY.fields
    ),
    migrations=(renamed("size", "dimension"),),
)
TOY_NEXT_UNMIGRATED = dataclasses.replace(
    TOY_NEXT, name="toy_resource:TOY_NEXT_UNMIGRATED", migrations=()
)
