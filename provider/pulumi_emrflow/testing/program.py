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

A run is a stack: it keeps its state. ``run.preview(config=..., directory=...)`` runs the program
again against that state and returns a ``Plan`` saying, per resource, what ``pulumi preview``
would (create, update and which properties, replace and which property forced it, delete, same;
unknowns stay unknown) without any API call; ``run.up(...)`` applies it through a provider
server (Update, replacement, Delete of what the program no longer declares) and updates the run
in place, so re-running a program never creates its projects again::

    plan = run.preview(config={"memoryMb": "8192"})
    assert plan.step("prod-load-users").op == "update"
    print(plan)                      # ... Resources: ~ 4 to update, 3 unchanged
    run.up(config={"memoryMb": "8192"})

``preview_program`` previews a new stack. What it is NOT: there is no Go engine; resources are
matched across runs by type and logical name (parents and ``aliases`` are not followed); stack
transforms, ``protect`` and ``ignore_changes`` are not applied; a delete-before-replace does not
replace the resources that depend on it; ``pulumi import`` does not exist. Use
``testing.engine.ProviderServer`` for one resource's RPCs, and the real CLI (tests/e2e) for
the whole thing.
"""

from __future__ import annotations

import os
import runpy
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime.settings import set_root_resource

from pulumi_emrflow.testing.deployment import StackMocks, state_key
from pulumi_emrflow.testing.engine import (
    EmulatorLike,
    ProviderCallError,
    ProviderServer,
    stack_config_for,
)
from pulumi_emrflow.testing.interrupts import sigint_noted
from pulumi_emrflow.testing.mocks import DeclaredResource, ProviderMocks, RunFailure
from pulumi_emrflow.testing.plan import Plan
from pulumi_emrflow.testing.program_modules import program_modules
from pulumi_emrflow.testing.project_config import ProjectSettings, load_project

__all__ = ["DeclaredResource", "ProgramRun", "ProgramRunError", "preview_program", "run_program"]

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


@dataclass(frozen=True)
class _Arguments:
    """What a run was asked for, so that a preview or an up can run the program again."""

    directory: Path
    project: str | None
    stack: str
    given: dict[str, Any] = field(repr=False)  # holds credentials: never shown
    secret_keys: tuple[str, ...]
    use_provider: bool

    def settings(self) -> ProjectSettings:
        return load_project(
            self.directory,
            project=self.project,
            stack=self.stack,
            config=self.given,
            secret_keys=[
                *self.secret_keys,
                *(k for k in _SECRET_PROVIDER_KEYS if k in self.given),
            ],
        )

    def changed(
        self,
        config: Mapping[str, Any] | None,
        directory: str | os.PathLike[str] | None,
        secret_keys: Iterable[str],
    ) -> _Arguments:
        """These arguments with ``config`` set over the previous config and, when given,
        another ``directory`` (the edited program)."""
        return replace(
            self,
            directory=Path(directory) if directory is not None else self.directory,
            given={**self.given, **(config or {})},
            secret_keys=(*self.secret_keys, *secret_keys),
        )


class ProgramRun:
    """A stack after ``run_program``: ``resources`` in the order their registration finished
    (dependencies first), the stack ``outputs`` (plain values), ``plan`` (what the last up did),
    ``preview()``, ``up()`` and ``destroy()``."""

    def __init__(
        self,
        settings: ProjectSettings,
        stack: str,
        resources: list[DeclaredResource],
        outputs: dict[str, Any],
        provider_config: dict[str, str] | None,
        arguments: _Arguments | None = None,
    ) -> None:
        self.project = settings.name
        self.stack = stack
        self.resources = resources
        self.outputs = outputs
        self.plan = Plan(())
        """The steps of the last up (``run_program`` is the first: every resource created)."""
        self.pending_deletes: list[DeclaredResource] = []
        """Old objects of replacements not deleted yet because the up failed; the next up or
        ``destroy()`` deletes them."""
        self._directory = str(settings.program)
        self._provider_config = provider_config  # holds credentials: never shown
        self._arguments = arguments

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

    def preview(
        self,
        *,
        config: Mapping[str, Any] | None = None,
        directory: str | os.PathLike[str] | None = None,
        secret_keys: Iterable[str] = (),
    ) -> Plan:
        """``pulumi preview``: run the program (from ``directory`` when given, e.g. an edited
        copy) with ``config`` set over this stack's config, against this run's state, and return
        what an up would do. Only Check and Diff are called: no API call, nothing changes.
        Raises ``ProgramRunError`` when the program or a check fails."""
        return self._deploy(self._arguments_for(config, directory, secret_keys), preview=True)

    def up(
        self,
        *,
        config: Mapping[str, Any] | None = None,
        directory: str | os.PathLike[str] | None = None,
        secret_keys: Iterable[str] = (),
    ) -> Plan:
        """``pulumi up``: as ``preview``, then Create, Update, replace and Delete through a
        provider server; this run then holds the new state (and keeps the new config for the
        next preview). Returns the steps done. On failure, raises ``ProgramRunError`` and the
        run holds what exists: what was done, and what was not touched yet."""
        arguments = self._arguments_for(config, directory, secret_keys)
        plan = self._deploy(arguments, preview=False)
        self._arguments = arguments
        return plan

    def destroy(self) -> list[DeclaredResource]:
        """``pulumi destroy``: Delete every ``created`` resource, last registered first, through
        a fresh provider server (as the engine starts one per operation). Returns what was
        deleted; a failing Delete raises ``ProgramRunError`` and keeps the rest listed."""
        created = [r for r in self.resources if r.status == "created"]
        if not (created or self.pending_deletes) or self._provider_config is None:
            return []
        deleted: list[DeclaredResource] = []
        with _server(self._provider_config, self.project, self.stack, self._directory) as server:
            kinds = {spec.type_name: spec.name for spec in _specs()}
            for resource in [*reversed(created), *self.pending_deletes]:
                handle = server.kind(kinds[resource.kind])
                try:
                    handle.delete(resource.name, resource.id, resource.outputs)
                except ProviderCallError as exc:
                    message = f"{self.project} ({self.stack}): {resource.kind} {resource.name!r}"
                    raise ProgramRunError(f"{message}: {exc}", self) from None
                if resource in self.pending_deletes:
                    self.pending_deletes.remove(resource)
                else:
                    self.resources.remove(resource)
                deleted.append(resource)
        return deleted

    # ---- the deployment ----------------------------------------------------------------------
    def _arguments_for(
        self,
        config: Mapping[str, Any] | None,
        directory: str | os.PathLike[str] | None,
        secret_keys: Iterable[str],
    ) -> _Arguments:
        if self._arguments is None or not self._arguments.use_provider:
            raise ValueError(
                "this run only recorded its resources (no emulator= or provider_config=): "
                "preview() and up() compare with what the provider created"
            )
        return self._arguments.changed(config, directory, secret_keys)

    def _deploy(self, arguments: _Arguments, *, preview: bool) -> Plan:
        settings = arguments.settings()
        stack = arguments.stack
        outputs: dict[str, Any] = {}
        with _server(settings.config, settings.name, stack, str(settings.program)) as server:
            mocks = StackMocks(server, list(self.resources), preview=preview)
            mocks.deferred.extend(self.pending_deletes)
            failure = _execute_with(mocks, settings, stack, outputs, preview=preview)
            if failure is None:
                try:
                    mocks.finish()
                except RunFailure as exc:
                    failure = exc
        if not preview:
            self._adopt(mocks, outputs if failure is None else None, settings)
        if failure is not None:
            raise ProgramRunError(f"{settings.name} ({stack}): {failure}", self)
        return mocks.plan()

    def _adopt(
        self, mocks: StackMocks, outputs: dict[str, Any] | None, settings: ProjectSettings
    ) -> None:
        """Take the state an up left: what it registered, then what it did not reach."""
        registered = {state_key(r) for r in mocks.resources}
        gone = {id(r) for r in mocks.deleted}
        left = [r for r in self.resources if state_key(r) not in registered and id(r) not in gone]
        self.resources[:] = [*mocks.resources, *left]
        self.pending_deletes = [r for r in mocks.deferred if id(r) not in gone]
        self.plan = mocks.plan()
        self._provider_config = dict(settings.config)
        self._directory = str(settings.program)
        if outputs is not None:
            self.outputs.clear()
            self.outputs.update(outputs)


def _specs() -> list[Any]:
    from pulumi_emrflow.specs import get_spec, spec_names

    return [get_spec(name) for name in spec_names()]


def _server(config: Mapping[str, str], project: str, stack: str, cwd: str) -> ProviderServer:
    """A provider server for the stack (started by its ``with``); the first kind is arbitrary,
    every request goes through ``kind()``."""
    return ProviderServer.for_spec("flow_project", config, project=project, stack=stack, cwd=cwd)


def _arguments(
    directory: str | os.PathLike[str],
    emulator: EmulatorLike | None,
    provider_config: Mapping[str, Any] | None,
    project: str | None,
    stack: str,
    config: Mapping[str, Any] | None,
    secret_keys: Iterable[str],
) -> _Arguments:
    extra = {**(stack_config_for(emulator) if emulator is not None else {})}
    extra.update(provider_config or {})
    given = {**extra, **(config or {})}
    use_provider = emulator is not None or provider_config is not None
    return _Arguments(Path(directory), project, stack, given, tuple(secret_keys), use_provider)


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
    """Run the Pulumi project in ``directory`` as a new stack ``stack`` and return it.

    ``directory`` holds a Pulumi.yaml (its ``name``, ``main`` and ``config`` defaults are used,
    then ``Pulumi.<stack>.yaml``) or is a bare program folder (then ``project`` is needed).
    ``config`` is applied last (keys without a namespace belong to the project; ``secret_keys``
    marks some of them secret). The provider runs when ``emulator`` (an ``Emulator`` or
    ``EmulatorProcess``: its endpoint, key pair and region become ``emrflow:endpoint`` and
    ``alicloud:*``) or ``provider_config`` (more stack config, e.g. the real endpoint and keys)
    is given; otherwise emrflow resources are only recorded. The program and the provider see
    the same stack config, as under the CLI. Raises ``ProgramRunError`` when the program fails.
    To change the stack afterwards, use the run's ``preview()`` and ``up()``, not another
    ``run_program`` (which would be another stack, creating everything again).
    """
    arguments = _arguments(
        directory, emulator, provider_config, project, stack, config, secret_keys
    )
    settings = arguments.settings()
    if not arguments.use_provider:
        return _run(settings, stack, None, arguments)
    run = ProgramRun(settings, stack, [], {}, dict(settings.config), arguments)
    run._deploy(arguments, preview=False)
    return run


def preview_program(
    directory: str | os.PathLike[str],
    *,
    emulator: EmulatorLike | None = None,
    provider_config: Mapping[str, Any] | None = None,
    project: str | None = None,
    stack: str = "dev",
    config: Mapping[str, Any] | None = None,
    secret_keys: Iterable[str] = (),
) -> Plan:
    """``pulumi preview`` of a new stack: the arguments of ``run_program``; every emrflow
    resource is checked by the real provider server (no API call is made, so neither an
    emulator nor credentials are needed) and planned for creation. Raises ``ProgramRunError``
    when the program or a check fails."""
    arguments = _arguments(
        directory, emulator, provider_config, project, stack, config, secret_keys
    )
    arguments = replace(arguments, use_provider=True)
    settings = arguments.settings()
    run = ProgramRun(settings, stack, [], {}, None, arguments)
    return run._deploy(arguments, preview=True)


def _run(
    settings: ProjectSettings, stack: str, server: ProviderServer | None, arguments: _Arguments
) -> ProgramRun:
    mocks = ProviderMocks(server)
    outputs: dict[str, Any] = {}
    provider_config = dict(settings.config) if server is not None else None
    run = ProgramRun(settings, stack, mocks.resources, outputs, provider_config, arguments)
    failure = _execute_with(mocks, settings, stack, outputs, preview=False)
    if failure is not None:
        raise ProgramRunError(f"{settings.name} ({stack}): {failure}", run)
    return run


def _execute_with(
    mocks: ProviderMocks,
    settings: ProjectSettings,
    stack: str,
    outputs: dict[str, Any],
    *,
    preview: bool,
) -> BaseException | None:
    """Run the program under ``mocks``; the failure (the mocks' first, else the program's).
    A Ctrl-C makes the mocks refuse every further registration, so the program ends quickly,
    and is raised when it has (see ``interrupts.sigint_noted``)."""
    with _RUN_LOCK, sigint_noted(mocks.interrupt):
        set_root_resource(None)  # type: ignore[arg-type]  # a fresh Stack: no earlier outputs
        pulumi.runtime.set_mocks(mocks, project=settings.name, stack=stack, preview=preview)
        pulumi.runtime.set_all_config(dict(settings.config), sorted(settings.secret_keys))
        try:
            with program_modules(settings.program):
                _execute(settings.program, outputs)
        except Exception as exc:
            return mocks.failure or exc
        finally:
            pulumi.runtime.set_all_config({}, [])
    return mocks.failure


def _execute(program: Path, outputs: dict[str, Any]) -> None:
    """Run ``program``'s ``__main__.py`` and collect the stack outputs into ``outputs``."""

    @pulumi.runtime.test  # type: ignore[untyped-decorator]
    def body() -> pulumi.Output[Any]:
        runpy.run_path(str(program), run_name="__main__")
        root = pulumi.runtime.get_root_resource()
        exported = dict(getattr(root, "outputs", {}) or {})
        return pulumi.Output.from_input(exported).apply(outputs.update)

    body()
