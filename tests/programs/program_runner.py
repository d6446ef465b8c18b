"""Run a Pulumi program directory under pulumi.runtime.set_mocks and record what it declares.

The program, the resource classes and the provider pickling run for real; the engine and the
providers do not: each registration gets an id shaped like the service's (FP-/FC-/FJ-/C- plus
16 hex digits; a cluster setting's id is "<project>:<cluster>") and its inputs back as outputs.
"""

from __future__ import annotations

import itertools
import runpy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import rpc

DYNAMIC = "pulumi-python:dynamic/emrflow:"
PROJECT = DYNAMIC + "FlowProject"
SETTING = DYNAMIC + "FlowProjectClusterSetting"
CATEGORY = DYNAMIC + "FlowCategory"
JOB = DYNAMIC + "FlowJob"
ALICLOUD_CLUSTER = "alicloud:emr/cluster:Cluster"

_PREFIXES = {PROJECT: "FP-", CATEGORY: "FC-", JOB: "FJ-", ALICLOUD_CLUSTER: "C-"}


@dataclass(frozen=True)
class Declared:
    """One registered resource: its type token, name, mock id and inputs (secrets unwrapped)."""

    type: str
    name: str
    id: str
    inputs: dict[str, Any]
    secret_inputs: frozenset[str]


class _RecordingMocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.declared: list[Declared] = []
        self._counter = itertools.count(1)

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        inputs = {k: v for k, v in args.inputs.items() if k != "__provider"}
        secret = frozenset(k for k, v in inputs.items() if rpc.is_rpc_secret(v))
        plain = {k: rpc.unwrap_rpc_secret(v) for k, v in inputs.items()}
        if args.typ == SETTING:
            id_ = f"{plain['project_id']}:{plain['cluster_id']}"
        else:
            id_ = f"{_PREFIXES.get(args.typ, 'X-')}{next(self._counter):016X}"
        self.declared.append(Declared(args.typ, args.name, id_, plain, secret))
        return id_, dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


def run_program(
    directory: Path,
    *,
    project: str,
    stack: str,
    config: Mapping[str, str] | None = None,
    secret_keys: tuple[str, ...] = (),
) -> list[Declared]:
    """Run ``directory``'s ``__main__.py`` as stack ``stack`` of ``project`` with ``config``
    (keys without namespace belong to the project) and return what it declared."""
    mocks = _RecordingMocks()
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False)
    full = {(k if ":" in k else f"{project}:{k}"): v for k, v in (config or {}).items()}
    secrets = [k if ":" in k else f"{project}:{k}" for k in secret_keys]
    pulumi.runtime.set_all_config(full, secrets)

    @pulumi.runtime.test
    def program() -> None:
        runpy.run_path(str(directory), run_name="__main__")

    try:
        program()
    finally:
        pulumi.runtime.set_all_config({}, [])
    return mocks.declared


def of_type(declared: list[Declared], type_token: str) -> list[Declared]:
    return [d for d in declared if d.type == type_token]


def assert_wired(declared: list[Declared]) -> None:
    """Every flow resource hangs off a project of the program; every job runs on a cluster that
    a FlowProjectClusterSetting binds to its project; every job folder is one of the program's."""
    projects = {d.id for d in of_type(declared, PROJECT)}
    assert projects, "no FlowProject declared"
    bound = {(d.inputs["project_id"], d.inputs["cluster_id"]) for d in of_type(declared, SETTING)}
    folders = {d.id: d.inputs["project_id"] for d in of_type(declared, CATEGORY)}
    for d in declared:
        if d.type in (SETTING, CATEGORY, JOB):
            assert d.inputs["project_id"] in projects, f"{d.name}: project_id not from a project"
    for d in of_type(declared, JOB):
        project_id, cluster_id = d.inputs["project_id"], d.inputs.get("cluster_id")
        assert (project_id, cluster_id) in bound, f"{d.name}: cluster {cluster_id} not bound"
        folder = d.inputs.get("parent_category")
        if folder is not None:
            assert folders.get(folder) == project_id, f"{d.name}: folder of another project"
