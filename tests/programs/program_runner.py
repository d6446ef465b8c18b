"""Run a Pulumi program directory under pulumi.runtime.set_mocks and record what it declares.

A thin layer over the public runner, ``pulumi_emrflow.testing.run_program``, in its record-only
mode: the program, the resource classes and the provider pickling run for real; the engine and the
providers do not: each registration gets an id shaped like the service's (FP-/FC-/FJ-/C- plus
16 hex digits; a cluster setting's id is "<project>:<cluster>") and its inputs back as outputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pulumi_emrflow.testing import DeclaredResource as Declared
from pulumi_emrflow.testing import run_program as _run_program

DYNAMIC = "pulumi-python:dynamic/emrflow:"
PROJECT = DYNAMIC + "FlowProject"
SETTING = DYNAMIC + "FlowProjectClusterSetting"
CATEGORY = DYNAMIC + "FlowCategory"
JOB = DYNAMIC + "FlowJob"
ALICLOUD_CLUSTER = "alicloud:emr/cluster:Cluster"

__all__ = ["ALICLOUD_CLUSTER", "CATEGORY", "JOB", "PROJECT", "SETTING", "Declared"]


def run_program(
    directory: Path,
    *,
    project: str,
    stack: str,
    config: Mapping[str, str] | None = None,
    secret_keys: tuple[str, ...] = (),
) -> list[Declared]:
    """Run ``directory``'s ``__main__.py`` as stack ``stack`` of ``project`` with ``config``
    (keys without namespace belong to the project) and return what it declared (record only)."""
    run = _run_program(
        directory, project=project, stack=stack, config=config, secret_keys=secret_keys
    )
    return run.resources


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
