"""Run a Pulumi program against the emulator (or a given endpoint) without the Pulumi CLI.

``run_program`` runs a project's program under ``pulumi.runtime.set_mocks``. Every registration
of a ``pulumi-python:dynamic/emrflow:*`` resource goes through ONE real provider server process
(``python -u -m pulumi.dynamic``, driven by ``testing.engine.ProviderServer`` and configured with
the whole stack config) with the engine's up sequence: Check (failures stop the run with an error
naming the resource, property and reason), then Create; a ``get`` (a registration with an id)
is a Read. Other resources (pulumi-alicloud's ``emr.Cluster``, ...) get mock ids and their
inputs back, and are listed as ``mocked``. As under the CLI, every run imports the program's own
modules (``settings.py``, a ``lib/`` package) from its current files, and runs of different
programs never share them. Without an emulator or provider config, emrflow resources are only
recorded, with mock ids shaped like the service's::

    from pulumi_emrflow.emulator import Emulator
    from pulumi_emrflow.testing import run_program

    with Emulator() as emu:
        run = run_program("path/to/project", emulator=emu, stack="dev", config={"dbPassword": "x"})
        job = run.named("nightly-export")
        assert job.status == "created" and job.id.startswith("FJ-")
        assert run.outputs["job_id"] == job.id
        run.destroy()   # Delete, in reverse dependency order, through a provider server

What it is NOT: there is no Go engine and no persisted state. Each run is a fresh ``up`` (a second
run creates everything again: there is no Diff or Update against a previous run); there is no
preview (a plain ``pulumi preview`` calls only Check, with unknowns for values not known yet, and
never calls Create); stack transforms, aliases, ``protect`` and ``ignore_changes`` are not
applied; ``pulumi import`` does not exist. Use ``testing.engine.ProviderServer`` to test diff,
update, replace and refresh, and the real CLI (tests/e2e) for the whole thing.
"""

from __future__ import annotations

import os
import runpy
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime.settings import set_root_resource

from pulumi_emrflow.testing.engine import (
    EmulatorLike,
    ProviderCallError,
    ProviderServer,
    stack_config_for,
)
from pulumi_emrflow.testing.mocks import DeclaredResource, ProviderMocks
from pulumi_emrflow.testing.program_modules import program_modules
from pulumi_emrflow.testing.project_config import ProjectSettings, load_project

__all__ = ["DeclaredResource", "ProgramRun", "ProgramRunError", "run_program"]

_SECRET_PROVIDER_KEYS = ("alicloud:secretKey", "alicloud:securityToken")
# set_mocks and set_all_config change process-wide settings: one run at a time.
_RUN_LOCK = threading.Lock()


class ProgramRunError(Exception):
    """A run failed: the program (``run_program``) or a Delete (``ProgramRun.destroy``). ``run``
    holds what is still declared (call ``run.destroy()`` to remove what was created); the
    message names the failing resource."""

    def __init__(self, message: str, run: ProgramRun) -> None:
        super().__init__(message)
        self.run = run


class ProgramRun:
    """The outcome of ``run_program``: ``resources`` in the order their registration finished
    (dependencies first), the stack ``outputs`` (plain values) and ``destroy()``."""

    def __init__(
        self,
        settings: ProjectSettings,
        stack: str,
        resources: list[DeclaredResource],
        outputs: dict[str, Any],
        provider_config: dict[str, str] | None,
    ) -> None:
        self.project = settings.name
        self.stack = stack
        self.resources = resources
        self.outputs = outputs
        self._directory = str(settings.program)
        self._provider_config = provider_config  # holds credentials: never shown

    def __repr__(self) -> str:
        return (
            f"ProgramRun(project={self.project!r}, stack={self.stack!r}, "
            f"resources={[f'{r.kind}:{r.name}' for r in self.resources]})"
        )

    def of_type(self, kind: str) -> list[DeclaredResource]:
        """Resources of ``kind``: an emrflow class name (``FlowJob``) or a whole type token."""
        return [r for r in self.resources if kind in (r.type, r.kind)]

    def named(self, name: str) -> DeclaredResource:
        """The resource whose logical (Pulumi) name is ``name``; KeyError otherwise."""
        for resource in self.resources:
            if resource.name == name:
                return resource
        raise KeyError(f"no resource named {name!r}; declared: {[r.name for r in self.resources]}")

    def destroy(self) -> list[DeclaredResource]:
        """``pulumi destroy``: Delete every ``created`` resource, last registered first, through
        a fresh provider server (as the engine starts one per operation). Returns what was
        deleted; a failing Delete raises ``ProgramRunError`` and keeps the rest listed."""
        created = [r for r in self.resources if r.status == "created"]
        if not created or self._provider_config is None:
            return []
        deleted: list[DeclaredResource] = []
        with _server(self._provider_config, self.project, self.stack, self._directory) as server:
            kinds = {spec.type_name: spec.name for spec in _specs()}
            for resource in reversed(created):
                handle = server.kind(kinds[resource.kind])
                try:
                    handle.delete(resource.name, resource.id, resource.outputs)
                except ProviderCallError as exc:
                    message = f"{self.project} ({self.stack}): {resource.kind} {resource.name!r}"
                    raise ProgramRunError(f"{message}: {exc}", self) from None
                self.resources.remove(resource)
                deleted.append(resource)
        return deleted


def _specs() -> list[Any]:
    from pulumi_emrflow.specs import get_spec, spec_names

    return [get_spec(name) for name in spec_names()]


def _server(config: Mapping[str, str], project: str, stack: str, cwd: str) -> ProviderServer:
    """A provider server for the stack (started by its ``with``); the first kind is arbitrary,
    every request goes through ``kind()``."""
    return ProviderServer.for_spec("flow_project", config, project=project, stack=stack, cwd=cwd)


def run_program(
    directory: str | os.PathLike[str],
    *,
    emulator: EmulatorLike | None = None,
    provider_config: Mapping[str, Any] | None = None,
    project: str | None = None,
    stack: str = "dev",
    config: Mapping[str, Any] | None = None,
    secret_keys: Iterable[str] = (),
) -> ProgramRun:
    """Run the Pulumi project in ``directory`` as stack ``stack`` and return what it declared.

    ``directory`` holds a Pulumi.yaml (its ``name``, ``main`` and ``config`` defaults are used,
    then ``Pulumi.<stack>.yaml``) or is a bare program folder (then ``project`` is needed).
    ``config`` is applied last (keys without a namespace belong to the project; ``secret_keys``
    marks some of them secret). The provider runs when ``emulator`` (an ``Emulator`` or
    ``EmulatorProcess``: its endpoint, key pair and region become ``emrflow:endpoint`` and
    ``alicloud:*``) or ``provider_config`` (more stack config, e.g. the real endpoint and keys)
    is given; otherwise emrflow resources are only recorded. The program and the provider see
    the same stack config, as under the CLI. Raises ``ProgramRunError`` when the program fails.
    """
    extra = {**(stack_config_for(emulator) if emulator is not None else {})}
    extra.update(provider_config or {})
    given = {**extra, **(config or {})}
    settings = load_project(
        Path(directory),
        project=project,
        stack=stack,
        config=given,
        secret_keys=[*secret_keys, *(k for k in _SECRET_PROVIDER_KEYS if k in given)],
    )
    use_provider = emulator is not None or provider_config is not None
    if not use_provider:
        return _run(settings, stack, None)
    with _server(settings.config, settings.name, stack, str(settings.program)) as server:
        return _run(settings, stack, server)


def _run(settings: ProjectSettings, stack: str, server: ProviderServer | None) -> ProgramRun:
    mocks = ProviderMocks(server)
    outputs: dict[str, Any] = {}
    provider_config = dict(settings.config) if server is not None else None
    run = ProgramRun(settings, stack, mocks.resources, outputs, provider_config)
    with _RUN_LOCK:
        set_root_resource(None)  # type: ignore[arg-type]  # a fresh Stack: no earlier outputs
        pulumi.runtime.set_mocks(mocks, project=settings.name, stack=stack, preview=False)
        pulumi.runtime.set_all_config(dict(settings.config), sorted(settings.secret_keys))
        try:
            with program_modules(settings.program):
                _execute(settings.program, outputs)
        except Exception as exc:
            failure = mocks.failure or exc
            raise ProgramRunError(f"{settings.name} ({stack}): {failure}", run) from exc
        finally:
            pulumi.runtime.set_all_config({}, [])
    if mocks.failure is not None:
        raise ProgramRunError(f"{settings.name} ({stack}): {mocks.failure}", run)
    return run


def _execute(program: Path, outputs: dict[str, Any]) -> None:
    """Run ``program``'s ``__main__.py`` and collect the stack outputs into ``outputs``."""

    @pulumi.runtime.test  # type: ignore[untyped-decorator]
    def body() -> pulumi.Output[Any]:
        runpy.run_path(str(program), run_name="__main__")
        root = pulumi.runtime.get_root_resource()
        exported = dict(getattr(root, "outputs", {}) or {})
        return pulumi.Output.from_input(exported).apply(outputs.update)

    body()
