"""Rows every resource table has (the region it lives in, the service's timestamps), and the
messages that say an object's project is gone (so is everything in it)."""

from __future__ import annotations

from pulumi_emrflow.specs.fields import Field
from pulumi_emrflow.specs.kinds import Integer, Text

REGION = Field(
    "region",
    None,
    Text(),
    "The region (e.g. cn-hangzhou); defaults to the "
    "alicloud:region config or the ALICLOUD_REGION environment variable",
    replace=True,
    echoed=False,
)

TIMESTAMPS = (
    Field(
        "gmt_create",
        None,
        Integer(),
        "Creation time in epoch milliseconds; filled from "
        "the service on read (refresh), None right after create",
        computed=True,
        describe_key="GmtCreate",
    ),
    Field(
        "gmt_modified",
        None,
        Integer(),
        "Last modification time in epoch milliseconds; filled from the service on read",
        computed=True,
        describe_key="GmtModified",
    ),
)

PROJECT_GONE = ("Project does not exist", "project not exist")
